package io.deconflict.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.ServedInProcess;
import io.deconflict.demo.NeSyria;
import io.deconflict.flink.DetectionJob;
import io.deconflict.flink.JobSettings;
import io.deconflict.journal.kafka.KafkaBroker;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 parts 3 and 4 over the service (D32): two {@code serve} nodes on one Kafka journal in
 * {@code detection.mode flink}, fed through their HTTP APIs in turn with the northeast Syria demo's
 * agreements, zones, sites and movements, with the detection job on a Flink MiniCluster (two slots,
 * parallelism 2, cells of 20 km) between the two topics, tell every party the same alerts as one
 * embedded node given the same notifications; and still after movements are moved and cancelled
 * (the alerts of vanished conflicts resolved, the new ones raised).
 */
class ServiceOnFlinkEquivalenceTest {

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
  void twoFlinkNodesTellEveryPartyWhatTheEmbeddedNodeTells() throws Exception {
    DemoSetup setup = new DemoSetup(NeSyria.load());
    KafkaJournalSettings journal = KafkaBroker.newJournal();
    String notifications = journal.topic() + "-notifications";
    String conflicts = journal.topic() + "-conflicts";
    createTopics(journal.bootstrapServers(), notifications, conflicts);

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
    try (ServedInProcess one = ServedInProcess.start(embedded, dir.resolve("one"));
        ServedInProcess a = ServedInProcess.start(flink, dir.resolve("a"));
        ServedInProcess b = ServedInProcess.start(flink, dir.resolve("b"))) {
      assertThat(a.out()).contains("Detection on the Flink job");
      long t0 = System.nanoTime();
      int items = setup.load(List.of(one.api()));
      long t1 = System.nanoTime();
      // through one node: nodes that take turns writing pay a registration each turn (D27)
      assertThat(setup.load(List.of(a.api()))).isEqualTo(items).isGreaterThan(200);
      long t2 = System.nanoTime();
      Map<String, List<String>> told = awaitSame(setup, one, a, b);
      long t3 = System.nanoTime();
      System.out.printf(
          "embedded load %d ms, flink load %d ms, until the same %d ms%n",
          (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
      assertThat(told.values().stream().mapToInt(List::size).sum()).isGreaterThan(10);
      // both nodes published every notification; the job took each version once, so no
      // conflict vanished and came back
      assertThat(messages(journal.bootstrapServers(), notifications)).hasSize(2 * items);
      assertThat(messages(journal.bootstrapServers(), conflicts))
          .isNotEmpty()
          .allSatisfy(m -> assertThat(m).as("a tombstone").isNotNull());

      // movements moved and cancelled: vanished conflicts resolved, new ones raised
      List<ObjectNode> changed = changes(setup, told);
      for (ServedInProcess node : List.of(one, b)) {
        for (ObjectNode c : changed) {
          String party = c.path("properties").path("party").asText();
          String id = c.path("id").asText();
          String token = java.util.Objects.requireNonNull(setup.officers().get(party));
          if (c.path("properties").path("cancel").asBoolean()) {
            setup.send(node.api(), token, "DELETE", "/movements/" + id, null);
          } else {
            setup.send(node.api(), token, "PUT", "/movements/" + id, c);
          }
        }
      }
      long t4 = System.nanoTime();
      Map<String, List<String>> after = awaitSame(setup, one, a, b);
      System.out.printf("changes, until the same %d ms%n", (System.nanoTime() - t4) / 1_000_000);
      assertThat(after).isNotEqualTo(told);
      assertThat(String.join("", after.values().stream().flatMap(List::stream).toList()))
          .contains("\"state\":\"resolved\"");
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  /** Three movements with alerts moved 7 minutes later, two cancelled (marked "cancel"). */
  private static List<ObjectNode> changes(DemoSetup setup, Map<String, List<String>> told)
      throws Exception {
    List<String> withAlerts = new ArrayList<>();
    for (List<String> alerts : told.values()) {
      for (String a : alerts) {
        JsonNode alert = DemoSetup.MAPPER.readTree(a);
        String item = alert.path("own").path("item").asText();
        if (alert.path("kind").asText().startsWith("movement") && !withAlerts.contains(item)) {
          withAlerts.add(item);
        }
      }
    }
    assertThat(withAlerts).hasSizeGreaterThan(5);
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ObjectNode m = setup.scenario().item(withAlerts.get(i)).orElseThrow().deepCopy();
      if (i < 3) {
        ArrayNode times = (ArrayNode) m.path("properties").path("times");
        for (int t = 0; t < times.size(); t++) {
          times.set(
              t, times.textNode(Instant.parse(times.get(t).asText()).plusSeconds(420).toString()));
        }
      } else {
        ((ObjectNode) m.path("properties")).put("cancel", true);
      }
      out.add(m);
    }
    return out;
  }

  /** Waits until both flink nodes tell every party what the embedded node tells it. */
  private static Map<String, List<String>> awaitSame(
      DemoSetup setup, ServedInProcess one, ServedInProcess a, ServedInProcess b) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Map<String, List<String>> expected = told(setup, one);
    while (System.nanoTime() < deadline
        && !(told(setup, a).equals(expected) && told(setup, b).equals(expected))) {
      Thread.sleep(200);
    }
    assertThat(told(setup, a)).isEqualTo(expected);
    assertThat(told(setup, b)).isEqualTo(expected);
    return expected;
  }

  private static Map<String, List<String>> told(DemoSetup setup, ServedInProcess node) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String party : setup.officers().keySet()) {
      out.put(party, setup.alertsOf(node.api(), party));
    }
    return out;
  }

  /** Every committed message's value in a topic (null for a tombstone), read for 3 s. */
  private static List<@Nullable String> messages(String bootstrap, String topic) {
    Map<String, Object> config = new java.util.HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<@Nullable String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      c.assign(partitions);
      c.seekToBeginning(partitions);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (System.nanoTime() < until) {
        c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }

  static void createTopics(String bootstrap, String... names) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String name : names) {
        topics.add(new NewTopic(name, 2, (short) 1));
      }
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }
  }
}
