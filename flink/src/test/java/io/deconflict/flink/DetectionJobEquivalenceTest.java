package io.deconflict.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.demo.NeSyria;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.journal.kafka.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 part 4: the same scenario gives the same conflicts from the embedded engine and from the
 * job (an in-process KRaft broker, Flink's MiniCluster with two slots, parallelism 2, cells of 20
 * km so that items and conflicts span several cells), also when the job is stopped with a savepoint
 * mid-run, more notifications arrive meanwhile, and it is restored from the savepoint. The
 * conflicts topic is read as a service node would: committed messages only, folded by key; every
 * appearance must follow a tombstone or nothing, every tombstone an appearance, which a replay
 * after the restore (a duplicate) would break.
 */
class DetectionJobEquivalenceTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final double CELL_METERS = 20_000;
  private static final double DEFAULT_SEPARATION_METERS = 1000;
  private static final Duration PATIENCE = Duration.ofSeconds(40);

  @TempDir Path savepoints;

  @Test
  void theNortheastSyriaDemoGivesTheEmbeddedConflictsAcrossAStopAndRestore() throws Exception {
    List<ObjectNode> features = new ArrayList<>(NeSyria.load().items());
    assertThat(features).hasSizeGreaterThan(200);
    equivalentAcrossAStop(features);
  }

  @Test
  void aSeededRoadScenarioGivesTheEmbeddedConflictsAcrossAStopAndRestore() throws Exception {
    equivalentAcrossAStop(RoadScenario.features(11, 200));
  }

  @Test
  void theNortheastSyriaDemoGivesTheEmbeddedConflictsWhenTheTaskManagerIsKilledMidRun(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    equivalentAcross(
        new ArrayList<>(NeSyria.load().items()),
        (job, settings, meanwhile) -> {
          cluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
          meanwhile.run();
          cluster.startTaskManager();
          return job;
        });
  }

  /** What happens to the running job between the two batches of notifications. */
  private interface Interruption {
    /** Interrupts the job, sends the notifications {@code meanwhile}, and returns the job after. */
    JobClient interrupt(JobClient job, JobSettings settings, Meanwhile meanwhile) throws Exception;
  }

  /** Sends notifications while the job is interrupted. */
  private interface Meanwhile {
    void run() throws Exception;
  }

  private void equivalentAcrossAStop(List<ObjectNode> features) throws Exception {
    equivalentAcross(
        features,
        (job, settings, meanwhile) -> {
          String savepoint =
              job.stopWithSavepoint(
                      false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                  .get(60, TimeUnit.SECONDS);
          meanwhile.run();
          return start(settings, savepoint);
        });
  }

  private void equivalentAcross(List<ObjectNode> features, Interruption interruption)
      throws Exception {
    int run = RUNS.incrementAndGet();
    String bootstrap = KafkaBroker.bootstrapServers();
    String notifications = "notifications-" + run;
    String conflicts = "conflicts-" + run;
    createTopics(bootstrap, notifications, conflicts);
    JobSettings settings =
        new JobSettings(
            bootstrap,
            notifications,
            conflicts,
            "detection-" + run,
            "detection-" + run,
            CELL_METERS,
            DEFAULT_SEPARATION_METERS,
            Duration.ofMillis(300),
            Map.of());
    int a = features.size() * 6 / 10;
    int b = features.size() * 8 / 10;
    List<Step> first = notify(features.subList(0, a));
    List<Step> beforeStop = notify(features.subList(a, b));
    List<Step> whileStopped = notify(features.subList(b, features.size()));
    List<ObjectNode> movements =
        features.subList(0, a).stream()
            .filter(f -> f.path("properties").path("kind").asText().equals("movement"))
            .toList();
    assertThat(movements).hasSizeGreaterThan(12);
    for (int i = 0; i < 5; i++) {
      beforeStop.add(Step.notify(later(movements.get(2 * i), Duration.ofMinutes(7))));
    }
    for (int i = 0; i < 4; i++) {
      whileStopped.add(Step.withdraw(movements.get(2 * i + 1).path("id").asText()));
    }
    whileStopped.add(Step.notify(movements.get(11)));
    List<Step> all = new ArrayList<>(first);
    all.addAll(beforeStop);
    all.addAll(whileStopped);
    List<Conflict> expectedFirst = Step.embedded(first, DEFAULT_SEPARATION_METERS);
    List<Conflict> expectedAll = Step.embedded(all, DEFAULT_SEPARATION_METERS);
    assertThat(expectedAll).hasSizeGreaterThan(5).isNotEqualTo(expectedFirst);

    List<JobClient> jobs = new ArrayList<>();
    try (KafkaProducer<String, String> producer = producer(bootstrap);
        ConflictsTopic topic = new ConflictsTopic(bootstrap, conflicts, 2)) {
      send(producer, notifications, first);
      JobClient job = start(settings, null);
      jobs.add(job);
      awaitSame(topic, expectedFirst);
      send(producer, notifications, beforeStop);
      JobClient after =
          interruption.interrupt(job, settings, () -> send(producer, notifications, whileStopped));
      jobs.clear();
      jobs.add(after);
      awaitSame(topic, expectedAll);
    } finally {
      for (JobClient j : jobs) {
        try {
          j.cancel().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // it had ended already: the failure that brought us here is the one to report
        }
      }
    }
  }

  private static JobClient start(JobSettings settings, @Nullable String savepoint)
      throws Exception {
    Configuration configuration = new Configuration();
    if (savepoint != null) {
      configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration);
    env.setParallelism(2);
    DetectionJob.build(env, settings);
    return env.executeAsync("detection " + settings.notificationsTopic());
  }

  /**
   * Waits until the topic's current conflicts equal the expected ones, then reads for a few more
   * checkpoints and checks they still do (a late message would change them).
   */
  private static void awaitSame(ConflictsTopic topic, List<Conflict> expected) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline && !topic.conflicts().equals(expected)) {
      topic.poll();
      assertThat(topic.broken()).as("messages that break the alternation").isEmpty();
    }
    assertThat(topic.conflicts()).containsExactlyElementsOf(expected);
    long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < settle) {
      topic.poll();
    }
    assertThat(topic.broken()).as("messages that break the alternation").isEmpty();
    assertThat(topic.conflicts()).containsExactlyElementsOf(expected);
  }

  private static List<Step> notify(List<ObjectNode> features) {
    List<Step> steps = new ArrayList<>();
    for (ObjectNode f : features) {
      steps.add(Step.notify(f));
    }
    return steps;
  }

  private static ObjectNode later(ObjectNode movement, Duration by) {
    ObjectNode copy = movement.deepCopy();
    ArrayNode times = (ArrayNode) copy.path("properties").path("times");
    for (int i = 0; i < times.size(); i++) {
      JsonNode t = times.get(i);
      times.set(i, times.textNode(Instant.parse(t.asText()).plus(by).toString()));
    }
    return copy;
  }

  private static void send(KafkaProducer<String, String> producer, String topic, List<Step> steps)
      throws Exception {
    for (Step s : steps) {
      producer.send(
          new ProducerRecord<>(topic, s.id(), s.feature().map(JsonNode::toString).orElse(null)));
    }
    producer.flush();
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static void createTopics(String bootstrap, String... names) throws Exception {
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
