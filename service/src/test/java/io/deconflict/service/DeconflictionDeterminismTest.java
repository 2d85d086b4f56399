package io.deconflict.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random command sequences give byte-identical facts on two fresh state machines, and the
 * alerts always match the conflicts: two per live conflict, resolved when it vanishes.
 */
class DeconflictionDeterminismTest {

  static final Instant T0 = Instant.parse("2022-10-08T06:00:00Z");
  static final List<String> PARTIES = List.of("us", "ru", "tr");

  static Directory directory() {
    List<Party> parties = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (String p : PARTIES) {
      parties.add(new Party(p, p.toUpperCase(java.util.Locale.ROOT), "en"));
      members.add(new Member(p + "-officer", p, Role.OFFICER, p, Tokens.sha256("t-" + p)));
    }
    members.add(
        new Member("operator", Party.MECHANISM, Role.OPERATOR, "op", Tokens.sha256("t-op")));
    return new Directory(parties, members);
  }

  /** One random command: who, type, body, and how far the clock moves before it. */
  record Step(String by, String type, ObjectNode body, Duration pause) {}

  static List<Step> script(long seed, int length) {
    Random random = new Random(seed);
    List<Step> steps = new ArrayList<>();
    ObjectNode agreement = Json.object();
    agreement.putArray("parties").add("us").add("ru");
    agreement.put("separationMeters", 2000);
    steps.add(new Step("operator", Deconfliction.AGREEMENT_SET, agreement, Duration.ZERO));
    for (int i = 0; i < length; i++) {
      String party = PARTIES.get(random.nextInt(PARTIES.size()));
      int roll = random.nextInt(10);
      String id = "m-" + random.nextInt(8);
      Duration wait = Duration.ofSeconds(random.nextInt(400));
      if (roll < 7) {
        ObjectNode body = Json.object().put("kind", "movement").put("replace", false);
        body.set("feature", feature(random, id));
        steps.add(new Step(party + "-officer", Deconfliction.ITEM_NOTIFY, body, wait));
        ObjectNode replace = body.deepCopy().put("replace", true);
        steps.add(new Step(party + "-officer", Deconfliction.ITEM_NOTIFY, replace, Duration.ZERO));
      } else if (roll < 9) {
        steps.add(
            new Step(
                party + "-officer",
                Deconfliction.ITEM_CANCEL,
                Json.object().put("kind", "movement").put("id", id),
                wait));
      } else {
        steps.add(
            new Step("system", Deconfliction.CLOCK_TICK, Json.object(), Duration.ofMinutes(15)));
      }
    }
    return steps;
  }

  static JsonNode feature(Random random, String id) {
    double lon1 = 40.5 + random.nextDouble() * 0.3;
    double lat1 = 36.4 + random.nextDouble() * 0.3;
    double lon2 = 40.5 + random.nextDouble() * 0.3;
    double lat2 = 36.4 + random.nextDouble() * 0.3;
    Instant start = T0.plus(Duration.ofHours(30)).plusSeconds(random.nextInt(3600));
    Instant end = start.plusSeconds(1800 + random.nextInt(3600));
    ObjectNode f = Json.object().put("type", "Feature").put("id", id);
    ObjectNode g = f.putObject("geometry").put("type", "LineString");
    g.putArray("coordinates")
        .add(Json.array().add(lon1).add(lat1))
        .add(Json.array().add(lon2).add(lat2));
    f.putObject("properties").putArray("times").add(start.toString()).add(end.toString());
    return f;
  }

  /** Runs a script; returns every fact as text, refused commands as their error. */
  static List<String> run(List<Step> steps, Deconfliction state) {
    List<String> out = new ArrayList<>();
    Instant now = T0;
    for (Step step : steps) {
      now = now.plus(step.pause());
      try {
        Outcome o = state.execute(step.type(), step.by(), step.body(), now);
        for (Fact f : o.facts()) {
          out.add(f.type() + " " + f.audience() + " " + f.body());
        }
      } catch (ServiceException e) {
        out.add("refused " + e.kind() + " " + e.getMessage());
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 20221008})
  void theSameCommandsGiveTheSameFactsAndAlertsFollowConflicts(long seed) {
    List<Step> steps = script(seed, 120);
    Deconfliction first = new Deconfliction(directory(), Defaults.STANDARD);
    List<String> a = run(steps, first);
    List<String> b = run(steps, new Deconfliction(directory(), Defaults.STANDARD));
    assertThat(b).as("seed " + seed).isEqualTo(a);

    // alerts follow conflicts: per conflict id, the raised alerts and whether they were resolved
    Map<String, Integer> raised = new TreeMap<>();
    Map<String, Integer> resolved = new TreeMap<>();
    for (String fact : a) {
      String conflict = fact.replaceAll(".*\"conflictId\":\"(cf-[0-9]+)\".*", "$1");
      if (fact.startsWith(Deconfliction.ALERT_RAISED + " ")) {
        raised.merge(conflict, 1, Integer::sum);
      } else if (fact.startsWith(Deconfliction.ALERT_RESOLVED + " ")) {
        resolved.merge(conflict, 1, Integer::sum);
      }
    }
    assertThat(raised.values())
        .as("seed " + seed + ": two alerts per conflict")
        .allMatch(n -> n == 2);
    assertThat(resolved.values()).allMatch(n -> n == 2);
    Member us = directory().member("us-officer").orElseThrow();
    for (JsonNode alert : first.alerts(us, java.util.Optional.of("open"), 10_000)) {
      assertThat(resolved)
          .as("an open alert's conflict was not resolved")
          .doesNotContainKey(alert.path("conflictId").asText());
    }
  }
}
