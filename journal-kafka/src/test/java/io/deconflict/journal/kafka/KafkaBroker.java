package io.deconflict.journal.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.jspecify.annotations.Nullable;

/**
 * One in-process Kafka broker in KRaft mode (a combined broker and controller, from Kafka's own
 * test kit on Maven Central) for the tests of a JVM: started on first use, stopped when the JVM
 * exits. Each test takes a topic of its own ({@link #newJournal}), so tests never see each other's
 * records. Thread-safe.
 */
public final class KafkaBroker {

  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static @Nullable KafkaClusterTestKit cluster;

  private KafkaBroker() {}

  /** The broker's address, {@code host:port}, starting it if needed (a few seconds). */
  public static synchronized String bootstrapServers() {
    KafkaClusterTestKit running = cluster;
    if (running == null) {
      running = start();
      cluster = running;
    }
    return running.bootstrapServers();
  }

  /** Settings for a journal on a topic no test has used yet; replication factor 1. */
  public static KafkaJournalSettings newJournal() {
    String topic = "journal-" + TOPICS.incrementAndGet();
    return new KafkaJournalSettings(
        bootstrapServers(),
        topic,
        KafkaJournalSettings.defaultTransactionalId(topic),
        (short) 1,
        Map.of(),
        Map.of(),
        Duration.ofSeconds(30),
        KafkaJournalSettings.DEFAULT_FOLLOW_EVERY);
  }

  private static KafkaClusterTestKit start() {
    // Kafka halts or exits the JVM on some faults of a broker or controller, one being stopped at
    // the JVM's exit among them; in a test JVM that turned a run whose every test had passed into a
    // fork that ended with status 1 ("Error occurred in starting fork"). The tests' JVM is ours to
    // end: a fault is reported on standard error instead.
    Exit.setHaltProcedure(
        (status, message) ->
            System.err.println("in-process Kafka asked to halt (" + status + "): " + message));
    Exit.setExitProcedure(
        (status, message) ->
            System.err.println("in-process Kafka asked to exit (" + status + "): " + message));
    try {
      KafkaClusterTestKit kit =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .build())
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("transaction.state.log.num.partitions", "1")
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "false")
              .build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      kit.close();
                    } catch (Exception e) {
                      // the JVM is exiting; the directories are temporary
                    }
                  },
                  "kafka-broker-stop"));
      return kit;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the in-process Kafka broker: " + e, e);
    }
  }
}
