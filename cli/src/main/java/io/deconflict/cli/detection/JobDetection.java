package io.deconflict.cli.detection;

import io.deconflict.journal.kafka.KafkaJournalSettings;
import io.deconflict.service.Application;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.command.FindConflict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service node's side of detection on the Flink job (D32): two threads beside the application.
 * One publishes the journal's notifications to the job's input topic ({@link NotificationFeed});
 * the other reads the job's conflicts topic from its beginning (committed messages only, no
 * consumer group: every node reads it all) and submits each appearance as a {@code conflict.found}
 * command, several at once so that the group commit gathers them. Of several nodes the first to
 * journal a conflict raises it; the others' commands are refused at fold time, nothing stored.
 *
 * <p>Closing stops both threads and their clients. Thread-safe.
 */
public final class JobDetection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobDetection.class);
  private static final Duration IDLE = Duration.ofMillis(100);
  private static final int SUBMITTERS = 8;

  private final Thread feed;
  private final Thread intake;
  private final ExecutorService submitters;
  private volatile boolean closed;

  private JobDetection(
      KafkaJournalSettings kafka, DetectionSettings settings, ServiceRuntime runtime) {
    this.submitters =
        Executors.newFixedThreadPool(
            SUBMITTERS,
            r -> {
              Thread t = new Thread(r, "deconflict-conflict-intake");
              t.setDaemon(true);
              return t;
            });
    this.feed = new Thread(() -> feed(kafka, settings, runtime), "deconflict-notification-feed");
    this.intake =
        new Thread(
            () -> intake(kafka, settings, runtime.application()), "deconflict-conflict-intake");
    feed.setDaemon(true);
    intake.setDaemon(true);
  }

  /**
   * Creates the job's topics if absent and starts publishing and reading.
   *
   * @throws org.apache.kafka.common.KafkaException if the topics cannot be created or checked
   */
  public static JobDetection start(
      KafkaJournalSettings kafka, DetectionSettings settings, ServiceRuntime runtime) {
    createTopics(kafka, settings);
    JobDetection d = new JobDetection(kafka, settings, runtime);
    d.feed.start();
    d.intake.start();
    return d;
  }

  private static void createTopics(KafkaJournalSettings kafka, DetectionSettings settings) {
    Map<String, Object> config = new HashMap<>();
    for (Map.Entry<String, String> e : kafka.properties().entrySet()) {
      if (AdminClientConfig.configNames().contains(e.getKey())) {
        config.put(e.getKey(), e.getValue());
      }
    }
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) kafka.timeout().toMillis());
    Optional<Short> factor =
        kafka.replicationFactor() > 0 ? Optional.of(kafka.replicationFactor()) : Optional.empty();
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      if (!existing.contains(settings.notificationsTopic())) {
        missing.add(
            new NewTopic(
                settings.notificationsTopic(), Optional.of(settings.partitions()), factor));
      }
      if (!existing.contains(settings.conflictsTopic())) {
        missing.add(
            new NewTopic(settings.conflictsTopic(), Optional.of(settings.partitions()), factor));
      }
      settings
          .reportsTopic()
          .filter(t -> !existing.contains(t))
          .ifPresent(t -> missing.add(new NewTopic(t, Optional.of(settings.partitions()), factor)));
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (ExecutionException e) {
      throw new org.apache.kafka.common.KafkaException(
          "cannot create the detection job's topics: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.apache.kafka.common.KafkaException("interrupted creating the topics", e);
    }
  }

  private void feed(
      KafkaJournalSettings kafka, DetectionSettings settings, ServiceRuntime runtime) {
    Map<String, Object> producer = new HashMap<>(kafka.properties());
    producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producer.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    producer.put(ProducerConfig.CLIENT_ID_CONFIG, "deconflict-notification-feed");
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producer);
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumer(kafka, "-feed"))) {
      NotificationFeed f =
          new NotificationFeed(
              runtime.journal(), p, settings.notificationsTopic(), settings.reportsTopic());
      f.resumeFrom(c, kafka.timeout());
      while (!closed) {
        try {
          f.publishNew();
        } catch (RuntimeException e) {
          LOG.warn("publishing notifications to the detection job failed; trying again", e);
        }
        sleep(IDLE);
      }
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.error("the feed of notifications to the detection job stopped", e);
      }
    }
  }

  private void intake(KafkaJournalSettings kafka, DetectionSettings settings, Application app) {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumer(kafka, "-intake"))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : c.partitionsFor(settings.conflictsTopic(), kafka.timeout())) {
        partitions.add(new TopicPartition(settings.conflictsTopic(), p.partition()));
      }
      c.assign(partitions);
      c.seekToBeginning(partitions);
      while (!closed) {
        List<Future<Boolean>> pending = new ArrayList<>();
        List<FindConflict> asked = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : c.poll(IDLE)) {
          if (r.value() == null) {
            continue; // a vanishing: the state saw it when the item changed (D32)
          }
          ConflictIntake.command(r.value())
              .ifPresent(
                  cmd -> {
                    asked.add(cmd);
                    pending.add(submitters.submit(() -> ConflictIntake.submit(app, cmd)));
                  });
        }
        retryUntilTaken(app, asked, pending);
      }
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.error("reading the detection job's conflicts stopped", e);
      }
    }
  }

  /** Waits for the submissions; one the service could not take now is submitted again. */
  private void retryUntilTaken(
      Application app, List<FindConflict> asked, List<Future<Boolean>> pending) {
    for (int i = 0; i < pending.size() && !closed; i++) {
      try {
        boolean taken = pending.get(i).get(60, TimeUnit.SECONDS);
        while (!taken && !closed) {
          sleep(Duration.ofSeconds(1));
          taken = ConflictIntake.submit(app, asked.get(i));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("a conflict.found submission failed: {}", e.toString());
      }
    }
  }

  private static Map<String, Object> consumer(KafkaJournalSettings kafka, String suffix) {
    Map<String, Object> config = new HashMap<>(kafka.properties());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "deconflict-detection" + suffix);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Stops both threads (waiting up to 10 s each) and closes their clients. */
  @Override
  public void close() {
    closed = true; // both threads look every 100 ms; interrupting one could break a Kafka client
    try {
      feed.join(10_000);
      intake.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    submitters.shutdownNow();
  }
}
