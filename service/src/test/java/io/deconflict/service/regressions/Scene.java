package io.deconflict.service.regressions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Fact;
import io.deconflict.service.Json;
import io.deconflict.service.Outcome;
import io.deconflict.service.OutcomeSettings;
import io.deconflict.service.command.ChangeSettings;
import io.deconflict.service.command.CommandCodec;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import io.deconflict.service.retention.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A state machine with parties us, ru, tr (an officer each) and an operator, driven by hand. */
final class Scene {

  static final Instant T0 = Instant.parse("2022-10-08T06:00:00Z");

  final Deconfliction state;
  Instant now = T0;
  final List<Fact> facts = new ArrayList<>();

  Scene() {
    this(Retention.DEFAULT);
  }

  /** The same parties and members, keeping what is over for {@code retention}. */
  Scene(Retention retention) {
    List<Party> parties = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (String p : List.of("us", "ru", "tr")) {
      parties.add(new Party(p, p, "en"));
      members.add(new Member(p + "-officer", p, Role.OFFICER, p, Tokens.sha256("t-" + p)));
    }
    members.add(new Member("operator", Party.MECHANISM, Role.OPERATOR, "op", Tokens.sha256("o")));
    state = new Deconfliction(new Directory(parties, members), Defaults.STANDARD, retention);
  }

  Member member(String id) {
    return state.directory().member(id).orElseThrow();
  }

  JsonNode run(String by, String type, ObjectNode body) {
    Outcome o = state.execute(type, by, body, now);
    facts.addAll(o.facts());
    return o.reply();
  }

  JsonNode agreement(String json) {
    try {
      return run("operator", Deconfliction.AGREEMENT_SET, (ObjectNode) Json.MAPPER.readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A two-point movement notified by {@code party}'s officer; {@code id} may be empty. */
  JsonNode movement(
      String party, String id, double lon1, double lat1, double lon2, double lat2, Instant start) {
    ObjectNode f = Json.object().put("type", "Feature");
    if (!id.isEmpty()) {
      f.put("id", id);
    }
    ObjectNode g = f.putObject("geometry").put("type", "LineString");
    g.putArray("coordinates")
        .add(Json.array().add(lon1).add(lat1))
        .add(Json.array().add(lon2).add(lat2));
    f.putObject("properties")
        .putArray("times")
        .add(start.toString())
        .add(start.plus(Duration.ofHours(1)).toString());
    ObjectNode body = Json.object().put("kind", "movement").put("replace", false);
    body.set("feature", f);
    return run(party + "-officer", Deconfliction.ITEM_NOTIFY, body);
  }

  /** Puts {@code settings} in force as the service does at its first write (D28). */
  void settings(OutcomeSettings settings) {
    run(
        Deconfliction.SYSTEM,
        Deconfliction.SETTINGS_CHANGE,
        CommandCodec.encode(new ChangeSettings(settings)));
  }

  /** The facts of a type journaled so far. */
  List<Fact> facts(String type) {
    return facts.stream().filter(f -> f.type().equals(type)).toList();
  }
}
