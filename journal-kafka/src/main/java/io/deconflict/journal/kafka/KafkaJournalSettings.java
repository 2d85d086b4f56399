package io.deconflict.journal.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a {@link KafkaJournal} lives and how its clients connect: the configuration file's {@code
 * journal.kafka} section (see {@code docs/configuration.md}).
 *
 * @param bootstrapServers the brokers to contact first, {@code host:port[,host:port...]}
 * @param topic the journal's topic: one partition, never compacted, never expiring; created if
 *     absent
 * @param transactionalId the transactional id every writer of this journal shares (the fence that
 *     keeps two writers from forking the chain, D27)
 * @param replicationFactor the replication factor of a topic the journal creates; -1 for the
 *     brokers' default
 * @param topicConfig further settings of a topic the journal creates ({@code min.insync.replicas});
 *     the journal sets {@code cleanup.policy}, {@code retention.ms}, {@code retention.bytes} and
 *     {@code max.message.bytes} itself
 * @param properties Kafka client properties passed to the producer, the consumers and the admin
 *     client as given: TLS ({@code security.protocol}, {@code ssl.truststore.location}, ...) and
 *     SASL ({@code sasl.mechanism}, {@code sasl.jaas.config}, ...). Those that the journal's
 *     guarantees rest on are refused ({@link #RESERVED})
 * @param timeout how long an operation may wait for the brokers before it fails
 * @param followEvery how often a service node on this journal, while idle, looks for records that
 *     other nodes appended (so that its reads and event stream show them within that time)
 */
public record KafkaJournalSettings(
    String bootstrapServers,
    String topic,
    String transactionalId,
    short replicationFactor,
    Map<String, String> topicConfig,
    Map<String, String> properties,
    Duration timeout,
    Duration followEvery) {

  /** The client properties the journal sets itself and refuses from the configuration. */
  public static final Set<String> RESERVED =
      Set.of(
          "bootstrap.servers",
          "acks",
          "enable.idempotence",
          "transactional.id",
          "isolation.level",
          "enable.auto.commit",
          "group.id",
          "key.serializer",
          "value.serializer",
          "key.deserializer",
          "value.deserializer",
          "max.request.size",
          "auto.offset.reset");

  /** The topic settings the journal sets itself and refuses from the configuration. */
  public static final Set<String> RESERVED_TOPIC_CONFIG =
      Set.of("cleanup.policy", "retention.ms", "retention.bytes", "max.message.bytes");

  /** 30 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** 100 milliseconds. */
  public static final Duration DEFAULT_FOLLOW_EVERY = Duration.ofMillis(100);

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException naming the setting at fault and its value
   */
  public KafkaJournalSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be empty");
    }
    if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(
          "topic must be 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-', got \"" + topic + "\"");
    }
    if (transactionalId.isBlank()) {
      throw new IllegalArgumentException("transactionalId must not be empty");
    }
    if (replicationFactor != -1 && replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replicationFactor must be 1 or more (or absent), got " + replicationFactor);
    }
    for (String key : properties.keySet()) {
      if (RESERVED.contains(key)) {
        throw new IllegalArgumentException(
            "properties." + key + " is set by the journal itself and cannot be configured");
      }
    }
    for (String key : topicConfig.keySet()) {
      if (RESERVED_TOPIC_CONFIG.contains(key)) {
        throw new IllegalArgumentException(
            "topicConfig." + key + " is set by the journal itself and cannot be configured");
      }
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (followEvery.isNegative() || followEvery.isZero()) {
      throw new IllegalArgumentException("followEvery must be positive, got " + followEvery);
    }
    topicConfig = Map.copyOf(new TreeMap<>(topicConfig));
    properties = Map.copyOf(new TreeMap<>(properties));
  }

  /**
   * The journal on {@code topic} at {@code bootstrapServers}: transactional id {@code
   * deconflict-TOPIC}, the brokers' replication factor, no further settings, a 30-second timeout.
   */
  public static KafkaJournalSettings of(String bootstrapServers, String topic) {
    return new KafkaJournalSettings(
        bootstrapServers,
        topic,
        defaultTransactionalId(topic),
        (short) -1,
        Map.of(),
        Map.of(),
        DEFAULT_TIMEOUT,
        DEFAULT_FOLLOW_EVERY);
  }

  /** The transactional id of a journal that does not name one: {@code deconflict-TOPIC}. */
  public static String defaultTransactionalId(String topic) {
    return "deconflict-" + topic;
  }

  /** The same with other client properties. */
  public KafkaJournalSettings withProperties(Map<String, String> newProperties) {
    return new KafkaJournalSettings(
        bootstrapServers,
        topic,
        transactionalId,
        replicationFactor,
        topicConfig,
        newProperties,
        timeout,
        followEvery);
  }

  /** The same with another timeout. */
  public KafkaJournalSettings withTimeout(Duration newTimeout) {
    return new KafkaJournalSettings(
        bootstrapServers,
        topic,
        transactionalId,
        replicationFactor,
        topicConfig,
        properties,
        newTimeout,
        followEvery);
  }

  /** The same with another follow interval. */
  public KafkaJournalSettings withFollowEvery(Duration newFollowEvery) {
    return new KafkaJournalSettings(
        bootstrapServers,
        topic,
        transactionalId,
        replicationFactor,
        topicConfig,
        properties,
        timeout,
        newFollowEvery);
  }

  /** Where the journal lives, for messages: {@code kafka://HOSTS/TOPIC}. */
  public String where() {
    return "kafka://" + bootstrapServers + "/" + topic;
  }
}
