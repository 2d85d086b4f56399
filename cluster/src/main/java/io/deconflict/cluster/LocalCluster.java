package io.deconflict.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.demo.NeSyria;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code cluster/local-cluster}: a local cluster on this machine for a newcomer (issue 11 part 5,
 * D32). Starts, each in a process of its own, a KRaft broker ({@link Broker}), a Flink MiniCluster
 * running the detection job ({@link Detection}), and two {@code deconflict serve} nodes on one
 * Kafka journal in {@code detection.mode flink}; with {@code --demo} loads the northeast Syria
 * demo's agreements, zones, sites and movements through the first node. Writes what a client needs
 * (the nodes' addresses, every member's token) to {@code DIR/cluster.json}, prints it, and runs
 * until stopped (Ctrl-C) or for {@code --for DURATION}; stopping it stops every process it started.
 * Logs go to {@code DIR/logs/}.
 *
 * <p>Options: {@code --demo}, {@code --dir DIR} (default {@code target/local-cluster}, emptied
 * first), {@code --ports A,B} (default {@code 8081,8082}; 0 for free ones), {@code --parallelism N}
 * (the job's, default 2), {@code --for DURATION} (ISO-8601, such as {@code PT2M}).
 */
public final class LocalCluster {

  private static final Pattern LISTENING =
      Pattern.compile("deconflict listening on (http://\\S+/api/v1)");
  private static final Pattern MAP = Pattern.compile("The map: (\\S+)");
  private static final Duration START_WITHIN = Duration.ofSeconds(180);

  private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());
  private final Path dir;

  private LocalCluster(Path dir) {
    this.dir = dir;
  }

  /** Runs the cluster; exits 0 when stopped, 2 if a process did not start. */
  public static void main(String[] args) throws Exception {
    boolean demo = false;
    Path dir = Path.of("target", "local-cluster");
    List<Integer> ports = List.of(8081, 8082);
    int parallelism = 2;
    Optional<Duration> runFor = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--demo" -> demo = true;
        case "--dir" -> dir = Path.of(value(args, ++i));
        case "--ports" ->
            ports = Stream.of(value(args, ++i).split(",")).map(Integer::parseInt).toList();
        case "--parallelism" -> parallelism = Integer.parseInt(value(args, ++i));
        case "--for" -> runFor = Optional.of(Duration.parse(value(args, ++i)));
        default -> {
          System.err.println(
              "unknown option "
                  + args[i]
                  + "; options: --demo --dir DIR --ports A,B --parallelism N --for DURATION");
          System.exit(2);
        }
      }
    }
    LocalCluster cluster = new LocalCluster(dir);
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "local-cluster-stop"));
    try {
      cluster.run(demo, ports, parallelism);
    } catch (RuntimeException e) {
      System.err.println("local cluster: " + e);
      cluster.stop();
      System.exit(2);
    }
    if (runFor.isPresent()) {
      Thread.sleep(runFor.get().toMillis());
      cluster.stop();
      System.exit(0);
    }
    Thread.currentThread().join();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private void run(boolean demo, List<Integer> ports, int parallelism) throws Exception {
    clean(dir);
    Files.createDirectories(dir.resolve("logs"));
    String bootstrap = start("broker", List.of("-Xmx512m", Broker.class.getName()), Broker.READY);
    bootstrap = match(Pattern.compile(Broker.READY + " (\\S+)"), bootstrap);
    say("Kafka (KRaft) at " + bootstrap + "  [logs/broker.log]");
    String notifications = "deconflict-notifications";
    String conflicts = "deconflict-conflicts";
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(notifications, parallelism, (short) 1),
                  new NewTopic(conflicts, parallelism, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
    start(
        "flink",
        List.of(
            "-Xmx1g",
            Detection.class.getName(),
            "--parallelism",
            Integer.toString(parallelism),
            "--bootstrap-servers",
            bootstrap,
            "--notifications-topic",
            notifications,
            "--conflicts-topic",
            conflicts,
            "--cell-meters",
            "20000",
            "--checkpoint-every",
            "PT1S"),
        "detection job running");
    say(
        "Flink MiniCluster running the detection job, parallelism "
            + parallelism
            + "  [logs/flink.log]");

    DemoSetup setup = new DemoSetup(NeSyria.load());
    ObjectNode config = setup.configuration();
    ObjectNode kafka = config.putObject("journal").putObject("kafka");
    kafka.put("bootstrapServers", bootstrap).put("topic", "deconflict-journal");
    kafka.put("replicationFactor", 1);
    config
        .putObject("detection")
        .put("mode", "flink")
        .put("notificationsTopic", notifications)
        .put("conflictsTopic", conflicts);
    Path file = dir.resolve("deconflict.json");
    Files.writeString(file, config.toPrettyString());
    List<URI> apis = new ArrayList<>();
    ObjectNode summary = DemoSetup.MAPPER.createObjectNode();
    ArrayNode nodes = summary.putArray("nodes");
    for (int i = 0; i < ports.size(); i++) {
      String name = "node-" + (char) ('a' + i);
      String out =
          start(
              name,
              List.of(
                  "-Xmx768m",
                  "io.deconflict.cli.Main",
                  "serve",
                  "--config",
                  file.toString(),
                  "--port",
                  Integer.toString(ports.get(i)),
                  "--data",
                  dir.resolve(name).toString()),
              "The map: ");
      URI api = URI.create(match(LISTENING, out));
      apis.add(api);
      nodes.addObject().put("name", name).put("api", api.toString()).put("map", match(MAP, out));
      say(name + ": " + api + "  map " + match(MAP, out) + "  [logs/" + name + ".log]");
    }
    ObjectNode tokens = summary.putObject("tokens");
    setup.tokens().forEach(tokens::put);
    ObjectNode officers = summary.putObject("officers");
    setup.officers().forEach(officers::put);
    Files.writeString(dir.resolve("cluster.json"), summary.toPrettyString());
    if (demo) {
      long started = System.nanoTime();
      int n = setup.load(List.of(apis.get(0)));
      say(
          "demo loaded through node-a: "
              + n
              + " zones, sites and movements in "
              + (System.nanoTime() - started) / 1_000_000
              + " ms; alerts follow as the job reports conflicts");
    }
    say(
        "tokens: "
            + dir.resolve("cluster.json")
            + " (officers: "
            + setup.officers().keySet()
            + ")");
    say("e.g. curl -H \"Authorization: Bearer $TOKEN\" " + apis.get(apis.size() - 1) + "/alerts");
    say("Ctrl-C stops every process");
  }

  /**
   * Starts {@code java -cp CLASSPATH args} with its output in {@code logs/NAME.log}; returns the
   * output up to the first line holding {@code ready}.
   *
   * @throws IllegalStateException if it ends or does not print it in time
   */
  private String start(String name, List<String> args, String ready) throws Exception {
    Path log = dir.resolve("logs").resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(args);
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    long deadline = System.nanoTime() + START_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.readString(log, StandardCharsets.UTF_8);
      int at = out.indexOf(ready);
      if (at >= 0) {
        int end = out.indexOf('\n', at);
        if (end >= 0) {
          return out.substring(0, end);
        }
      }
      if (!p.isAlive()) {
        throw new IllegalStateException(
            name + " ended with " + p.exitValue() + " before it was ready; see " + log);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        name + " was not ready within " + START_WITHIN + "; see " + log);
  }

  private static String match(Pattern pattern, String out) {
    Matcher m = pattern.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no " + pattern + " in " + out);
    }
    return m.group(1);
  }

  /** Stops the processes, the last started first (the nodes before Flink before Kafka). */
  private void stop() {
    List<Process> started;
    synchronized (processes) {
      started = new ArrayList<>(processes);
      processes.clear();
    }
    Collections.reverse(started);
    for (Process p : started) {
      p.destroy();
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static void clean(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + dir + ": " + e, e);
    }
  }
}
