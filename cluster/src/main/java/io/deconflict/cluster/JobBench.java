package io.deconflict.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.flink.DetectionJob;
import io.deconflict.flink.JobSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The sizing benchmark of the detection job (issue 11 part 6, D32): how many notifications per
 * second, and per second of processor time, the job takes in at a given parallelism. A KRaft broker
 * runs in a process of its own ({@link Broker}); the job runs on a MiniCluster in this one. The
 * scenario is {@code --regions R} road networks of 200 movements and 4 sites each (towns within 1°
 * by 0.8°, as the job's equivalence test's road scenario), side by side, so that the density stays
 * that of one region however many there are. After a warm-up region, the rest are sent and the
 * clock runs until the job's source has committed every offset (a checkpoint completes only once
 * every operator has processed what came before it).
 *
 * <p>Not run by any build: {@code java -cp ... io.deconflict.cluster.JobBench --regions 20
 * --parallelism 2} (docs/benchmarks.md).
 */
public final class JobBench {

  private static final String[] PARTIES = {"blue", "red", "green"};
  private static final Instant DAY = Instant.parse("2027-03-01T06:00:00Z");

  private JobBench() {}

  /** Starts a KRaft broker in a process of its own. */
  static Process startBroker() throws java.io.IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx768m",
            "-cp",
            System.getProperty("java.class.path"),
            Broker.class.getName())
        .redirectErrorStream(true)
        .start();
  }

  /** Runs one measurement and prints it. */
  public static void main(String[] args) throws Exception {
    int regions = 20;
    int parallelism = 2;
    double cellMeters = 20_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--regions" -> regions = Integer.parseInt(args[i + 1]);
        case "--parallelism" -> parallelism = Integer.parseInt(args[i + 1]);
        case "--cell-meters" -> cellMeters = Double.parseDouble(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Process broker =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-cp",
                System.getProperty("java.class.path"),
                Broker.class.getName())
            .redirectErrorStream(true)
            .start();
    try {
      String bootstrap = awaitBroker(broker);
      run(bootstrap, regions, parallelism, cellMeters);
    } finally {
      broker.destroy();
      broker.waitFor(20, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  static String awaitBroker(Process broker) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(Broker.READY + " ")) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // the broker's log, not ours to print
                    }
                  } catch (java.io.IOException e) {
                    // the broker ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return line.substring(Broker.READY.length() + 1).trim();
      }
    }
    throw new IllegalStateException("the broker ended before it was ready");
  }

  private static void run(String bootstrap, int regions, int parallelism, double cellMeters)
      throws Exception {
    String notifications = "bench-notifications";
    String conflicts = "bench-conflicts";
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(notifications, 2, (short) 1), new NewTopic(conflicts, 2, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
    List<ProducerRecord<String, String>> warmUp = records(notifications, 0, 1);
    List<ProducerRecord<String, String>> measured = records(notifications, 1, regions);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(
            parallelism, Detection.checkpointsOnDisk());
    DetectionJob.build(
        env,
        new JobSettings(
            bootstrap,
            notifications,
            conflicts,
            "bench",
            "bench",
            cellMeters,
            1000,
            Duration.ofSeconds(1),
            Map.of()));
    try (KafkaProducer<String, String> producer = producer(bootstrap);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      warmUp.forEach(producer::send);
      producer.flush();
      JobClient job = env.executeAsync("bench");
      awaitCommitted(admin, notifications, warmUp.size());
      double load = loadAverage();
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      measured.forEach(producer::send);
      producer.flush();
      awaitCommitted(admin, notifications, warmUp.size() + measured.size());
      long wall = System.nanoTime() - t0;
      long cpu = cpuNanos() - cpu0;
      job.cancel().get(60, TimeUnit.SECONDS);
      int live = liveConflicts(bootstrap, conflicts);
      System.out.printf(
          "parallelism %d, cells %.0f km: %d notifications (%d regions) in %.1f s = %.0f/s;"
              + " processor %.1f s = %.0f notifications per processor-second; %d conflicts live;"
              + " load average %.2f before, %.2f after; %d cores%n",
          parallelism,
          cellMeters / 1000,
          measured.size(),
          regions - 1,
          wall / 1e9,
          measured.size() / (wall / 1e9),
          cpu / 1e9,
          measured.size() / (cpu / 1e9),
          live,
          load,
          loadAverage(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  private static void awaitCommitted(Admin admin, String topic, long total) throws Exception {
    awaitCommitted(admin, "bench", topic, total);
  }

  /** Waits until consumer group {@code group} has committed {@code total} offsets of a topic. */
  static void awaitCommitted(Admin admin, String group, String topic, long total) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    long nextWord = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      long sum = 0;
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
        if (e.getKey().topic().equals(topic) && e.getValue() != null) {
          sum += e.getValue().offset();
        }
      }
      if (sum >= total) {
        return;
      }
      if (System.nanoTime() > nextWord) {
        System.out.printf("... %s: %d of %d offsets committed%n", topic, sum, total);
        nextWord = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the job did not take in " + total + " within 30 min");
  }

  private static int liveConflicts(String bootstrap, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, Boolean> live = new HashMap<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = c.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < ends.getOrDefault(tp, 0L))) {
        c.poll(Duration.ofMillis(200)).forEach(r -> live.put(r.key(), r.value() != null));
      }
    }
    return (int) live.values().stream().filter(v -> v).count();
  }

  static KafkaProducer<String, String> producer(String bootstrap) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (java.io.IOException | RuntimeException e) {
      return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
  }

  /** The notifications of regions {@code from} (inclusive) to {@code to} (exclusive). */
  private static List<ProducerRecord<String, String>> records(String topic, int from, int to) {
    List<ProducerRecord<String, String>> out = new ArrayList<>();
    for (int r = from; r < to; r++) {
      for (ObjectNode f : region(r)) {
        out.add(new ProducerRecord<>(topic, f.path("id").asText(), f.toString()));
      }
    }
    return out;
  }

  /** One road network of 200 movements and 4 sites, offset by its number. */
  static List<ObjectNode> region(int r) {
    Random random = new Random(1000 + r);
    double lon0 = 20.0 + (r % 20) * 1.2;
    double lat0 = 20.0 + (r / 20) * 1.0;
    double[][] town = new double[10][];
    for (int t = 0; t < town.length; t++) {
      town[t] = new double[] {lon0 + random.nextDouble(), lat0 + random.nextDouble() * 0.8};
    }
    List<double[][]> roads = new ArrayList<>();
    for (int t = 0; t < town.length; t++) {
      for (int u = t + 1; u < town.length; u++) {
        if (random.nextDouble() < 0.35) {
          roads.add(new double[][] {town[t], town[u]});
        }
      }
    }
    List<ObjectNode> out = new ArrayList<>();
    for (int t = 0; t < town.length; t += 3) {
      ObjectNode site = feature("r" + r + "-site-" + t, "site", PARTIES[t % 3]);
      ((ObjectNode) site.get("properties")).put("radiusMeters", 1500);
      site.putObject("geometry")
          .put("type", "Point")
          .putArray("coordinates")
          .add(town[t][0])
          .add(town[t][1]);
      out.add(site);
    }
    for (int m = 0; m < 200; m++) {
      double[][] road = roads.get(random.nextInt(roads.size()));
      boolean back = random.nextBoolean();
      double[] a = back ? road[1] : road[0];
      double[] b = back ? road[0] : road[1];
      double speed = (30 + random.nextDouble() * 50) / 3.6;
      double km =
          Math.hypot(
              (b[0] - a[0]) * 111.32 * Math.cos(Math.toRadians(a[1])), (b[1] - a[1]) * 110.57);
      long start = DAY.toEpochMilli() + (long) (random.nextDouble() * 8 * 3600_000);
      long end = start + Math.max(60_000, Math.round(km * 1000 / speed * 1000));
      ObjectNode f = feature("r" + r + "-m-" + m, "movement", PARTIES[random.nextInt(3)]);
      ObjectNode properties = (ObjectNode) f.get("properties");
      properties.put("separationMeters", 300 + Math.rint(random.nextDouble() * 1700));
      properties
          .putArray("times")
          .add(Instant.ofEpochMilli(start).toString())
          .add(Instant.ofEpochMilli(end).toString());
      ArrayNode coordinates =
          f.putObject("geometry").put("type", "LineString").putArray("coordinates");
      coordinates.addArray().add(a[0]).add(a[1]);
      coordinates.addArray().add(b[0]).add(b[1]);
      out.add(f);
    }
    return out;
  }

  private static ObjectNode feature(String id, String kind, String party) {
    ObjectNode f = DemoSetup.MAPPER.createObjectNode();
    f.put("type", "Feature").put("id", id);
    f.putObject("properties").put("kind", kind).put("party", party);
    return f;
  }
}
