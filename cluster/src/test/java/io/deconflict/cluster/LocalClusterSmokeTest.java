package io.deconflict.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.demo.NeSyria;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cluster's command (issue 11 part 5, scale-out.md "A local cluster") started as a
 * newcomer starts it, without the demo's load (which takes over a minute here): it prints its nodes
 * and tokens; a movement notified through node A is read through node B (one Kafka journal); both
 * nodes tell an officer the same alerts; and stopped as Ctrl-C stops it, it leaves no process
 * behind.
 */
class LocalClusterSmokeTest {

  @TempDir Path dir;

  @Test
  void theLocalClusterStartsServesFromBothNodesAndStopsEveryProcess() throws Exception {
    Path log = dir.resolve("local-cluster.out");
    Process cluster =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                LocalCluster.class.getName(),
                "--dir",
                dir.resolve("cluster").toString(),
                "--ports",
                "0,0",
                "--parallelism",
                "1",
                "--for",
                "PT5M")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    List<ProcessHandle> children = List.of();
    try {
      awaitLine(cluster, log, "Ctrl-C stops every process");
      children = cluster.descendants().toList();
      assertThat(children).hasSizeGreaterThanOrEqualTo(4); // broker, Flink, two nodes
      JsonNode summary =
          DemoSetup.MAPPER.readTree(dir.resolve("cluster").resolve("cluster.json").toFile());
      URI a = URI.create(summary.path("nodes").get(0).path("api").asText());
      URI b = URI.create(summary.path("nodes").get(1).path("api").asText());
      Map.Entry<String, JsonNode> officer = summary.path("officers").fields().next();
      String token = officer.getValue().asText();
      DemoSetup http = new DemoSetup(NeSyria.load());

      http.send(
          a,
          token,
          "POST",
          "/movements",
          DemoSetup.MAPPER.readTree(
              "{\"type\":\"Feature\",\"id\":\"smoke-1\",\"properties\":{\"separationMeters\":1500,"
                  + "\"times\":[\"2027-10-08T08:00:00Z\",\"2027-10-08T09:00:00Z\"]},"
                  + "\"geometry\":{\"type\":\"LineString\","
                  + "\"coordinates\":[[41.92,36.99],[41.38,37.03]]}}"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      JsonNode seen = null;
      while (seen == null && System.nanoTime() < deadline) {
        try {
          seen = http.send(b, token, "GET", "/movements/smoke-1", null);
        } catch (IllegalStateException notYet) {
          Thread.sleep(200);
        }
      }
      assertThat(seen).as("node B reads what node A was told").isNotNull();
      assertThat(http.send(b, token, "GET", "/alerts?limit=100", null))
          .isEqualTo(http.send(a, token, "GET", "/alerts?limit=100", null));
    } finally {
      cluster.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook stops the processes it started
      boolean ended = cluster.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        cluster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
      }
      assertThat(ended).as("the local cluster stopped").isTrue();
    }
    for (ProcessHandle child : children) {
      child.onExit().get(30, TimeUnit.SECONDS);
      assertThat(child.isAlive()).as("process %s left behind", child.pid()).isFalse();
    }
  }

  private static void awaitLine(Process p, Path log, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (out.contains(line)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("the local cluster ended with " + p.exitValue() + ": " + out);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the local cluster did not start within 180 s: " + log);
  }
}
