package io.deconflict.cluster;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The local cluster's Kafka: one KRaft node (broker and controller combined, Kafka's own test kit
 * from Maven Central) in a process of its own, on a free port. Prints {@code
 * deconflict-broker-ready HOST:PORT} once it takes clients, then runs until the process is stopped.
 * Its data lives in a temporary directory and goes with it.
 */
public final class Broker {

  /** The line the broker prints once it is ready: this, a space, then its address. */
  public static final String READY = "deconflict-broker-ready";

  private Broker() {}

  /** Starts the broker and waits for the process to be stopped. */
  public static void main(String[] args) throws Exception {
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
                    // the process is ending; its directories are temporary
                  }
                },
                "kafka-broker-stop"));
    System.out.println(READY + " " + kit.bootstrapServers());
    System.out.flush();
    Thread.currentThread().join();
  }
}
