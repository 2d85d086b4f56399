package io.deconflict.journal.kafka;

import io.deconflict.journal.JournalException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * The journal's topic, as the brokers hold it: created if absent with one partition, records kept
 * forever and never compacted; an existing topic is refused unless it is so. Stateless.
 */
final class KafkaTopic {

  /** Pause between two looks for a topic just created, milliseconds. */
  private static final long RETRY_MILLIS = 50;

  private KafkaTopic() {}

  /**
   * Creates the topic if it does not exist, then checks it.
   *
   * @throws JournalException if the brokers cannot be reached in time, or the topic has more than
   *     one partition, is compacted, or expires records
   */
  static void createOrCheck(KafkaJournalSettings settings) {
    try (Admin admin = Admin.create(Clients.admin(settings))) {
      if (describe(admin, settings).isEmpty()) {
        create(admin, settings);
      }
      check(admin, settings);
    }
  }

  /**
   * Whether the topic exists.
   *
   * @throws JournalException if the brokers cannot be reached in time
   */
  static boolean exists(KafkaJournalSettings settings) {
    try (Admin admin = Admin.create(Clients.admin(settings))) {
      return describe(admin, settings).isPresent();
    }
  }

  private static Optional<TopicDescription> describe(Admin admin, KafkaJournalSettings settings) {
    try {
      return Optional.of(
          get(
              admin
                  .describeTopics(List.of(settings.topic()))
                  .topicNameValues()
                  .get(settings.topic()),
              settings,
              "describe the topic"));
    } catch (JournalException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The description of a topic just created: a broker that has not yet learnt of it answers
   * "unknown topic" for a moment, so this asks again until the settings' timeout.
   */
  private static Optional<TopicDescription> described(Admin admin, KafkaJournalSettings settings) {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    Optional<TopicDescription> description = describe(admin, settings);
    while (description.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(RETRY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(settings, "interrupted while waiting for the topic to be created");
      }
      description = describe(admin, settings);
    }
    return description;
  }

  private static void create(Admin admin, KafkaJournalSettings settings) {
    Map<String, String> config = new HashMap<>(settings.topicConfig());
    config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    config.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
    config.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
    config.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Clients.MAX_MESSAGE_BYTES));
    NewTopic topic =
        new NewTopic(
                settings.topic(),
                Optional.of(1),
                settings.replicationFactor() == -1
                    ? Optional.empty()
                    : Optional.of(settings.replicationFactor()))
            .configs(config);
    try {
      get(admin.createTopics(List.of(topic)).all(), settings, "create the topic");
    } catch (JournalException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e; // another process creating it at the same time is fine; it is checked next
      }
    }
  }

  private static void check(Admin admin, KafkaJournalSettings settings) {
    TopicDescription description =
        described(admin, settings)
            .orElseThrow(() -> fail(settings, "the topic vanished while it was being created"));
    int partitions = description.partitions().size();
    if (partitions != 1) {
      throw fail(
          settings,
          "the topic has "
              + partitions
              + " partitions; a journal needs exactly 1, the total order of its records");
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, settings.topic());
    Config config =
        get(
                admin.describeConfigs(List.of(resource)).all(),
                settings,
                "read the topic's configuration")
            .get(resource);
    String policy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
    if (!TopicConfig.CLEANUP_POLICY_DELETE.equals(policy)) {
      throw fail(
          settings,
          "the topic has cleanup.policy="
              + policy
              + ", which removes records; a journal needs cleanup.policy=delete with"
              + " retention.ms=-1 and retention.bytes=-1");
    }
    for (String name :
        List.of(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG)) {
      String value = value(config, name);
      if (!"-1".equals(value)) {
        throw fail(
            settings,
            "the topic has "
                + name
                + "="
                + value
                + ", so Kafka would delete old records; a journal needs "
                + name
                + "=-1");
      }
    }
  }

  private static String value(@Nullable Config config, String name) {
    if (config == null) {
      return "(unknown)";
    }
    ConfigEntry entry = config.get(name);
    String value = entry == null ? null : entry.value();
    return value == null ? "(unset)" : value;
  }

  private static <T> T get(
      @Nullable KafkaFuture<T> future, KafkaJournalSettings settings, String what) {
    if (future == null) {
      throw new JournalException(
          "cannot " + what + " of journal " + settings.where() + ": the brokers did not answer");
    }
    try {
      return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new JournalException(
          "cannot " + what + " of journal " + settings.where() + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new JournalException(
          "cannot "
              + what
              + " of journal "
              + settings.where()
              + ": no answer from the brokers within "
              + settings.timeout(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JournalException(
          "interrupted while trying to " + what + " of journal " + settings.where(), e);
    }
  }

  private static JournalException fail(KafkaJournalSettings settings, String problem) {
    return new JournalException("refusing journal " + settings.where() + ": " + problem);
  }
}
