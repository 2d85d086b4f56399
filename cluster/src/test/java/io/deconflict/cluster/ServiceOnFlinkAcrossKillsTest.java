package io.deconflict.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.ServedInProcess;
import io.deconflict.demo.NeSyria;
import io.deconflict.flink.DetectionJob;
import io.deconflict.flink.JobSettings;
import io.deconflict.journal.kafka.KafkaBroker;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 part 4, across failures: two {@code serve} nodes on one Kafka journal in {@code
 * detection.mode flink} with the detection job on a Flink MiniCluster, fed the first 160 items of
 * the northeast Syria demo through node A, while the job's only task manager is killed (the job
 * restarts from its last checkpoint once a new one starts) and node B, a process of its own, is
 * killed as a crash would kill it and started again on its data directory (it catches up from the
 * journal): every party is told the same alerts by A, by the restarted B and by one embedded node
 * given the same notifications.
 */
class ServiceOnFlinkAcrossKillsTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aNodeAndATaskManagerKilledMidRunStillTellEveryPartyWhatTheEmbeddedNodeTells(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    long start = System.nanoTime();
    DemoSetup setup = new DemoSetup(NeSyria.load());
    KafkaJournalSettings journal = KafkaBroker.newJournal();
    String notifications = journal.topic() + "-notifications";
    String conflicts = journal.topic() + "-conflicts";
    ServiceOnFlinkEquivalenceTest.createTopics(
        journal.bootstrapServers(), notifications, conflicts);

    Path embedded = dir.resolve("embedded.json");
    Files.writeString(embedded, setup.configuration().toString());
    ObjectNode onFlink = setup.configuration();
    ObjectNode kafka = onFlink.putObject("journal").putObject("kafka");
    kafka.put("bootstrapServers", journal.bootstrapServers()).put("topic", journal.topic());
    kafka.put("replicationFactor", 1).put("followEvery", "PT0.05S");
    onFlink
        .putObject("detection")
        .put("mode", "flink")
        .put("notificationsTopic", notifications)
        .put("conflictsTopic", conflicts);
    Path flink = dir.resolve("flink.json");
    Files.writeString(flink, onFlink.toString());

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DetectionJob.build(
        env,
        new JobSettings(
            journal.bootstrapServers(),
            notifications,
            conflicts,
            "detection-" + journal.topic(),
            "detection-" + journal.topic(),
            20_000,
            1000,
            Duration.ofMillis(300),
            Map.of()));
    JobClient job = env.executeAsync("detection " + notifications);
    ServeProcess b = ServeProcess.start(flink, dir.resolve("b"), dir.resolve("b-1.log"));
    try (ServedInProcess one = ServedInProcess.start(embedded, dir.resolve("one"));
        ServedInProcess a = ServedInProcess.start(flink, dir.resolve("a"))) {
      long t0 = System.nanoTime();
      System.out.printf("broker, job and nodes started in %d ms%n", (t0 - start) / 1_000_000);
      // the embedded node is loaded meanwhile, on a thread of its own
      // the first 160 of the demo's 280 items (the whole demo is ServiceOnFlinkEquivalenceTest's)
      int items = Math.min(160, setup.scenario().items().size());
      CompletableFuture<Integer> embeddedLoad =
          CompletableFuture.supplyAsync(
              () -> {
                setup.agreements(one.api());
                return setup.load(List.of(one.api()), 0, items);
              });
      int first = items * 4 / 10;
      int second = items * 6 / 10;
      setup.agreements(a.api());
      setup.load(List.of(a.api()), 0, first);
      cluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
      setup.load(List.of(a.api()), first, second); // the job is down: notifications wait
      b.kill(); // mid-run: it was publishing them and journaling the job's conflicts
      setup.load(List.of(a.api()), second, items);
      cluster.startTaskManager();
      b = ServeProcess.start(flink, dir.resolve("b"), dir.resolve("b-2.log"));
      assertThat(Files.readString(b.log())).contains("commands replayed");
      assertThat(embeddedLoad.get(60, TimeUnit.SECONDS)).isEqualTo(items);
      long t1 = System.nanoTime();

      Map<String, List<String>> expected = told(setup, one.api());
      assertThat(expected.values().stream().mapToInt(List::size).sum()).isGreaterThan(10);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (System.nanoTime() < deadline
          && !(told(setup, a.api()).equals(expected) && told(setup, b.api()).equals(expected))) {
        Thread.sleep(200);
      }
      assertThat(told(setup, a.api())).isEqualTo(expected);
      assertThat(told(setup, b.api())).isEqualTo(expected);
      System.out.printf(
          "loads, kills and restarts %d ms, until the same %d ms%n",
          (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    } finally {
      b.close();
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  private static Map<String, List<String>> told(DemoSetup setup, URI api) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String party : setup.officers().keySet()) {
      out.put(party, setup.alertsOf(api, party));
    }
    return out;
  }
}
