package io.deconflict.cluster;

import io.deconflict.flink.DetectionJob;
import io.deconflict.flink.JobSettings;
import io.deconflict.flink.LiveJobSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The live part of the detection job under load (issue 11 part 6, D38): how many position reports
 * per second, and per second of processor time, the job takes in at a given parallelism. A KRaft
 * broker runs in a process of its own; the job on a MiniCluster in this one. The scenario is {@code
 * --regions R} boxes of about 90 by 90 km side by side, each with {@code --units U} units of three
 * parties driving straight at 5 to 20 m/s (some turning once), each reporting position, course and
 * speed every 10 s for {@code --minutes M}. The first two minutes warm up; then the rest are sent
 * and the clock runs until the job's source has committed every offset (a checkpoint completes once
 * every operator has taken what came before it; reports then wait in their cells for the watermark,
 * the last few seconds of event time).
 *
 * <p>Not run by any build: {@code java -cp ... io.deconflict.cluster.LiveJobBench --regions 10
 * --parallelism 2} (docs/benchmarks.md).
 */
public final class LiveJobBench {

  private static final String[] PARTIES = {"blue", "red", "green"};
  private static final long START = Instant.parse("2027-03-01T08:00:00Z").toEpochMilli();
  private static final long WARM_UP_MILLIS = 120_000;

  private LiveJobBench() {}

  /** Runs one measurement and prints it. */
  public static void main(String[] args) throws Exception {
    int regions = 10;
    int units = 120;
    int minutes = 20;
    int parallelism = 2;
    double cellMeters = LiveJobSettings.DEFAULT_CELL_METERS;
    double haloMeters = LiveJobSettings.DEFAULT_HALO_METERS;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--regions" -> regions = Integer.parseInt(args[i + 1]);
        case "--units" -> units = Integer.parseInt(args[i + 1]);
        case "--minutes" -> minutes = Integer.parseInt(args[i + 1]);
        case "--parallelism" -> parallelism = Integer.parseInt(args[i + 1]);
        case "--live-cell-meters" -> cellMeters = Double.parseDouble(args[i + 1]);
        case "--live-halo-meters" -> haloMeters = Double.parseDouble(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Process broker = JobBench.startBroker();
    try {
      String bootstrap = JobBench.awaitBroker(broker);
      run(bootstrap, regions, units, minutes, parallelism, cellMeters, haloMeters);
    } finally {
      broker.destroy();
      broker.waitFor(20, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private static void run(
      String bootstrap,
      int regions,
      int units,
      int minutes,
      int parallelism,
      double cellMeters,
      double haloMeters)
      throws Exception {
    String reports = "bench-reports";
    String encounters = "bench-encounters";
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("bench-notifications", 2, (short) 1),
                  new NewTopic("bench-conflicts", 2, (short) 1),
                  new NewTopic(reports, 2, (short) 1),
                  new NewTopic(encounters, 2, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
    List<Timed> all = new ArrayList<>();
    for (int r = 0; r < regions; r++) {
      region(r, units, minutes, reports, all);
    }
    all.sort(Comparator.comparingLong(Timed::millis));
    List<ProducerRecord<String, String>> warmUp = new ArrayList<>();
    List<ProducerRecord<String, String>> measured = new ArrayList<>();
    for (Timed t : all) {
      (t.millis() < START + WARM_UP_MILLIS ? warmUp : measured).add(t.record());
    }
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(
            parallelism, Detection.checkpointsOnDisk());
    LiveJobSettings live =
        new LiveJobSettings(
            reports,
            encounters,
            cellMeters,
            haloMeters,
            1000,
            Duration.ofSeconds(5),
            Duration.ofSeconds(1));
    DetectionJob.build(
        env,
        new JobSettings(
                bootstrap,
                "bench-notifications",
                "bench-conflicts",
                "bench",
                "bench",
                50_000,
                1000,
                Duration.ofSeconds(1),
                Map.of())
            .withLive(live));
    try (KafkaProducer<String, String> producer = JobBench.producer(bootstrap);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      send(producer, warmUp);
      JobClient job = env.executeAsync("live bench");
      JobBench.awaitCommitted(admin, "bench", reports, warmUp.size());
      double load = JobBench.loadAverage();
      long cpu0 = JobBench.cpuNanos();
      long t0 = System.nanoTime();
      send(producer, measured);
      JobBench.awaitCommitted(admin, "bench", reports, warmUp.size() + measured.size());
      long wall = System.nanoTime() - t0;
      long cpu = JobBench.cpuNanos() - cpu0;
      Thread.sleep(3_000); // the last checkpoint's events
      job.cancel().get(60, TimeUnit.SECONDS);
      int events = messages(bootstrap, encounters);
      System.out.printf(
          "parallelism %d, live cells %.0f km, halo %.0f km: %d reports (%d units) in %.1f s"
              + " = %.0f/s; processor %.1f s = %.0f reports per processor-second (%.0f µs each);"
              + " %d encounter events; load average %.2f before, %.2f after; %d cores%n",
          parallelism,
          cellMeters / 1000,
          haloMeters / 1000,
          measured.size(),
          regions * units,
          wall / 1e9,
          measured.size() / (wall / 1e9),
          cpu / 1e9,
          measured.size() / (cpu / 1e9),
          cpu / 1e3 / measured.size(),
          events,
          load,
          JobBench.loadAverage(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  /**
   * A message and its report's time. The message keeps Kafka's own timestamp: brokers refuse one
   * more than an hour ahead of their clock ({@code log.message.timestamp.after.max.ms}).
   */
  private record Timed(long millis, ProducerRecord<String, String> record) {}

  /** The reports of region {@code r}. */
  private static void region(int r, int units, int minutes, String topic, List<Timed> out) {
    Random random = new Random(2000 + r);
    double lon0 = 20.0 + (r % 20) * 1.2;
    double lat0 = 20.0 + (r / 20) * 1.0;
    long duration = minutes * 60_000L;
    for (int u = 0; u < units; u++) {
      String party = PARTIES[u % 3];
      String unit = "r" + r + "-u-" + u;
      double lon = lon0 + random.nextDouble();
      double lat = lat0 + random.nextDouble() * 0.8;
      double course = random.nextDouble() * 360;
      double speed = Math.rint((5 + random.nextDouble() * 15) * 100) / 100;
      long offset = random.nextInt(10_000);
      long turn = random.nextDouble() < 0.4 ? (long) (random.nextDouble() * duration) : -1;
      double newCourse = random.nextDouble() * 360;
      for (long t = offset; t < duration; t += 10_000) {
        if (turn >= 0 && t >= turn && t - 10_000 < turn) {
          course = newCourse;
        }
        double c = ((course % 360) + 360) % 360;
        if (c >= 360) {
          c = 0;
        }
        String value =
            "{\"party\":\""
                + party
                + "\",\"unit\":\""
                + unit
                + "\",\"time\":\""
                + Instant.ofEpochMilli(START + t)
                + "\",\"lon\":"
                + lon
                + ",\"lat\":"
                + lat
                + ",\"course\":"
                + c
                + ",\"speed\":"
                + speed
                + "}";
        out.add(new Timed(START + t, new ProducerRecord<>(topic, party + "/" + unit, value)));
        GeodesicData d = Geodesic.WGS84.Direct(lat, lon, c, speed * 10);
        lat = d.lat2;
        lon = d.lon2;
        course = d.azi2;
      }
    }
  }

  /** Sends and waits for every acknowledgement: a refused message stops the benchmark. */
  private static void send(
      KafkaProducer<String, String> producer, List<ProducerRecord<String, String>> records)
      throws Exception {
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    for (ProducerRecord<String, String> r : records) {
      sent.add(producer.send(r));
    }
    producer.flush();
    for (java.util.concurrent.Future<?> f : sent) {
      f.get();
    }
  }

  private static int messages(String bootstrap, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    int n = 0;
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = c.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < ends.getOrDefault(tp, 0L))) {
        n += c.poll(Duration.ofMillis(200)).count();
      }
    }
    return n;
  }
}
