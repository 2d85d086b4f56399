package io.deconflict.server;

import static io.deconflict.server.LiveTracksTest.report;
import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.server.TestService.Reply;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Fact;
import io.deconflict.service.Json;
import io.deconflict.service.Outcome;
import io.deconflict.service.OutcomeSettings;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.snapshot.SnapshotAudit;
import io.deconflict.testkit.clock.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings that change outcomes are journaled ({@code service.settings}, D28): two units
 * head-on report over HTTP through runs of the service on one data directory, the configuration's
 * dead reckoning (or formations) changed between runs. Each change is journaled once, at the first
 * write after it; every fact of the journal is derived again byte for byte by a replay from the
 * start (the earlier part under the earlier settings), and not without the settings records; a
 * start from the snapshot and a start from scratch answer alike, and the audit proves the snapshot.
 */
class SettingsChangeBetweenRunsReplaysTest {

  private static final Consumer<ObjectNode> OFF =
      root -> {
        root.putObject("live").putObject("deadReckoning").put("enabled", false);
        root.with("defaults").put("formations", false);
      };
  private static final Consumer<ObjectNode> ON = root -> {};

  /** Dead reckoning off, formations on (the default). */
  private static final Consumer<ObjectNode> FORMATIONS =
      root -> root.putObject("live").putObject("deadReckoning").put("enabled", false);

  @TempDir Path data;

  @Test
  void aChangeBetweenRunsIsJournaledAndTheEarlierPartStillReplaysUnderTheOldSettings()
      throws IOException {
    SettableClock clock = SettableClock.at(T0);
    long firstRun;
    try (TestService off = new TestService(data, clock, OFF)) {
      Reply agreement =
          off.agreement(", \"sharing\": {\"us\": \"positions\", \"ru\": \"positions\"}");
      assertThat(agreement.status()).as(agreement.raw()).isEqualTo(201);
      drive(off, clock, 1, 400);
      firstRun = off.runtime.application().lastSeq();
    }
    assertThat(settingsRecords()).as("off is what an unrecorded journal runs under").isEmpty();
    String alerts;
    try (TestService on = new TestService(data, clock, ON)) {
      assertThat(on.runtime.application().loadedSnapshot()).isPresent();
      drive(on, clock, 407, 1100);
      alerts = alerts(on);
    }
    List<JournalRecord> changes = settingsRecords();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).seq()).isEqualTo(firstRun + 1);
    assertThat(settingsOf(changes.get(0))).isEqualTo(OutcomeSettings.of(dr(true), true));

    assertThat(rederive(true)).as("a replay from the start derives every fact").isEmpty();
    assertThat(rederive(false))
        .as("without the settings record the later part derives other facts")
        .isPresent();
    assertThat(SnapshotAudit.verify(ServiceRuntime.journalFile(data)))
        .allSatisfy(f -> assertThat(f.ok()).as(f.message()).isTrue())
        .isNotEmpty();

    // Started from the snapshot, and from scratch: the same answers, the journal unchanged.
    long head;
    try (TestService again = new TestService(data, clock, ON)) {
      assertThat(again.runtime.application().loadedSnapshot()).isPresent();
      assertThat(alerts(again)).isEqualTo(alerts);
      head = again.runtime.application().lastSeq();
    }
    try (TestService scratch = new TestService(data, clock, ON)) {
      scratch.restart(scratch::deleteSnapshots);
      assertThat(scratch.runtime.application().loadedSnapshot()).isEmpty();
      assertThat(alerts(scratch)).isEqualTo(alerts);
      assertThat(scratch.runtime.application().lastSeq()).isEqualTo(head);
    }
    assertThat(settingsRecords()).as("nothing journaled without a change").hasSize(1);

    // Back off: journaled again, at the next write.
    try (TestService off = new TestService(data, clock, OFF)) {
      clock.set(T0.plusSeconds(1200));
      Reply tick = off.post("us-officer", "/positions", "[" + us(1200) + "]");
      assertThat(tick.status()).as(tick.raw()).isEqualTo(200);
    }
    changes = settingsRecords();
    assertThat(changes).hasSize(2);
    assertThat(settingsOf(changes.get(1))).isEqualTo(OutcomeSettings.of(dr(false), false));
    assertThat(rederive(true)).isEmpty();
    assertThat(SnapshotAudit.verify(ServiceRuntime.journalFile(data)))
        .allSatisfy(f -> assertThat(f.ok()).as(f.message()).isTrue());
  }

  @Test
  void aJournalWrittenWithDeadReckoningRestartsAndReplaysTheSame() throws IOException {
    SettableClock clock = SettableClock.at(T0);
    String alerts;
    try (TestService on = new TestService(data, clock, ON)) {
      Reply agreement =
          on.agreement(", \"sharing\": {\"us\": \"positions\", \"ru\": \"positions\"}");
      assertThat(agreement.status()).as(agreement.raw()).isEqualTo(201);
      drive(on, clock, 1, 600);
      on.restart();
      assertThat(on.runtime.application().loadedSnapshot()).isPresent();
      drive(on, clock, 607, 1100);
      alerts = alerts(on);
      on.restart(on::deleteSnapshots);
      assertThat(on.runtime.application().loadedSnapshot()).isEmpty();
      assertThat(alerts(on)).isEqualTo(alerts);
    }
    List<JournalRecord> changes = settingsRecords();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).seq()).as("journaled before the first command").isEqualTo(1);
    assertThat(alerts).contains("\"warning\"");
    assertThat(rederive(true)).isEmpty();
    assertThat(rederive(false)).isPresent();
  }

  /**
   * Formations (D29) are journaled settings too (rules 2): a journal written with them off replays
   * with unit-pair alerts under a configuration that asks for them, and switching them on between
   * runs leaves the encounters already open as they were told while new ones are told per pair of
   * formations.
   */
  @Test
  void formationsSwitchedOnBetweenRunsAreJournaledAndTheEarlierEncountersStayUnitPairs()
      throws IOException {
    SettableClock clock = SettableClock.at(T0);
    long firstRun;
    try (TestService off = new TestService(data, clock, OFF)) {
      plans(off);
      patrols(off, T0, "u", 40.65, "r", 40.80);
      assertThat(openKinds(off))
          .containsExactly("movement-movement", "unit-unit", "unit-unit", "unit-unit", "unit-unit");
      firstRun = off.runtime.application().lastSeq();
    }
    assertThat(settingsRecords()).isEmpty();

    String alerts;
    try (TestService on = new TestService(data, clock, FORMATIONS)) {
      assertThat(openKinds(on)).as("replayed as written").hasSize(5).doesNotContain(FORMATION);
      Instant t = T0.plusSeconds(5);
      clock.set(t);
      patrols(on, t, "v", 40.62, "s", 40.83);
      assertThat(openKinds(on))
          .as("the unit pairs go on; the new pairs are one formation pair")
          .containsExactly(
              FORMATION, "movement-movement", "unit-unit", "unit-unit", "unit-unit", "unit-unit");
      alerts = alerts(on);
    }
    List<JournalRecord> changes = settingsRecords();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).seq()).isEqualTo(firstRun + 1);
    OutcomeSettings journaled = settingsOf(changes.get(0));
    assertThat(journaled).isEqualTo(OutcomeSettings.of(dr(false), true));
    assertThat(journaled.rules()).isEqualTo(2);
    assertThat(rederive(true)).isEmpty();
    assertThat(rederive(false))
        .as("without the settings record the second run derives unit-pair alerts")
        .isPresent();

    // a start from scratch under a configuration without formations answers the same: the
    // journal says which rules were in force where
    try (TestService scratch = new TestService(data, clock, OFF)) {
      scratch.restart(scratch::deleteSnapshots);
      assertThat(scratch.runtime.application().loadedSnapshot()).isEmpty();
      assertThat(alerts(scratch)).isEqualTo(alerts);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static final String FORMATION = "formation-formation";

  /** An agreement sharing positions both ways, and both patrols' plans (crossing at 40.70 E). */
  private static void plans(TestService service) {
    Reply agreement =
        service.agreement(", \"sharing\": {\"us\": \"positions\", \"ru\": \"positions\"}");
    assertThat(agreement.status()).as(agreement.raw()).isEqualTo(201);
    Instant from = T0.minusSeconds(600);
    Instant to = T0.plusSeconds(1800);
    for (String[] plan :
        new String[][] {
          {"us-officer", TestService.movement("us-patrol", 40.60, 36.5, 40.80, 36.5, from, to)},
          {"ru-officer", TestService.movement("ru-patrol", 40.80, 36.5, 40.60, 36.5, from, to)}
        }) {
      Reply r = service.post(plan[0], "/movements", plan[1]);
      assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }
  }

  /** Two vehicles of each side head on at {@code t}, each reporting under its side's plan. */
  private static void patrols(
      TestService service, Instant t, String us, double usLead, String ru, double ruLead) {
    for (String[] who :
        new String[][] {
          {"us-officer", FormationAlertsTest.patrol(us, 2, t, usLead, 90, "us-patrol")},
          {"ru-officer", FormationAlertsTest.patrol(ru, 2, t, ruLead, 270, "ru-patrol")}
        }) {
      Reply r = service.post(who[0], "/positions", who[1]);
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }
  }

  /** The kinds of the US officer's alerts that are not resolved, sorted. */
  private static List<String> openKinds(TestService service) {
    return FormationAlertsTest.openKinds(service, "us-officer");
  }

  // ---------------------------------------------------------------------------------------------

  private static final GeodesicData EAST = Geodesic.WGS84.Direct(36.5, 40.0, 90, 40_000);
  private static final GeodesicLine US = Geodesic.WGS84.Line(36.5, 40.0, 90);
  private static final GeodesicLine RU = Geodesic.WGS84.Line(EAST.lat2, EAST.lon2, EAST.azi2 + 180);

  /** Both units report every 7 s from {@code from} to {@code to} seconds, exactly on course. */
  private static void drive(TestService service, SettableClock clock, double from, double to) {
    for (double s = from; s <= to; s += 7) {
      clock.set(at(s));
      for (String[] who : new String[][] {{"us-officer", us(s)}, {"ru-officer", ru(s)}}) {
        Reply r = service.post(who[0], "/positions", "[" + who[1] + "]");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
      }
    }
  }

  private static Instant at(double s) {
    return T0.plusMillis(Math.round(s * 1000));
  }

  private static String us(double s) {
    return position("u1", US, s);
  }

  private static String ru(double s) {
    return position("r1", RU, s);
  }

  private static String position(String unit, GeodesicLine line, double s) {
    GeodesicData p = line.Position(20 * s);
    return report(unit, at(s), p.lon2, p.lat2, (p.azi2 % 360 + 360) % 360, 20);
  }

  private static String alerts(TestService service) {
    Reply r = service.get("us-officer", "/alerts");
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.raw();
  }

  private static io.deconflict.engine.live.LiveSettings.DeadReckoning dr(boolean on) {
    return on
        ? io.deconflict.engine.live.LiveSettings.DeadReckoning.DEFAULT
        : io.deconflict.engine.live.LiveSettings.DeadReckoning.OFF;
  }

  private List<JournalRecord> records() {
    List<JournalRecord> out = new ArrayList<>();
    try (SqliteJournal journal = SqliteJournal.open(ServiceRuntime.journalFile(data))) {
      journal.read(1, out::add);
    }
    return out;
  }

  private List<JournalRecord> settingsRecords() {
    return records().stream().filter(r -> r.type().equals("service.settings")).toList();
  }

  private static OutcomeSettings settingsOf(JournalRecord rec) throws IOException {
    return OutcomeSettings.fromJson(Json.MAPPER.readTree(rec.payload()).path("body"));
  }

  /**
   * Executes the journal's commands on an empty state at their recorded times ({@code settings}
   * false: leaving out the settings records) and compares every fact derived with the journal's
   * records, byte for byte; the first difference, if any.
   */
  private Optional<String> rederive(boolean settings) throws IOException {
    Configuration config = Configuration.parse(TestService.configJson(data), Map.of());
    Deconfliction state = new Deconfliction(config.directory(), config.defaults());
    List<JournalRecord> records = records();
    int i = 0;
    while (i < records.size()) {
      JournalRecord rec = records.get(i);
      if (!Deconfliction.COMMANDS.contains(rec.type())) {
        return Optional.of("record " + rec.seq() + " (" + rec.type() + ") follows no command");
      }
      if (!settings && rec.type().equals("service.settings")) {
        i++;
        continue;
      }
      ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(rec.payload());
      ObjectNode body = (ObjectNode) payload.path("body").deepCopy();
      body.remove("result");
      Outcome outcome = state.execute(rec.type(), payload.path("by").asText(), body, rec.time());
      for (Fact fact : outcome.facts()) {
        JournalRecord expected = i < records.size() ? records.get(i) : null;
        String derived = fact.type() + " " + payload(fact);
        String journaled =
            expected == null
                ? "(the end)"
                : expected.type() + " " + new String(expected.payload(), StandardCharsets.UTF_8);
        if (!derived.equals(journaled)) {
          return Optional.of(
              "record " + (i + 1) + ": journaled " + journaled + ", derived " + derived);
        }
        i++;
      }
    }
    return Optional.empty();
  }

  private static String payload(Fact fact) throws IOException {
    ObjectNode payload = Json.object();
    payload.put("by", fact.by());
    payload.set("audience", fact.audience().toJson());
    payload.set("body", fact.body());
    return new String(Json.MAPPER.writeValueAsBytes(payload), StandardCharsets.UTF_8);
  }
}
