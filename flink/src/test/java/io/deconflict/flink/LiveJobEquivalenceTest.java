package io.deconflict.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.live.LiveEvent;
import io.deconflict.engine.live.LiveTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11 part 3, live (D38): position reports through the job's live pipeline (parallelism 2,
 * cells of 40 km so that units cross cells and pairs change owner, reports arriving out of order
 * within the watermark's bound, every report twice as two service nodes publish it, the only task
 * manager killed a third of the way through and the job restarted from its last checkpoint) give
 * exactly the encounter events of one engine tracker fed the same reports in event time: the same
 * identities, openings, level changes and closes at the same instants, with the same numbers.
 */
class LiveJobEquivalenceTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final double SEPARATION = 1000;

  @Test
  void seededUnitsGiveTheEncountersOfOneTrackerInEventTimeAcrossAKilledTaskManager(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    long seed = 38;
    List<UnitReport> reports = UnitScenario.reports(seed, 120, Duration.ofMinutes(20).toMillis());
    LiveJobSettings live =
        new LiveJobSettings(
            "reports",
            "encounters",
            40_000,
            LiveJobSettings.DEFAULT_HALO_METERS,
            SEPARATION,
            Duration.ofSeconds(5),
            Duration.ofSeconds(1));
    List<String> expected = reference(reports, live);
    assertThat(expected).as("seed %d", seed).hasSizeGreaterThan(40);
    assertThat(String.join("\n", expected)).contains("\"event\":\"level\"", "\"reason\":\"stale\"");

    long t0 = System.nanoTime();
    List<String> actual = job(arrival(reports, seed), live, expected.size() / 3, cluster);
    System.out.printf(
        "%d reports, %d events, job %d ms%n",
        reports.size(), expected.size(), (System.nanoTime() - t0) / 1_000_000);
    assertThat(actual).as("seed %d", seed).containsExactlyElementsOf(expected);
  }

  /** The reports as they arrive: shuffled within 3 s of event time, and every one twice. */
  private static List<UnitReport> arrival(List<UnitReport> reports, long seed) {
    Random random = new Random(seed);
    List<UnitReport> out = new ArrayList<>();
    int i = 0;
    while (i < reports.size()) {
      long windowEnd = reports.get(i).timeMillis() + 3_000;
      List<UnitReport> window = new ArrayList<>();
      while (i < reports.size() && reports.get(i).timeMillis() < windowEnd) {
        window.add(reports.get(i++));
      }
      Collections.shuffle(window, random);
      for (UnitReport r : window) {
        out.add(r);
        out.add(r); // a second node's copy
      }
    }
    return out;
  }

  /**
   * Runs the live pipeline on the reports and collects its events; once {@code killAfter} events
   * came, kills the only task manager and starts another: the job restarts from its last
   * checkpoint, and the collected events must be as if nothing happened.
   */
  private static List<String> job(
      List<UnitReport> reports, LiveJobSettings live, int killAfter, MiniCluster cluster)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(300, CheckpointingMode.EXACTLY_ONCE);
    WatermarkStrategy<UnitReport> watermarks = DetectionJob.watermarks(live);
    DataStream<UnitReport> source =
        env.fromData(TypeInformation.of(UnitReport.class), reports.toArray(new UnitReport[0]))
            .assignTimestampsAndWatermarks(watermarks);
    List<String> out = new ArrayList<>();
    try (CloseableIterator<EncounterEvent> it =
        DetectionJob.encounters(source, live).executeAndCollect("live encounters")) {
      boolean killed = false;
      while (it.hasNext()) {
        out.add(it.next().json());
        if (!killed && out.size() >= killAfter) {
          cluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
          cluster.startTaskManager();
          killed = true;
        }
      }
      assertThat(killed).as("the task manager was killed mid-run").isTrue();
    }
    return canonical(out);
  }

  /**
   * One tracker with the job's settings, fed every report in event time and ticked at every step
   * boundary; its events given identities as {@link EncounterDedupe} gives them.
   */
  private static List<String> reference(List<UnitReport> reports, LiveJobSettings live) {
    LiveTracker tracker = new LiveTracker(CellTracker.settings(SEPARATION));
    long step = live.step().toMillis();
    long stale = tracker.settings().stale().toMillis();
    long last = reports.get(reports.size() - 1).timeMillis();
    long end = CellTracker.boundary(last + stale + 1, step);
    Map<String, Long> opened = new HashMap<>();
    Map<String, String> level = new HashMap<>();
    List<String> out = new ArrayList<>();
    int next = 0;
    for (long t = CellTracker.boundary(reports.get(0).timeMillis(), step); t <= end; t += step) {
      List<LiveEvent> events = new ArrayList<>();
      while (next < reports.size() && reports.get(next).timeMillis() <= t) {
        events.addAll(tracker.report(reports.get(next++).toPositionReport()));
      }
      events.addAll(tracker.tick(Instant.ofEpochMilli(t)));
      for (LiveEvent e : events) {
        CellEncounter c;
        if (e instanceof LiveEvent.EncounterChanged changed) {
          c = EncounterCodec.changed(changed, t);
        } else if (e instanceof LiveEvent.EncounterEnded ended) {
          c = EncounterCodec.ended(ended, t);
        } else {
          continue;
        }
        Long since = opened.get(c.pair());
        if (c.ended()) {
          if (since != null) {
            out.add(EncounterCodec.event(c, "close", since).json());
            opened.remove(c.pair());
            level.remove(c.pair());
          }
        } else if (since == null) {
          opened.put(c.pair(), c.timeMillis());
          level.put(c.pair(), c.level());
          out.add(EncounterCodec.event(c, "open", c.timeMillis()).json());
        } else if (!c.level().equals(level.get(c.pair()))) {
          level.put(c.pair(), c.level());
          out.add(EncounterCodec.event(c, "level", since).json());
        }
      }
    }
    return canonical(out);
  }

  /** Events by time, then identity: the job keeps each pair's order, not the order across pairs. */
  private static List<String> canonical(List<String> events) {
    List<String> sorted = new ArrayList<>(events);
    sorted.sort(
        Comparator.comparing((String s) -> field(s, "time"))
            .thenComparing(s -> field(s, "id"))
            .thenComparing(s -> s));
    return sorted;
  }

  private static String field(String json, String name) {
    JsonNode n = EncounterCodec.read(json);
    return n.path(name).asText();
  }
}
