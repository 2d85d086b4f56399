package io.deconflict.tak;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A TAK listener in a JVM of its own, for {@link DefaultLoggingLogsSignInsTest}: the logging
 * configuration is read once per JVM, so the shipped one is tested in a fresh JVM. Arguments: the
 * data directory and the directory of {@link TestPki}'s keys. Prints {@code ports TCP TLS} and runs
 * until standard input ends.
 */
final class LoggingProbe {

  private LoggingProbe() {}

  public static void main(String[] args) throws Exception {
    Path keys = Path.of(args[1]);
    try (TakFixture tak =
        new TakFixture(
            Path.of(args[0]),
            s ->
                new TakSettings(
                    "127.0.0.1",
                    0,
                    0,
                    Optional.of(
                        new TakSettings.Tls(
                            keys.resolve("server.p12"),
                            TestPki.PASS,
                            keys.resolve("trust.p12"),
                            TestPki.PASS)),
                    Map.of(),
                    TakSettings.DEFAULT_MAX_EVENT_BYTES,
                    TakSettings.DEFAULT_MAX_CLIENT_BUFFER_BYTES,
                    Map.of()))) {
      System.out.println("ports " + tak.listener.tcpPort() + " " + tak.listener.tlsPort());
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // until the test closes standard input
      }
    }
  }
}
