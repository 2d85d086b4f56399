package io.deconflict.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.live.LiveSettings;
import io.deconflict.service.command.ChangeSettings;
import io.deconflict.service.command.CommandCodec;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Under dead reckoning a batch of reports looks only at the live situations due ({@link
 * LiveRefreshes}) instead of walking every open encounter: on seeded fleets (two parties' units
 * criss-crossing a small box, reporting every 5 s with noise, some under movements as formations, a
 * unit falling silent now and then) the two give the same facts, byte for byte and in the same
 * order, command after command; and so does a state restored from a snapshot midway (the due times
 * are rebuilt from what the snapshot holds).
 */
class LiveRefreshesGiveTheWalksFactsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

  @Test
  void theDueRefreshesGiveTheFactsOfTheWalkOverEveryEncounter() {
    for (long seed = 1; seed <= 4; seed++) {
      Deconfliction walk = state();
      walk.live().walkEveryEncounter(true);
      Deconfliction due = state();
      int updates = 0;
      List<Step> steps = scenario(seed);
      for (int i = 0; i < steps.size(); i++) {
        Step s = steps.get(i);
        if (i == steps.size() / 2) {
          due = Deconfliction.restore(due.directory(), due.defaults(), due.snapshot());
        }
        List<String> a = facts(walk.execute(s.type(), s.by(), s.body().deepCopy(), s.at()));
        List<String> b = facts(due.execute(s.type(), s.by(), s.body().deepCopy(), s.at()));
        assertThat(b).as("seed %d, step %d (%s at %s)", seed, i, s.type(), s.at()).isEqualTo(a);
        updates += (int) a.stream().filter(f -> f.startsWith(Deconfliction.ALERT_UPDATED)).count();
      }
      assertThat(updates).as("seed %d refreshed live situations", seed).isGreaterThan(20);
    }
  }

  record Step(String type, String by, Instant at, ObjectNode body) {}

  private static Deconfliction state() {
    List<Party> parties = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (String p : List.of("us", "ru")) {
      parties.add(new Party(p, p, "en"));
      members.add(new Member(p + "-officer", p, Role.OFFICER, p, Tokens.sha256("t-" + p)));
    }
    members.add(new Member("operator", Party.MECHANISM, Role.OPERATOR, "op", Tokens.sha256("o")));
    Deconfliction d = new Deconfliction(new Directory(parties, members), Defaults.STANDARD);
    OutcomeSettings on = OutcomeSettings.of(LiveSettings.DeadReckoning.DEFAULT, true);
    d.execute(
        ChangeSettings.TYPE,
        Deconfliction.SYSTEM,
        CommandCodec.encode(new ChangeSettings(on)),
        T0.minusSeconds(60));
    return d;
  }

  /** An agreement sharing positions, a movement per party, then 120 rounds of reports. */
  private static List<Step> scenario(long seed) {
    Random random = new Random(seed);
    List<Step> steps = new ArrayList<>();
    ObjectNode agreement = Json.object();
    agreement.putArray("parties").add("us").add("ru");
    agreement.putObject("sharing").put("us", "positions").put("ru", "positions");
    steps.add(new Step(Deconfliction.AGREEMENT_SET, "operator", T0.minusSeconds(50), agreement));
    for (String p : List.of("us", "ru")) {
      ObjectNode f = Json.object().put("type", "Feature").put("id", p + "-route");
      ArrayNode coords = f.putObject("geometry").put("type", "LineString").putArray("coordinates");
      coords.add(Json.array().add(40.0).add(36.0)).add(Json.array().add(40.2).add(36.2));
      f.putObject("properties")
          .putArray("times")
          .add(T0.minusSeconds(30).toString())
          .add(T0.plusSeconds(7200).toString());
      ObjectNode body = Json.object().put("kind", "movement").put("replace", false);
      body.set("feature", f);
      steps.add(new Step(Deconfliction.ITEM_NOTIFY, p + "-officer", T0.minusSeconds(40), body));
    }
    int units = 10;
    double[][] lon = new double[2][units];
    double[][] lat = new double[2][units];
    double[][] course = new double[2][units];
    for (int s = 0; s < 2; s++) {
      for (int u = 0; u < units; u++) {
        lon[s][u] = 40.0 + random.nextDouble() * 0.2;
        lat[s][u] = 36.0 + random.nextDouble() * 0.2;
        course[s][u] = random.nextDouble() * 360;
      }
    }
    for (int round = 0; round < 120; round++) {
      Instant t = T0.plusSeconds(5L * round);
      for (int s = 0; s < 2; s++) {
        String party = s == 0 ? "us" : "ru";
        ObjectNode body = Json.object();
        ArrayNode reports = body.putArray("reports");
        for (int u = 0; u < units; u++) {
          if (random.nextInt(40) == 0) {
            course[s][u] = random.nextDouble() * 360; // a turn: a departure from the prediction
          }
          double rad = Math.toRadians(course[s][u]);
          lon[s][u] += 5 * 15 * Math.sin(rad) / 89_600;
          lat[s][u] += 5 * 15 * Math.cos(rad) / 111_000;
          if (u == 3 && round % 30 > 20) {
            continue; // falls silent for a while
          }
          ObjectNode r =
              reports
                  .addObject()
                  .put("unit", party.charAt(0) + "-" + u)
                  .put("time", t.toString())
                  .put("lon", lon[s][u] + random.nextGaussian() * 2e-5)
                  .put("lat", lat[s][u] + random.nextGaussian() * 2e-5)
                  .put("course", course[s][u])
                  .put("speed", 15);
          if (u < 4) {
            r.put("movement", party + "-route");
          }
        }
        steps.add(new Step(Deconfliction.POSITIONS_REPORT, party + "-officer", t, body));
      }
      if (round % 20 == 19) {
        steps.add(new Step(Deconfliction.CLOCK_TICK, Deconfliction.SYSTEM, t, Json.object()));
      }
    }
    return steps;
  }

  private static List<String> facts(Outcome outcome) {
    List<String> out = new ArrayList<>();
    for (Fact f : outcome.facts()) {
      out.add(f.type() + " " + f.audience().toJson() + " " + f.body());
    }
    return out;
  }
}
