package io.deconflict.flink;

import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The detection job: notifications from Kafka, the engine's detector per cell, conflicts to Kafka
 * exactly once. Entry point of the job jar ({@code flink run deconflict-flink-job.jar
 * --bootstrap-servers ...}; docs/scale-out.md).
 *
 * <p>The pipeline: the notifications topic, read from its beginning (committed messages only) →
 * keyed by item id, {@link ItemFanOut} sends the item to every cell it touches → keyed by cell,
 * {@link CellDetector} runs the engine → keyed by conflict identity, {@link ConflictDedupe}
 * collapses the copies from neighbouring cells → the conflicts topic, in Kafka transactions
 * committed at each checkpoint.
 *
 * <p>With {@code --reports-topic}, a second pipeline (D38): position reports in event time → keyed
 * by unit, {@link ReportFanOut} sends each to every cell within the live halo → keyed by cell,
 * {@link CellTracker} runs the engine's live tracker → keyed by pair, {@link EncounterDedupe} gives
 * the encounter events a stable identity and drops repeats → the encounters topic.
 */
public final class DetectionJob {

  private DetectionJob() {}

  /** Runs the job on the cluster {@code flink run} gives it. */
  public static void main(String[] args) throws Exception {
    JobSettings settings = JobSettings.parse(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, settings);
    env.execute(
        "deconflict detection "
            + settings.notificationsTopic()
            + " -> "
            + settings.conflictsTopic());
  }

  /** Adds the job's pipeline and its checkpointing to {@code env}. */
  public static void build(StreamExecutionEnvironment env, JobSettings settings) {
    env.enableCheckpointing(settings.checkpointEvery().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    Properties consumer = new Properties();
    consumer.putAll(settings.kafkaProperties());
    consumer.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaSource<Notification> source =
        KafkaSource.<Notification>builder()
            .setBootstrapServers(settings.bootstrapServers())
            .setTopics(settings.notificationsTopic())
            .setGroupId(settings.groupId())
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new NotificationDeserializer())
            .setProperties(consumer)
            .build();
    Properties producer = new Properties();
    producer.putAll(settings.kafkaProperties());
    // the longest a checkpoint's transaction may stay open; brokers cap it
    // (transaction.max.timeout.ms)
    producer.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "900000");
    KafkaSink<ConflictChange> sink =
        KafkaSink.<ConflictChange>builder()
            .setBootstrapServers(settings.bootstrapServers())
            .setRecordSerializer(new ConflictRecords(settings.conflictsTopic()))
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(settings.transactionalIdPrefix())
            .setKafkaProducerConfig(producer)
            .build();
    DataStream<Notification> notifications =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "notifications")
            .uid("notifications");
    notifications
        .keyBy(Notification::id)
        .process(new ItemFanOut(settings.cellMeters(), settings.defaultSeparationMeters()))
        .returns(TypeInformation.of(CellNotification.class))
        .uid("item-fan-out")
        .name("item fan-out")
        .keyBy(CellNotification::cell)
        .process(new CellDetector(settings.defaultSeparationMeters()))
        .returns(TypeInformation.of(ConflictChange.class))
        .uid("cell-detector")
        .name("cell detector")
        .keyBy(ConflictChange::identity)
        .process(new ConflictDedupe())
        .returns(TypeInformation.of(ConflictChange.class))
        .uid("conflict-dedupe")
        .name("conflict dedupe")
        .sinkTo(sink)
        .uid("conflicts")
        .name("conflicts");
    settings.live().ifPresent(live -> buildLive(env, settings, live, consumer, producer));
  }

  /** How long a reports partition may stay silent before the watermark goes on without it. */
  static final Duration IDLE_PARTITION = Duration.ofSeconds(10);

  private static void buildLive(
      StreamExecutionEnvironment env,
      JobSettings settings,
      LiveJobSettings live,
      Properties consumer,
      Properties producer) {
    KafkaSource<UnitReport> source =
        KafkaSource.<UnitReport>builder()
            .setBootstrapServers(settings.bootstrapServers())
            .setTopics(live.reportsTopic())
            .setGroupId(settings.groupId())
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new ReportDeserializer())
            .setProperties(consumer)
            .build();
    KafkaSink<EncounterEvent> sink =
        KafkaSink.<EncounterEvent>builder()
            .setBootstrapServers(settings.bootstrapServers())
            .setRecordSerializer(new EncounterRecords(live.encountersTopic()))
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-encounters")
            .setKafkaProducerConfig(producer)
            .build();
    DataStream<UnitReport> reports =
        env.fromSource(source, watermarks(live).withIdleness(IDLE_PARTITION), "reports")
            .uid("reports");
    encounters(reports, live).sinkTo(sink).uid("encounters").name("encounters");
  }

  /**
   * Event time for reports: the report's time, with the watermark {@code outOfOrder} behind the
   * newest report seen.
   */
  public static WatermarkStrategy<UnitReport> watermarks(LiveJobSettings live) {
    return WatermarkStrategy.<UnitReport>forBoundedOutOfOrderness(live.outOfOrder())
        .withTimestampAssigner((r, previous) -> r.timeMillis());
  }

  /**
   * The live pipeline on a stream of reports with event time: keyed by unit, {@link ReportFanOut} →
   * keyed by cell, {@link CellTracker} → keyed by pair, {@link EncounterDedupe}.
   */
  public static DataStream<EncounterEvent> encounters(
      DataStream<UnitReport> reports, LiveJobSettings live) {
    return reports
        .keyBy(UnitReport::key)
        .process(new ReportFanOut(live.cellMeters(), live.haloMeters()))
        .returns(TypeInformation.of(CellReport.class))
        .uid("report-fan-out")
        .name("report fan-out")
        .keyBy(CellReport::cell)
        .process(new CellTracker(live.cellMeters(), live.separationMeters(), live.step()))
        .returns(TypeInformation.of(CellEncounter.class))
        .uid("cell-tracker")
        .name("cell tracker")
        .keyBy(CellEncounter::pair)
        .process(new EncounterDedupe())
        .returns(TypeInformation.of(EncounterEvent.class))
        .uid("encounter-dedupe")
        .name("encounter dedupe");
  }
}
