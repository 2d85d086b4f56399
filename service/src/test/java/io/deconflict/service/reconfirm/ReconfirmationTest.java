package io.deconflict.service.reconfirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Fact;
import io.deconflict.service.Json;
import io.deconflict.service.Outcome;
import io.deconflict.service.ServiceException;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reconfirmation of sites and zones in the state machine (D36): the owner is warned before, every
 * party that sees the item (and no other) is told of the lapse, a conflict with a lapsed site is
 * raised and marked, reconfirming restores it; the shortest period of the owner's agreements
 * applies; a replay and a state restored from a snapshot after any command give the same facts.
 */
class ReconfirmationTest {

  static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

  /** The commands run, to replay them. */
  record Step(String type, String by, ObjectNode body, Instant at) {}

  static final class Scene {
    final Deconfliction state;
    final List<Step> steps = new ArrayList<>();
    final List<Fact> facts = new ArrayList<>();

    Scene() {
      state = new Deconfliction(directory(), Defaults.STANDARD);
    }

    static Directory directory() {
      List<Party> parties = new ArrayList<>();
      List<Member> members = new ArrayList<>();
      for (String p : List.of("us", "ru", "tr")) {
        parties.add(new Party(p, p, "en"));
        members.add(new Member(p + "-officer", p, Role.OFFICER, p, Tokens.sha256("t-" + p)));
        members.add(new Member(p + "-observer", p, Role.OBSERVER, p, Tokens.sha256("o-" + p)));
      }
      members.add(new Member("operator", Party.MECHANISM, Role.OPERATOR, "op", Tokens.sha256("o")));
      return new Directory(parties, members);
    }

    Outcome run(String type, String by, ObjectNode body, Instant at) {
      Outcome o = state.execute(type, by, body.deepCopy(), at);
      steps.add(new Step(type, by, body.deepCopy(), at));
      facts.addAll(o.facts());
      return o;
    }

    Outcome agreement(String json, Instant at) {
      return run(Deconfliction.AGREEMENT_SET, "operator", parse(json), at);
    }

    Outcome site(String party, String id, double lon, double lat, Instant at) {
      ObjectNode f = Json.object().put("type", "Feature").put("id", id);
      f.putObject("geometry").put("type", "Point").putArray("coordinates").add(lon).add(lat);
      f.putObject("properties").put("radiusMeters", 500);
      ObjectNode body = Json.object().put("kind", "site").put("replace", false);
      body.set("feature", f);
      return run(Deconfliction.ITEM_NOTIFY, party + "-officer", body, at);
    }

    Outcome movementThrough(String party, String id, double lon, double lat, Instant start) {
      ObjectNode f = Json.object().put("type", "Feature").put("id", id);
      f.putObject("geometry")
          .put("type", "LineString")
          .putArray("coordinates")
          .add(Json.array().add(lon - 0.1).add(lat))
          .add(Json.array().add(lon + 0.1).add(lat));
      f.putObject("properties")
          .putArray("times")
          .add(start.toString())
          .add(start.plus(Duration.ofHours(1)).toString());
      ObjectNode body = Json.object().put("kind", "movement").put("replace", false);
      body.set("feature", f);
      return run(Deconfliction.ITEM_NOTIFY, party + "-officer", body, start.minusSeconds(60));
    }

    Outcome reconfirm(String by, String kind, String id, Instant at) {
      return run(
          Deconfliction.ITEM_RECONFIRM, by, Json.object().put("kind", kind).put("id", id), at);
    }

    Outcome tick(Instant at) {
      return run(Deconfliction.CLOCK_TICK, Deconfliction.SYSTEM, Json.object(), at);
    }

    List<Fact> since(int from, String type) {
      return facts.subList(from, facts.size()).stream().filter(f -> f.type().equals(type)).toList();
    }

    Member member(String id) {
      return state.directory().member(id).orElseThrow();
    }
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** us and ru agree on weekly reconfirmation, ru shares positions: us sees ru's sites. */
  static final String WEEKLY =
      "{\"parties\": [\"us\", \"ru\"], \"effectiveFrom\": \"2026-01-01T00:00:00Z\","
          + " \"reconfirmEvery\": \"P7D\", \"reconfirmWarnBefore\": \"P1D\","
          + " \"sharing\": {\"ru\": \"positions\"}}";

  @Test
  void theOwnerIsWarnedThenTheSiteLapsesForThoseWhoSeeItAndReconfirmingRestoresIt() {
    Scene s = new Scene();
    s.agreement(WEEKLY, T0);
    // tr is bound to ru too, but ru shares only conflicts with it: tr never sees ru's site
    s.agreement("{\"parties\": [\"tr\", \"ru\"], \"effectiveFrom\": \"2026-01-01T00:00:00Z\"}", T0);
    s.site("ru", "clinic", 40.7, 36.5, T0);
    assertThat(s.state.nextDeadline()).contains(T0.plus(Duration.ofDays(6)));
    JsonNode view = s.state.item(s.member("ru-officer"), "site", "ru", "clinic");
    assertThat(view.path("confirmedAt").asText()).isEqualTo(T0.toString());
    assertThat(view.path("reconfirmBy").asText()).isEqualTo(T0.plus(Duration.ofDays(7)).toString());
    assertThat(view.path("lapsed").asBoolean()).isFalse();

    int before = s.facts.size();
    s.tick(T0.plus(Duration.ofDays(6)).minusSeconds(1));
    assertThat(s.since(before, Deconfliction.ITEM_DUE)).isEmpty();
    s.tick(T0.plus(Duration.ofDays(6)));
    List<Fact> due = s.since(before, Deconfliction.ITEM_DUE);
    assertThat(due).hasSize(1);
    assertThat(due.get(0).audience().parties()).containsExactly("ru");
    assertThat(due.get(0).body().path("reconfirmBy").asText())
        .isEqualTo(T0.plus(Duration.ofDays(7)).toString());
    assertThat(
            s.state
                .item(s.member("ru-officer"), "site", "ru", "clinic")
                .path("reconfirmDue")
                .asBoolean())
        .isTrue();
    assertThat(s.state.nextDeadline()).contains(T0.plus(Duration.ofDays(7)));

    before = s.facts.size();
    Instant lapse = T0.plus(Duration.ofDays(7));
    s.tick(lapse.plusSeconds(5));
    List<Fact> lapsed = s.since(before, Deconfliction.ITEM_LAPSED);
    assertThat(lapsed).hasSize(1);
    assertThat(lapsed.get(0).audience().parties()).containsExactly("ru", "us");
    assertThat(lapsed.get(0).body().path("lapsedSince").asText()).isEqualTo(lapse.toString());
    assertThat(s.state.nextDeadline()).isEmpty();
    JsonNode seen = s.state.item(s.member("us-officer"), "site", "ru", "clinic");
    assertThat(seen.path("lapsed").asBoolean()).isTrue();
    assertThat(seen.path("lapsedSince").asText()).isEqualTo(lapse.toString());

    // a movement through the lapsed site: the conflict is raised all the same, marked lapsed
    before = s.facts.size();
    s.movementThrough("us", "convoy", 40.7, 36.5, lapse.plus(Duration.ofHours(2)));
    List<Fact> raised = s.since(before, "alert.raised");
    assertThat(raised).hasSize(2);
    for (Fact f : raised) {
      assertThat(f.body().path("kind").asText()).isEqualTo("movement-site");
      assertThat(f.body().path("lapsed").asBoolean()).as(f.body().toString()).isTrue();
      assertThat(f.body().path("lapsedSince").asText()).isEqualTo(lapse.toString());
      assertThat(f.body().path("level").asInt()).isEqualTo(1);
    }

    before = s.facts.size();
    Instant back = lapse.plus(Duration.ofHours(3));
    JsonNode reply = s.reconfirm("ru-officer", "site", "clinic", back).reply();
    assertThat(reply.path("restored").asBoolean()).isTrue();
    assertThat(reply.path("reconfirmBy").asText())
        .isEqualTo(back.plus(Duration.ofDays(7)).toString());
    List<Fact> restored = s.since(before, Deconfliction.ITEM_RESTORED);
    assertThat(restored).hasSize(1);
    assertThat(restored.get(0).audience().parties()).containsExactly("ru", "us");
    assertThat(restored.get(0).body().path("restoredBy").asText()).isEqualTo("reconfirmed");
    String alert = raised.get(0).body().path("id").asText();
    Member recipient = s.member(raised.get(0).body().path("recipient").asText() + "-officer");
    assertThat(s.state.alertView(recipient, alert).toJson().has("lapsed")).isFalse();
    JsonNode again = s.state.item(s.member("us-officer"), "site", "ru", "clinic");
    assertThat(again.path("lapsed").asBoolean()).isFalse();
    assertThat(again.path("reconfirmBy").asText())
        .isEqualTo(back.plus(Duration.ofDays(7)).toString());
    // nobody but ru and us heard of any of it
    for (Fact f : s.facts) {
      if (f.type().startsWith("item.") && !f.type().equals("item.notify")) {
        assertThat(f.audience().parties()).as(f.type()).doesNotContain("tr");
        assertThat(f.audience().operators()).isFalse();
      }
    }
  }

  @Test
  void theShortestPeriodOfTheOwnersAgreementsApplies() {
    Scene s = new Scene();
    s.agreement(WEEKLY, T0);
    s.agreement(
        "{\"parties\": [\"tr\", \"ru\"], \"effectiveFrom\": \"2026-01-01T00:00:00Z\","
            + " \"reconfirmEvery\": \"P3D\", \"sharing\": {\"ru\": \"everything\"}}",
        T0);
    s.site("ru", "clinic", 40.7, 36.5, T0);
    // P3D without a warning lead: a day before
    assertThat(s.state.nextDeadline()).contains(T0.plus(Duration.ofDays(2)));
    int before = s.facts.size();
    s.tick(T0.plus(Duration.ofDays(3)));
    List<Fact> lapsed = s.since(before, Deconfliction.ITEM_LAPSED);
    assertThat(lapsed).hasSize(1);
    assertThat(lapsed.get(0).body().path("every").asText()).isEqualTo("PT72H");
    assertThat(lapsed.get(0).audience().parties()).containsExactly("ru", "tr", "us");
    // us's own sites are held to the weekly period only
    s.site("us", "base", 41.0, 36.0, T0.plus(Duration.ofDays(3)));
    JsonNode base = s.state.item(s.member("us-officer"), "site", "us", "base");
    assertThat(base.path("reconfirmBy").asText())
        .isEqualTo(T0.plus(Duration.ofDays(10)).toString());
  }

  @Test
  void notifyingANewVersionReconfirmsAndRestores() {
    Scene s = new Scene();
    s.agreement(WEEKLY, T0);
    s.site("ru", "clinic", 40.7, 36.5, T0);
    s.tick(T0.plus(Duration.ofDays(8)));
    assertThat(
            s.state.item(s.member("ru-officer"), "site", "ru", "clinic").path("lapsed").asBoolean())
        .isTrue();
    ObjectNode f = Json.object().put("type", "Feature").put("id", "clinic");
    f.putObject("geometry").put("type", "Point").putArray("coordinates").add(40.71).add(36.5);
    f.putObject("properties").put("radiusMeters", 500);
    ObjectNode body = Json.object().put("kind", "site").put("replace", true);
    body.set("feature", f);
    int before = s.facts.size();
    s.run(Deconfliction.ITEM_NOTIFY, "ru-officer", body, T0.plus(Duration.ofDays(9)));
    List<Fact> restored = s.since(before, Deconfliction.ITEM_RESTORED);
    assertThat(restored).hasSize(1);
    assertThat(restored.get(0).body().path("restoredBy").asText()).isEqualTo("notified again");
    assertThat(restored.get(0).body().path("version").asInt()).isEqualTo(2);
  }

  @Test
  void anAgreementThatNoLongerAsksRestoresWhatLapsedAtTheNextTick() {
    Scene s = new Scene();
    s.agreement(WEEKLY, T0);
    s.site("ru", "clinic", 40.7, 36.5, T0);
    s.tick(T0.plus(Duration.ofDays(8)));
    ObjectNode revised =
        parse(
            "{\"id\": \"ag-1\", \"parties\": [\"us\", \"ru\"],"
                + " \"sharing\": {\"ru\": \"positions\"}}");
    Instant at = T0.plus(Duration.ofDays(9));
    s.run(Deconfliction.AGREEMENT_SET, "operator", revised, at);
    assertThat(s.state.nextDeadline()).contains(at);
    int before = s.facts.size();
    s.tick(at.plusSeconds(1));
    List<Fact> restored = s.since(before, Deconfliction.ITEM_RESTORED);
    assertThat(restored).hasSize(1);
    assertThat(restored.get(0).body().path("restoredBy").asText())
        .isEqualTo("no agreement asks for its reconfirmation now");
    assertThat(s.state.nextDeadline()).isEmpty();
  }

  @Test
  void anAgreementTakingEffectLaterIsTickedAtWhenItTakesEffect() {
    Scene s = new Scene();
    Instant from = T0.plus(Duration.ofDays(30));
    s.agreement(
        "{\"parties\": [\"us\", \"ru\"], \"effectiveFrom\": \""
            + from
            + "\", \"reconfirmEvery\": \"P7D\"}",
        T0);
    s.site("ru", "clinic", 40.7, 36.5, T0);
    assertThat(s.state.nextDeadline()).contains(from);
    int before = s.facts.size();
    s.tick(from);
    // confirmed 30 days before a weekly period took effect: it lapses at once, since when it
    // became due
    List<Fact> lapsed = s.since(before, Deconfliction.ITEM_LAPSED);
    assertThat(lapsed).hasSize(1);
    assertThat(s.state.nextDeadline()).isEmpty();
  }

  @Test
  void onlyTheOwnersOfficersReconfirmAndOnlyWhatTheyHave() {
    Scene s = new Scene();
    s.agreement(WEEKLY, T0);
    s.site("ru", "clinic", 40.7, 36.5, T0);
    Instant at = T0.plusSeconds(60);
    assertThatThrownBy(() -> s.reconfirm("us-officer", "site", "clinic", at))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.kind()).isEqualTo(ServiceException.Kind.NOT_FOUND));
    assertThatThrownBy(() -> s.reconfirm("ru-observer", "site", "clinic", at))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.kind()).isEqualTo(ServiceException.Kind.FORBIDDEN));
    assertThatThrownBy(() -> s.reconfirm("ru-officer", "zone", "clinic", at))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.kind()).isEqualTo(ServiceException.Kind.NOT_FOUND));
    assertThatThrownBy(() -> s.reconfirm("operator", "site", "clinic", at))
        .isInstanceOf(ServiceException.class);
    s.run(
        Deconfliction.ITEM_CANCEL,
        "ru-officer",
        Json.object().put("kind", "site").put("id", "clinic"),
        at);
    assertThatThrownBy(() -> s.reconfirm("ru-officer", "site", "clinic", at.plusSeconds(1)))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.kind()).isEqualTo(ServiceException.Kind.NOT_FOUND));
    assertThat(s.state.nextDeadline()).isEmpty();
  }

  @Test
  void aSiteWhoseValidityEndedIsNeitherWarnedNorLapsedNorReconfirmed() {
    Scene s = new Scene();
    s.agreement(WEEKLY, T0);
    ObjectNode f = Json.object().put("type", "Feature").put("id", "camp");
    f.putObject("geometry").put("type", "Point").putArray("coordinates").add(40.7).add(36.5);
    f.putObject("properties")
        .put("radiusMeters", 500)
        .put("validUntil", T0.plus(Duration.ofDays(3)).toString());
    ObjectNode body = Json.object().put("kind", "site").put("replace", false);
    body.set("feature", f);
    s.run(Deconfliction.ITEM_NOTIFY, "ru-officer", body, T0);
    assertThat(s.state.nextDeadline()).isEmpty();
    int before = s.facts.size();
    s.tick(T0.plus(Duration.ofDays(10)));
    assertThat(s.facts.subList(before, s.facts.size()))
        .noneMatch(x -> x.type().startsWith("item."));
    assertThatThrownBy(
            () -> s.reconfirm("ru-officer", "site", "camp", T0.plus(Duration.ofDays(10))))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.kind()).isEqualTo(ServiceException.Kind.CONFLICT));
  }

  @Test
  void agreementsWithoutAPeriodLapseNothing() {
    Scene s = new Scene();
    s.agreement(
        "{\"parties\": [\"us\", \"ru\"], \"effectiveFrom\": \"2026-01-01T00:00:00Z\","
            + " \"sharing\": {\"ru\": \"positions\"}}",
        T0);
    s.site("ru", "clinic", 40.7, 36.5, T0);
    assertThat(s.state.nextDeadline()).isEmpty();
    s.tick(T0.plus(Duration.ofDays(400)));
    assertThat(s.facts)
        .noneMatch(f -> f.type().startsWith("item.") && !f.type().equals("item.notify"));
    JsonNode view = s.state.item(s.member("ru-officer"), "site", "ru", "clinic");
    assertThat(view.has("reconfirmBy")).isFalse();
    assertThat(view.path("lapsed").asBoolean()).isFalse();
    assertThat(s.state.agreements(s.member("operator")).get(0).reconfirm()).isEmpty();
  }

  @Test
  void aBadPeriodIsRefusedNamingTheField() {
    Scene s = new Scene();
    String base = "{\"parties\": [\"us\", \"ru\"]";
    assertThat(refusedField(s, base + ", \"reconfirmEvery\": \"PT0S\"}"))
        .isEqualTo("/reconfirmEvery");
    assertThat(refusedField(s, base + ", \"reconfirmEvery\": \"weekly\"}"))
        .isEqualTo("/reconfirmEvery");
    assertThat(refusedField(s, base + ", \"reconfirmEvery\": \"-P7D\"}"))
        .isEqualTo("/reconfirmEvery");
    assertThat(refusedField(s, base + ", \"reconfirmWarnBefore\": \"P1D\"}"))
        .isEqualTo("/reconfirmWarnBefore");
    assertThat(
            refusedField(
                s, base + ", \"reconfirmEvery\": \"P7D\", \"reconfirmWarnBefore\": \"P7D\"}"))
        .isEqualTo("/reconfirmWarnBefore");
    assertThat(
            refusedField(
                s, base + ", \"reconfirmEvery\": \"P7D\", \"reconfirmWarnBefore\": \"-PT1H\"}"))
        .isEqualTo("/reconfirmWarnBefore");
    assertThat(s.facts).isEmpty();
    // a short period gets half of it as its warning lead
    JsonNode reply = s.agreement(base + ", \"reconfirmEvery\": \"PT12H\"}", T0).reply();
    assertThat(reply.path("id").asText()).isEqualTo("ag-1");
    assertThat(
            s.state.agreements(s.member("operator")).get(0).reconfirm().orElseThrow().warnBefore())
        .isEqualTo(Duration.ofHours(6));
  }

  private static String refusedField(Scene s, String json) {
    try {
      s.state.execute(Deconfliction.AGREEMENT_SET, "operator", parse(json), T0);
    } catch (ServiceException e) {
      assertThat(e.kind()).isEqualTo(ServiceException.Kind.INVALID);
      assertThat(e.getMessage()).startsWith(e.field());
      return e.field();
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void aReplayAndARestoredStateGiveTheSameFacts() {
    Scene s = new Scene();
    s.agreement(WEEKLY, T0);
    s.agreement(
        "{\"parties\": [\"tr\", \"ru\"], \"effectiveFrom\": \"2026-01-01T00:00:00Z\","
            + " \"reconfirmEvery\": \"P5D\", \"sharing\": {\"ru\": \"positions\"}}",
        T0);
    s.site("ru", "clinic", 40.7, 36.5, T0);
    s.site("ru", "school", 40.9, 36.5, T0.plus(Duration.ofDays(1)));
    s.site("us", "base", 41.2, 36.5, T0.plus(Duration.ofDays(1)));
    for (int day = 1; day <= 12; day++) {
      s.tick(T0.plus(Duration.ofDays(day)).plusSeconds(1));
      if (day == 6) {
        s.movementThrough("us", "convoy", 40.7, 36.5, T0.plus(Duration.ofDays(6)));
      }
      if (day == 8) {
        s.reconfirm("ru-officer", "site", "clinic", T0.plus(Duration.ofDays(8)).plusSeconds(2));
      }
    }
    assertThat(s.facts).anyMatch(f -> f.type().equals(Deconfliction.ITEM_LAPSED));
    assertThat(s.facts).anyMatch(f -> f.type().equals(Deconfliction.ITEM_RESTORED));
    // replayed from nothing, from the command bodies as journaled (regression: the journal's
    // agreement.set left reconfirmEvery out, so a restart forgot every period)
    Deconfliction replay = new Deconfliction(Scene.directory(), Defaults.STANDARD);
    List<String> again = new ArrayList<>();
    List<Fact> journaled = s.facts.stream().filter(Fact::command).toList();
    assertThat(journaled).hasSameSizeAs(s.steps);
    for (int i = 0; i < s.steps.size(); i++) {
      Step step = s.steps.get(i);
      ObjectNode body = journaled.get(i).body().deepCopy();
      body.remove("result");
      again.addAll(json(replay.execute(step.type(), step.by(), body, step.at())));
    }
    assertThat(again).isEqualTo(json(s.facts));
    assertThat(replay.snapshot()).isEqualTo(s.state.snapshot());
    // restored from a snapshot before each command, against a state that never stopped
    Deconfliction original = new Deconfliction(Scene.directory(), Defaults.STANDARD);
    for (Step step : s.steps) {
      byte[] snapshot = original.snapshot();
      Deconfliction copy = Deconfliction.restore(Scene.directory(), Defaults.STANDARD, snapshot);
      assertThat(copy.snapshot()).isEqualTo(snapshot);
      Outcome a = original.execute(step.type(), step.by(), step.body().deepCopy(), step.at());
      Outcome b = copy.execute(step.type(), step.by(), step.body().deepCopy(), step.at());
      assertThat(json(b.facts())).isEqualTo(json(a.facts()));
      assertThat(copy.nextDeadline()).isEqualTo(original.nextDeadline());
    }
  }

  private static List<String> json(Outcome o) {
    return json(o.facts());
  }

  private static List<String> json(List<Fact> facts) {
    List<String> out = new ArrayList<>();
    for (Fact f : facts) {
      out.add(f.type() + " " + f.audience().toJson() + " " + f.body());
    }
    return out;
  }
}
