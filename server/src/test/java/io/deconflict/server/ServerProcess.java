package io.deconflict.server;

import io.deconflict.server.config.Configuration;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The test service in a process of its own, so a test can kill it hard. */
public final class ServerProcess {

  private ServerProcess() {}

  /** Args: the data directory. Prints {@code PORT n} once listening, then serves until killed. */
  public static void main(String[] args) throws InterruptedException {
    ApiServer server =
        ApiServer.start(
            Configuration.parse(TestService.configJson(Path.of(args[0])), Map.of()),
            Clock.systemUTC());
    System.out.println("PORT " + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
