package io.deconflict.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.SqliteSnapshots;
import io.deconflict.journal.kafka.KafkaJournal;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.party.Member;
import io.deconflict.service.snapshot.SnapshotPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The sizing benchmark of service nodes on one Kafka journal (issue 11 part 6, D40), and of a
 * node's restart from its snapshot. A KRaft broker runs in a process of its own ({@link Broker});
 * the nodes run in this JVM as {@link ServiceRuntime}s on {@link KafkaJournal}s of their own (each
 * its own producer, consumers and data directory), commands go to their {@link Application}s (no
 * HTTP: the journal and the fold are what is measured).
 *
 * <p><b>Nodes.</b> Three set-ups, each on a fresh topic, one after another in one run: one node;
 * two nodes with every write sent to A (B follows); two nodes with the clients split between A and
 * B. In each, {@code --clients} threads send {@code --notifications} movements (2 waypoints within
 * 1° × 0.8°, three parties, positions shared), then {@code --batches} position reports batches of
 * {@code --batch} reports (units of the three parties moving in the same box). For each phase:
 * commands accepted per second (wall time from the first send to the last answer), the same counted
 * until every node has folded the last record, the most records a node was seen behind another
 * (sampled every 10 ms), and how long after the last answer the slowest node had folded everything.
 * A warm-up of the one-node set-up at a fifth of the load is run first and not shown.
 *
 * <p><b>Restart.</b> On one more topic, one node is loaded with single-report commands by {@code
 * --restart-clients} threads until the journal holds each of {@code --restart} records, and stopped
 * (taking its snapshot); then it is opened twice, timing {@link ServiceRuntime#open}: from its data
 * directory (its snapshot and the tail) and from an empty one (the whole topic, as every start was
 * before D40).
 *
 * <p>Not run by any build: {@code java -cp ... io.deconflict.cluster.NodesBench} (docs/benchmarks
 * .md). Tables to standard output, progress to standard error.
 */
public final class NodesBench {

  private static final String[] PARTIES = {"blue", "red", "green"};
  private static final double LON0 = 40.0;
  private static final double LAT0 = 36.5;

  private final String bootstrap;
  private final Path work;
  private final int clients;
  private final AtomicInteger topics = new AtomicInteger();

  private NodesBench(String bootstrap, Path work, int clients) {
    this.bootstrap = bootstrap;
    this.work = work;
    this.clients = clients;
  }

  /** Runs the benchmark; options as the class says, with their defaults below. */
  public static void main(String[] args) throws Exception {
    int notifications = 600;
    int batches = 300;
    int batch = 100;
    int clients = 16;
    int restartClients = 128;
    List<Integer> restart = List.of(50_000, 200_000);
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--notifications" -> notifications = Integer.parseInt(v);
        case "--batches" -> batches = Integer.parseInt(v);
        case "--batch" -> batch = Integer.parseInt(v);
        case "--clients" -> clients = Integer.parseInt(v);
        case "--restart-clients" -> restartClients = Integer.parseInt(v);
        case "--restart" ->
            restart =
                v.isEmpty()
                    ? List.of()
                    : Stream.of(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Process broker = JobBench.startBroker();
    Path work = Files.createTempDirectory("deconflict-nodesbench");
    try {
      String bootstrap = JobBench.awaitBroker(broker);
      NodesBench bench = new NodesBench(bootstrap, work, clients);
      System.out.printf(
          Locale.ROOT,
          "# service nodes on one Kafka journal%n%n- processors: %d, max heap: %d MiB, load"
              + " average at start: %.2f; %d clients, %d notifications, %d batches of %d"
              + " reports%n%n",
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20,
          JobBench.loadAverage(),
          clients,
          notifications,
          batches,
          batch);
      bench.nodes("warm-up", 1, false, notifications / 5, batches / 5, batch, false);
      System.out.println(
          "| set-up | phase | commands | journal records | wall s | accepted/s"
              + " | folded by every node /s"
              + " | most records behind | last folded after s | process CPU s | load before →"
              + " after |");
      System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
      bench.nodes("1 node", 1, false, notifications, batches, batch, true);
      bench.nodes("2 nodes, writes to A", 2, false, notifications, batches, batch, true);
      bench.nodes("2 nodes, writes to A and B", 2, true, notifications, batches, batch, true);
      if (!restart.isEmpty()) {
        bench.restart(restart, restartClients);
      }
    } finally {
      broker.destroy();
      broker.waitFor(20, TimeUnit.SECONDS);
      deleteTree(work);
    }
    System.exit(0);
  }

  // ---- nodes

  private void nodes(
      String name,
      int count,
      boolean split,
      int notifications,
      int batches,
      int batchSize,
      boolean print)
      throws Exception {
    KafkaJournalSettings settings = settings();
    Configuration config = configuration();
    List<ServiceRuntime> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        nodes.add(open(settings, config, work.resolve(settings.topic() + "-" + i), never()));
      }
      Member operator = config.directory().member("operator").orElseThrow();
      for (int i = 0; i < PARTIES.length; i++) {
        for (int j = i + 1; j < PARTIES.length; j++) {
          ObjectNode body = Json.object();
          body.putArray("parties").add(PARTIES[i]).add(PARTIES[j]);
          body.putObject("sharing").put(PARTIES[i], "positions").put(PARTIES[j], "positions");
          nodes.get(0).application().submit(operator, Deconfliction.AGREEMENT_SET, body);
        }
      }
      Random random = new Random(42);
      Instant start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      List<ObjectNode> movements = new ArrayList<>();
      for (int i = 0; i < notifications; i++) {
        movements.add(movement(i, start, random));
      }
      phase(
          name,
          "notifications",
          nodes,
          split,
          config,
          notifications,
          i -> new Command(PARTIES[i % 3], Deconfliction.ITEM_NOTIFY, movements.get(i)),
          print);
      double[][] units = new double[300][];
      for (int u = 0; u < units.length; u++) {
        units[u] = new double[] {random.nextDouble(), random.nextDouble()};
      }
      phase(
          name,
          "reports (" + batchSize + " a command)",
          nodes,
          split,
          config,
          batches,
          i ->
              new Command(
                  PARTIES[i % 3], Deconfliction.POSITIONS_REPORT, reports(i, batchSize, units)),
          print);
    } finally {
      for (ServiceRuntime node : nodes) {
        node.close();
      }
    }
  }

  private record Command(String party, String type, JsonNode body) {}

  private void phase(
      String name,
      String phase,
      List<ServiceRuntime> nodes,
      boolean split,
      Configuration config,
      int commands,
      IntFunction<Command> command,
      boolean print)
      throws Exception {
    double loadBefore = JobBench.loadAverage();
    long first = nodes.get(0).application().foldedSeq();
    long cpu0 = JobBench.cpuNanos();
    AtomicInteger next = new AtomicInteger();
    AtomicLong refused = new AtomicLong();
    AtomicLong mostBehind = new AtomicLong();
    long t0 = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      Application app = nodes.get(split ? t % nodes.size() : 0).application();
      Thread thread =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement(); i < commands; i = next.getAndIncrement()) {
                  Command c = command.apply(i);
                  Member by = config.directory().member(c.party() + "-officer").orElseThrow();
                  try {
                    app.submit(by, c.type(), c.body());
                  } catch (ServiceException e) {
                    refused.incrementAndGet();
                  }
                }
              },
              "client-" + t);
      thread.start();
      threads.add(thread);
    }
    while (threads.stream().anyMatch(Thread::isAlive)) {
      sampleBehind(nodes, mostBehind);
      Thread.sleep(10);
    }
    long acked = System.nanoTime();
    long head = nodes.stream().mapToLong(n -> n.application().foldedSeq()).max().orElse(0);
    while (nodes.stream().anyMatch(n -> n.application().foldedSeq() < head)) {
      sampleBehind(nodes, mostBehind);
      Thread.sleep(5);
    }
    long folded = System.nanoTime();
    double cpu = (JobBench.cpuNanos() - cpu0) / 1e9;
    double wall = (acked - t0) / 1e9;
    double all = (folded - t0) / 1e9;
    String line =
        String.format(
            Locale.ROOT,
            "| %s | %s | %,d%s | %,d | %.1f | %.0f | %.0f | %,d | %.2f | %.1f | %.2f → %.2f |",
            name,
            phase,
            commands,
            refused.get() == 0 ? "" : " (" + refused.get() + " refused)",
            head - first,
            wall,
            commands / wall,
            commands / all,
            mostBehind.get(),
            (folded - acked) / 1e9,
            cpu,
            loadBefore,
            JobBench.loadAverage());
    if (print) {
      System.out.println(line);
    } else {
      System.err.println("warm-up: " + line);
    }
  }

  private static void sampleBehind(List<ServiceRuntime> nodes, AtomicLong most) {
    if (nodes.size() < 2) {
      return;
    }
    long max = Long.MIN_VALUE;
    long min = Long.MAX_VALUE;
    for (ServiceRuntime n : nodes) {
      long seq = n.application().foldedSeq();
      max = Math.max(max, seq);
      min = Math.min(min, seq);
    }
    most.accumulateAndGet(max - min, Math::max);
  }

  private static ObjectNode movement(int i, Instant start, Random random) {
    double lon1 = LON0 + random.nextDouble();
    double lat1 = LAT0 + random.nextDouble() * 0.8;
    double lon2 = LON0 + random.nextDouble();
    double lat2 = LAT0 + random.nextDouble() * 0.8;
    Instant from = start.plusSeconds(random.nextInt(6 * 3600));
    ObjectNode feature = Json.object();
    feature.put("type", "Feature").put("id", "m-" + i);
    feature
        .putObject("properties")
        .putArray("times")
        .add(from.toString())
        .add(from.plusSeconds(3600 + random.nextInt(3600)).toString());
    ArrayNode coordinates =
        feature.putObject("geometry").put("type", "LineString").putArray("coordinates");
    coordinates.addArray().add(lon1).add(lat1);
    coordinates.addArray().add(lon2).add(lat2);
    ObjectNode body = Json.object().put("kind", "movement").put("replace", false);
    body.set("feature", feature);
    return body;
  }

  /** Batch {@code i}: {@code size} reports of party {@code i % 3}'s units, each moved a little. */
  private static ObjectNode reports(int i, int size, double[][] units) {
    String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("reports");
    int party = i % 3;
    int perParty = units.length / 3;
    for (int k = 0; k < size; k++) {
      int u = party * perParty + (i / 3 * size + k) % perParty;
      double[] p = units[u];
      synchronized (p) {
        p[0] = Math.min(1, Math.max(0, p[0] + 0.001 * ((i * 31 + k) % 5 - 2)));
        p[1] = Math.min(1, Math.max(0, p[1] + 0.001 * ((i * 17 + k) % 5 - 2)));
        list.addObject()
            .put("unit", "u-" + u)
            .put("time", now)
            .put("lon", LON0 + p[0])
            .put("lat", LAT0 + p[1] * 0.8)
            .put("course", 90)
            .put("speed", 5);
      }
    }
    return body;
  }

  // ---- restart

  private void restart(List<Integer> sizes, int loaders) throws Exception {
    KafkaJournalSettings settings = settings();
    Configuration config = configuration();
    Path data = work.resolve(settings.topic() + "-node");
    Member blue = config.directory().member("blue-officer").orElseThrow();
    System.out.println();
    System.out.println(
        "| journal records | snapshot MiB | start from the snapshot s (commands replayed)"
            + " | start replaying the topic s (commands replayed) | ratio | load before → after |");
    System.out.println("|---:|---:|---:|---:|---:|---|");
    List<Integer> sorted = sizes.stream().sorted(Comparator.naturalOrder()).toList();
    for (int records : sorted) {
      try (ServiceRuntime node = open(settings, config, data, SnapshotPolicy.DEFAULT)) {
        Application app = node.application();
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < loaders; t++) {
          int thread = t;
          Thread loader =
              new Thread(
                  () -> {
                    // units of one party, 5 km apart: no encounter, so the state stays bounded
                    while (app.foldedSeq() < records) {
                      long n = sent.incrementAndGet();
                      int unit = (int) (n % 2_000);
                      ObjectNode body = Json.object();
                      body.putArray("reports")
                          .addObject()
                          .put("unit", "u-" + unit)
                          .put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                          .put("lon", LON0 + (unit % 50) * 0.06)
                          .put("lat", LAT0 + (unit / 50) * 0.045 + (n % 7) * 1e-5);
                      try {
                        app.submit(blue, Deconfliction.POSITIONS_REPORT, body);
                      } catch (ServiceException e) {
                        System.err.println("loader " + thread + ": " + e.getMessage());
                      }
                    }
                  },
                  "loader-" + t);
          loader.start();
          threads.add(loader);
        }
        long t0 = System.nanoTime();
        for (Thread t : threads) {
          t.join();
        }
        System.err.printf(
            Locale.ROOT,
            "loaded %,d records in %.1f s%n",
            app.foldedSeq(),
            (System.nanoTime() - t0) / 1e9);
      } // stopping takes the snapshot
      List<Long> kept = SqliteSnapshots.readOnly(ServiceRuntime.snapshotsFile(data)).positions();
      long seq = kept.get(0);
      long bytes =
          SqliteSnapshots.readOnly(ServiceRuntime.snapshotsFile(data))
              .load(seq)
              .snapshot()
              .orElseThrow()
              .stateLength();
      double loadBefore = JobBench.loadAverage();
      Timed with = timeOpen(settings, config, data);
      Path empty = work.resolve(settings.topic() + "-empty-" + records);
      Timed without = timeOpen(settings, config, empty);
      System.out.printf(
          Locale.ROOT,
          "| %,d | %.1f | %.2f (%,d) | %.2f (%,d) | %.1f | %.2f → %.2f |%n",
          seq,
          bytes / 1048576.0,
          with.seconds,
          with.replayed,
          without.seconds,
          without.replayed,
          without.seconds / with.seconds,
          loadBefore,
          JobBench.loadAverage());
    }
  }

  private record Timed(double seconds, long replayed) {}

  private Timed timeOpen(KafkaJournalSettings settings, Configuration config, Path data) {
    System.gc();
    long t0 = System.nanoTime();
    try (ServiceRuntime node = open(settings, config, data, never())) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf(
          Locale.ROOT,
          "opened on %s in %.2f s (snapshot %s, %,d commands replayed)%n",
          data.getFileName(),
          seconds,
          node.application().loadedSnapshot().map(String::valueOf).orElse("none"),
          node.application().replayedCommands());
      return new Timed(seconds, node.application().replayedCommands());
    }
  }

  // ---- set-up

  private static SnapshotPolicy never() {
    return new SnapshotPolicy(0, Duration.ZERO, 2, false);
  }

  private KafkaJournalSettings settings() {
    return KafkaJournalSettings.of(bootstrap, "bench-journal-" + topics.incrementAndGet())
        .withTimeout(Duration.ofSeconds(60));
  }

  private static ServiceRuntime open(
      KafkaJournalSettings settings, Configuration config, Path data, SnapshotPolicy policy) {
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return ServiceRuntime.open(
        KafkaJournal.open(settings, SqliteSnapshots.inFile(ServiceRuntime.snapshotsFile(data))),
        config.directory(),
        config.defaults(),
        Clock.systemUTC(),
        3_600_000,
        Application.DEFAULT_MAX_COMMIT_BYTES,
        policy);
  }

  private Configuration configuration() {
    ObjectNode root = Json.object();
    root.put("host", "127.0.0.1").put("port", 0).put("data", work.toString());
    ArrayNode parties = root.putArray("parties");
    ArrayNode members = root.putArray("members");
    int n = 0;
    for (String party : PARTIES) {
      parties.addObject().put("id", party).put("name", party).put("language", "en");
      members
          .addObject()
          .put("id", party + "-officer")
          .put("party", party)
          .put("role", "officer")
          .put("tokenSha256", String.format(Locale.ROOT, "%064x", ++n));
    }
    members
        .addObject()
        .put("id", "operator")
        .put("party", "mechanism")
        .put("role", "operator")
        .put("tokenSha256", String.format(Locale.ROOT, "%064x", ++n));
    return Configuration.parse(root, Map.of());
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
