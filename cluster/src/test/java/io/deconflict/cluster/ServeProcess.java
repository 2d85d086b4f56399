package io.deconflict.cluster;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code deconflict serve} in a process of its own on a free port, so that a test can kill it as
 * a crash would ({@code SIGKILL}: no shutdown hook, no last snapshot, sends in flight lost).
 */
record ServeProcess(URI api, Process process, Path log) implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile("deconflict listening on (http://\\S+/api/v1)");

  static ServeProcess start(Path config, Path data, Path log) throws Exception {
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.deconflict.cli.Main",
                    "serve",
                    "--config",
                    config.toString(),
                    "--port",
                    "0",
                    "--data",
                    data.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Matcher m = LISTENING.matcher(out);
      if (m.find()) {
        return new ServeProcess(URI.create(m.group(1)), p, log);
      }
      if (!p.isAlive()) {
        throw new AssertionError("serve ended with " + p.exitValue() + ": " + out);
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new AssertionError("serve did not start within 90 s; see " + log);
  }

  /** Kills the process as a crash would, and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
