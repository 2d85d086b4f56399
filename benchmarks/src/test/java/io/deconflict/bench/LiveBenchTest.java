package io.deconflict.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.live.PositionReport;
import io.deconflict.service.Json;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Smoke test of the live-tracking benchmark: tiny runs that report every figure. */
class LiveBenchTest {

  @Test
  @Timeout(180)
  void tinyRunReportsEveryFigure() throws Exception {
    LiveBench.Options options =
        LiveBench.Options.parse(
            new String[] {
              "--units",
              "600",
              "--seconds",
              "2",
              "--batch",
              "200",
              "--clients",
              "3",
              "--probes",
              "8"
            });
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    LiveBench.Result r =
        new LiveBench(
                options,
                new PrintStream(table, true, StandardCharsets.UTF_8),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
            .run();

    assertThat(r.engine()).hasSize(2);
    for (EngineThroughput.EngineRow row : r.engine()) {
      assertThat(row.units()).isEqualTo(600);
      assertThat(row.reports()).isPositive();
      assertThat(row.reportsPerSecond()).isPositive();
      assertThat(row.batch().p99Nanos()).isGreaterThanOrEqualTo(row.batch().p50Nanos());
      assertThat(row.firstEvents()).as(row.path()).isPositive();
    }
    assertThat(r.engine().get(1).retainedBytes()).isPositive();
    EndToEnd.Http h = r.http().orElseThrow();
    assertThat(h.loadAccepted()).isEqualTo(600);
    assertThat(h.accepted()).isPositive();
    assertThat(h.ignored()).isZero();
    assertThat(h.errors()).isZero();
    assertThat(h.request().p50Nanos()).isPositive();
    assertThat(h.journalRecordsPerSecond()).isPositive();
    for (AlertProbes.Probes p : new AlertProbes.Probes[] {h.idle(), h.loaded()}) {
      assertThat(p.probes()).isPositive();
      assertThat(p.received()).isEqualTo(p.probes());
      assertThat(p.delay().count()).isEqualTo(p.received());
    }
    assertThat(h.idle().probes()).isEqualTo(8);
    // bravo's own fleet batches come back on its stream, besides the probes' set-up reports
    assertThat(h.streamByType().getOrDefault("positions.report", 0L))
        .isGreaterThan((long) h.idle().probes() + h.loaded().probes());
    assertThat(table.toString(StandardCharsets.UTF_8))
        .contains(
            "## Engine alone",
            "| all-pairs CPA loop (baseline) | 600 |",
            "| LiveTracker (indexed, dead reckoning) | 600 |",
            "## End to end",
            "## Alert latency",
            "| idle | 8 | 8 |",
            "## Targets");
  }

  @Test
  void theFleetDrivesTheGeneratorsRoadsAndIsAPureFunctionOfTheSeed() {
    long seed = 7;
    assertThat(LiveFleet.roads(seed).roadCount())
        .isEqualTo(new ScenarioGenerator(seed).roadCount());
    LiveFleet a = new LiveFleet(seed, 2_000);
    LiveFleet b = new LiveFleet(seed, 2_000);
    assertThat(a.onRoad()).isBetween(1_500, 1_700);
    assertThat(b.reports(3, 100, 300)).isEqualTo(a.reports(3, 100, 300));
    Set<String> parties = new HashSet<>();
    for (PositionReport p : a.reports(0, 0, 2_000)) {
      parties.add(p.party());
      assertThat(p.speedMps()).isBetween(4.0, 35.0);
      assertThat(Math.abs(p.lat() - ScenarioGenerator.CENTER_LAT)).isLessThan(2);
    }
    assertThat(parties).containsExactlyInAnyOrderElementsOf(ScenarioGenerator.PARTIES);
  }

  @Test
  void eachRequestBatchHoldsUnitsOfOneParty() throws Exception {
    LiveFleet fleet = new LiveFleet(5, 1_000);
    Set<String> seen = new HashSet<>();
    for (int[] batch : fleet.partyBatches(150)) {
      assertThat(batch[1] - batch[0]).isBetween(1, 150);
      JsonNode reports = Json.MAPPER.readTree(fleet.json(4, batch[0], batch[1]));
      for (JsonNode r : reports) {
        int unit = LiveFleet.indexOf(r.path("unit").asText());
        assertThat(fleet.party(unit)).isEqualTo(batch[2]);
        PositionReport same = fleet.reports(4, unit, unit + 1).get(0);
        assertThat(r.path("time").asText()).isEqualTo(same.time().toString());
        assertThat(r.path("lon").asDouble()).isCloseTo(same.lon(), within(1e-7));
        assertThat(r.path("course").asDouble()).isGreaterThanOrEqualTo(0).isLessThan(360);
        assertThat(seen.add(r.path("unit").asText())).isTrue();
      }
    }
    assertThat(seen).hasSize(1_000);
  }

  @Test
  void aUnitMovesAsItsCourseAndSpeedSay() {
    LiveFleet fleet = new LiveFleet(3, 200);
    for (int unit = 0; unit < 200; unit++) {
      List<PositionReport> r0 = fleet.reports(10, unit, unit + 1);
      List<PositionReport> r1 = fleet.reports(11, unit, unit + 1);
      PositionReport p = r0.get(0);
      PositionReport q = r1.get(0);
      assertThat(q.time()).isAfter(p.time());
      double seconds = (q.time().toEpochMilli() - p.time().toEpochMilli()) / 1000.0;
      double moved = LocalFrame.distanceMeters(p.lon(), p.lat(), q.lon(), q.lat());
      // along a bent road or a wiggle, the chord is at most the path and near it
      assertThat(moved).as("unit %d", unit).isLessThanOrEqualTo(p.speedMps() * seconds * 1.1 + 5);
      assertThat(moved).as("unit %d", unit).isGreaterThan(p.speedMps() * seconds * 0.5);
    }
  }

  @Test
  void theOpenAddressingSetMatchesAHashSet() {
    SplittableRandom random = new SplittableRandom(42);
    LongSet set = new LongSet();
    Set<Long> reference = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      long key = random.nextLong(5_000);
      if (random.nextBoolean()) {
        assertThat(set.add(key)).isEqualTo(reference.add(key));
      } else {
        assertThat(set.remove(key)).isEqualTo(reference.remove(key));
      }
      assertThat(set.size()).isEqualTo(reference.size());
    }
  }

  @Test
  void theAllPairsBaselineSeesAHeadOnPairAndNotADivergingOne() {
    AllPairsBaseline all = new AllPairsBaseline(4, LiveBench.SETTINGS);
    long[] counts = new long[3];
    java.time.Instant t = LiveBench.T0;
    // u0 and u1 (different parties) 10 km apart head-on at 20 m/s each: loss in 225 s -> caution
    double dLon = 10_000 / (111_195 * Math.cos(Math.toRadians(36.8)));
    all.report(
        List.of(
            new PositionReport("u0000000", "alpha", t, 40.5, 36.8, 90, 20, Double.NaN),
            new PositionReport("u0000001", "bravo", t, 40.5 + dLon, 36.8, 270, 20, Double.NaN),
            new PositionReport("u0000002", "alpha", t, 40.5, 36.9, 270, 20, Double.NaN),
            new PositionReport("u0000003", "charlie", t, 40.5 + dLon, 36.9, 90, 20, Double.NaN)),
        counts);
    assertThat(counts[0]).isEqualTo(1);
    assertThat(all.open()).isEqualTo(1);
    assertThat(EngineThroughput.pairKey("u0000001", "u0000000")).isEqualTo(1L);
    assertThat(10_000 / 40.0 - 1_000 / 40.0).isCloseTo(225, within(1e-9));
  }
}
