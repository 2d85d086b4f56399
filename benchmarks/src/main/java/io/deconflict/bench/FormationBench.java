package io.deconflict.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.live.LiveSettings;
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
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Formations (D29) in the state machine alone: P patrol pairs (us and ru, V vehicles each, 1.5 km
 * apart, head on, 20 m/s, reporting under their movements every 10 s for R rounds, then turning
 * back): facts and journal bytes under the old rules (one alert per unit pair) and the new (one per
 * pair of formations), and the state machine's processor time per report batch (this thread's).
 * Arguments: pairs, vehicles per patrol, rounds, repetitions (the last one is printed; the first
 * ones warm the JIT). Not thread-safe; a command.
 */
public final class FormationBench {

  private FormationBench() {}

  static final Instant T0 = Instant.parse("2022-10-08T06:00:00Z");

  public static void main(String[] args) throws Exception {
    int pairs = Integer.parseInt(args[0]);
    int vehicles = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    int reps = Integer.parseInt(args[3]);
    for (int rep = 0; rep < reps; rep++) {
      for (boolean formations : new boolean[] {false, true}) {
        run(pairs, vehicles, rounds, formations, rep == reps - 1);
      }
    }
  }

  static void run(int pairs, int vehicles, int rounds, boolean formations, boolean print)
      throws Exception {
    List<Party> parties = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (String p : List.of("us", "ru")) {
      parties.add(new Party(p, p, "en"));
      members.add(new Member(p + "-officer", p, Role.OFFICER, p, Tokens.sha256("t-" + p)));
    }
    members.add(new Member("operator", Party.MECHANISM, Role.OPERATOR, "op", Tokens.sha256("o")));
    Deconfliction d = new Deconfliction(new Directory(parties, members), Defaults.STANDARD);
    Map<String, Integer> count = new TreeMap<>();
    long[] bytes = {0};
    Instant now = T0;
    // the settings a service journals at its first write (D28), dead reckoning off as before
    exec(
        d,
        Deconfliction.SYSTEM,
        Deconfliction.SETTINGS_CHANGE,
        CommandCodec.encode(
            new ChangeSettings(OutcomeSettings.of(LiveSettings.DeadReckoning.OFF, formations))),
        now,
        count,
        bytes);
    exec(
        d,
        "operator",
        "agreement.set",
        (ObjectNode)
            Json.MAPPER.readTree(
                "{\"parties\":[\"us\",\"ru\"],\"sharing\":{\"us\":\"positions\",\"ru\":\"positions\"}}"),
        now,
        count,
        bytes);
    for (int p = 0; p < pairs; p++) {
      double lat = 36.0 + p * 0.05; // 5.5 km between patrol lanes
      exec(
          d,
          "us-officer",
          "item.notify",
          movement("us-p" + p, 40.60, lat, 40.80, lat),
          now,
          count,
          bytes);
      exec(
          d,
          "ru-officer",
          "item.notify",
          movement("ru-p" + p, 40.80, lat, 40.60, lat),
          now,
          count,
          bytes);
    }
    Map<String, Integer> before = new TreeMap<>(count);
    long cpu = 0;
    int batches = 0;
    var mx = ManagementFactory.getThreadMXBean();
    for (int r = 0; r <= rounds; r++) {
      Instant t = T0.plusSeconds(10L * r);
      boolean back = r == rounds;
      double run = 20.0 * 10 * r / 89_600;
      for (String side : List.of("us", "ru")) {
        ObjectNode body = Json.object();
        ArrayNode reports = body.putArray("reports");
        for (int p = 0; p < pairs; p++) {
          double lat = 36.0 + p * 0.05;
          double course = side.equals("us") ? (back ? 270 : 90) : (back ? 90 : 270);
          double lead = side.equals("us") ? 40.65 + run : 40.80 - run;
          double behind = side.equals("us") ? -1 : 1;
          for (int k = 0; k < vehicles; k++) {
            reports
                .addObject()
                .put("unit", side + "-p" + p + "-v" + k)
                .put("time", t.toString())
                .put("lon", lead + behind * k * 1500 / 89_600)
                .put("lat", lat)
                .put("course", course)
                .put("speed", 20)
                .put("movement", side + "-p" + p);
          }
        }
        long c0 = mx.getCurrentThreadCpuTime();
        exec(d, side + "-officer", "positions.report", body, t, count, bytes);
        cpu += mx.getCurrentThreadCpuTime() - c0;
        batches++;
      }
    }
    if (print) {
      Map<String, Integer> live = new TreeMap<>();
      count.forEach((k, v) -> live.put(k, v - before.getOrDefault(k, 0)));
      System.out.printf(
          "formations=%s pairs=%d vehicles=%d rounds=%d: facts from reports %s, journal bytes %d, CPU %.2f ms per batch of %d reports%n",
          formations,
          pairs,
          vehicles,
          rounds + 1,
          live,
          bytes[0],
          cpu / 1e6 / batches,
          pairs * vehicles);
    }
  }

  static ObjectNode movement(String id, double lon1, double lat1, double lon2, double lat2) {
    ObjectNode f = Json.object().put("type", "Feature").put("id", id);
    ObjectNode g = f.putObject("geometry").put("type", "LineString");
    g.putArray("coordinates")
        .add(Json.array().add(lon1).add(lat1))
        .add(Json.array().add(lon2).add(lat2));
    f.putObject("properties")
        .putArray("times")
        .add(T0.minusSeconds(600).toString())
        .add(T0.plusSeconds(1800).toString());
    ObjectNode body = Json.object().put("kind", "movement").put("replace", false);
    body.set("feature", f);
    return body;
  }

  static void exec(
      Deconfliction d,
      String by,
      String type,
      ObjectNode body,
      Instant now,
      Map<String, Integer> count,
      long[] bytes)
      throws Exception {
    Outcome o = d.execute(type, by, body, now);
    for (Fact f : o.facts()) {
      count.merge(f.type(), 1, Integer::sum);
      bytes[0] += Json.MAPPER.writeValueAsBytes(f.body()).length;
    }
  }
}
