package io.deconflict.flink;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the detection job reads, writes and how it partitions: parsed from {@code flink run}
 * arguments ({@code --name value} pairs; docs/scale-out.md lists them).
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param notificationsTopic the topic of notifications: key the item id, value the GeoJSON Feature,
 *     a tombstone withdraws the item
 * @param conflictsTopic the topic the job writes conflicts to: key the identity, value the
 *     conflict, a tombstone when it vanished
 * @param groupId the consumer group the source commits its offsets under (for monitoring only)
 * @param transactionalIdPrefix the prefix of the sink's transactional ids; unique per job
 * @param cellMeters the edge of a cell, metres
 * @param defaultSeparationMeters the separation of a movement that names none
 * @param checkpointEvery the checkpoint interval; conflicts become visible to {@code
 *     read_committed} readers at each checkpoint
 * @param kafkaProperties further Kafka client properties (TLS, SASL), as Kafka names them
 * @param live the live part (position reports in, encounters out), if the job runs one
 */
public record JobSettings(
    String bootstrapServers,
    String notificationsTopic,
    String conflictsTopic,
    String groupId,
    String transactionalIdPrefix,
    double cellMeters,
    double defaultSeparationMeters,
    Duration checkpointEvery,
    Map<String, String> kafkaProperties,
    Optional<LiveJobSettings> live) {

  /** Settings without the live part. */
  public JobSettings(
      String bootstrapServers,
      String notificationsTopic,
      String conflictsTopic,
      String groupId,
      String transactionalIdPrefix,
      double cellMeters,
      double defaultSeparationMeters,
      Duration checkpointEvery,
      Map<String, String> kafkaProperties) {
    this(
        bootstrapServers,
        notificationsTopic,
        conflictsTopic,
        groupId,
        transactionalIdPrefix,
        cellMeters,
        defaultSeparationMeters,
        checkpointEvery,
        kafkaProperties,
        Optional.empty());
  }

  /** The same settings with the live part {@code l}. */
  public JobSettings withLive(LiveJobSettings l) {
    return new JobSettings(
        bootstrapServers,
        notificationsTopic,
        conflictsTopic,
        groupId,
        transactionalIdPrefix,
        cellMeters,
        defaultSeparationMeters,
        checkpointEvery,
        kafkaProperties,
        Optional.of(l));
  }

  /** Kafka client properties the job sets itself, on which its guarantees rest. */
  static final Set<String> OWN_KAFKA_PROPERTIES =
      Set.of(
          "bootstrap.servers",
          "isolation.level",
          "transactional.id",
          "enable.idempotence",
          "acks",
          "group.id",
          "enable.auto.commit",
          "auto.offset.reset",
          "key.serializer",
          "value.serializer",
          "key.deserializer",
          "value.deserializer");

  private static final List<String> LIVE_ARGUMENTS =
      List.of(
          "--encounters-topic",
          "--live-cell-meters",
          "--live-halo-meters",
          "--live-separation-meters",
          "--reports-out-of-order",
          "--live-step");

  /** The default cell edge, metres. */
  public static final double DEFAULT_CELL_METERS = 50_000;

  /** Validates and copies. */
  public JobSettings {
    require(bootstrapServers, "--bootstrap-servers");
    require(notificationsTopic, "--notifications-topic");
    require(conflictsTopic, "--conflicts-topic");
    require(groupId, "--group-id");
    require(transactionalIdPrefix, "--transactional-id-prefix");
    new Cells(cellMeters);
    if (!(defaultSeparationMeters > 0) || Double.isInfinite(defaultSeparationMeters)) {
      throw new IllegalArgumentException(
          "--default-separation-meters must be a positive number, got " + defaultSeparationMeters);
    }
    if (checkpointEvery.isNegative() || checkpointEvery.isZero()) {
      throw new IllegalArgumentException(
          "--checkpoint-every must be positive, got " + checkpointEvery);
    }
    for (String name : kafkaProperties.keySet()) {
      if (OWN_KAFKA_PROPERTIES.contains(name)) {
        throw new IllegalArgumentException(
            "--kafka." + name + " is set by the job itself and cannot be configured");
      }
    }
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  private static void require(String value, String name) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /**
   * Parses {@code --name value} pairs; {@code --kafka.NAME value} sets a Kafka client property.
   *
   * @throws IllegalArgumentException naming the argument that is unknown, missing or malformed
   */
  public static JobSettings parse(String... args) {
    Map<String, String> named = new LinkedHashMap<>();
    Map<String, String> kafka = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (!name.startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException(
            "arguments are --name value pairs; \"" + name + "\" has no value or no --");
      }
      if (name.startsWith("--kafka.")) {
        kafka.put(name.substring("--kafka.".length()), args[i + 1]);
      } else {
        named.put(name, args[i + 1]);
      }
    }
    String bootstrap = take(named, "--bootstrap-servers", null);
    String notifications = take(named, "--notifications-topic", "deconflict-notifications");
    String conflicts = take(named, "--conflicts-topic", "deconflict-conflicts");
    double separation =
        number(take(named, "--default-separation-meters", "1000"), "--default-separation-meters");
    Optional<LiveJobSettings> live = Optional.empty();
    String reports = named.remove("--reports-topic");
    if (reports != null) {
      live =
          Optional.of(
              new LiveJobSettings(
                  reports,
                  take(named, "--encounters-topic", "deconflict-encounters"),
                  number(
                      take(named, "--live-cell-meters", "" + LiveJobSettings.DEFAULT_CELL_METERS),
                      "--live-cell-meters"),
                  number(
                      take(named, "--live-halo-meters", "" + LiveJobSettings.DEFAULT_HALO_METERS),
                      "--live-halo-meters"),
                  number(
                      take(named, "--live-separation-meters", "" + separation),
                      "--live-separation-meters"),
                  duration(take(named, "--reports-out-of-order", "PT5S"), "--reports-out-of-order"),
                  duration(take(named, "--live-step", "PT1S"), "--live-step")));
    } else {
      for (String name : LIVE_ARGUMENTS) {
        if (named.containsKey(name)) {
          throw new IllegalArgumentException(name + " needs --reports-topic");
        }
      }
    }
    JobSettings s =
        new JobSettings(
            bootstrap,
            notifications,
            conflicts,
            take(named, "--group-id", "deconflict-detection"),
            take(named, "--transactional-id-prefix", "deconflict-detection-" + conflicts),
            number(take(named, "--cell-meters", "" + DEFAULT_CELL_METERS), "--cell-meters"),
            separation,
            duration(take(named, "--checkpoint-every", "PT10S"), "--checkpoint-every"),
            kafka,
            live);
    if (!named.isEmpty()) {
      throw new IllegalArgumentException("unknown argument " + named.keySet().iterator().next());
    }
    return s;
  }

  private static String take(Map<String, String> named, String name, @Nullable String fallback) {
    String value = named.remove(name);
    if (value != null) {
      return value;
    }
    if (fallback == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return fallback;
  }

  private static double number(String value, String name) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got \"" + value + "\"", e);
    }
  }

  private static Duration duration(String value, String name) {
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 duration such as PT10S, got \"" + value + "\"", e);
    }
  }
}
