package io.deconflict.server;

import io.deconflict.server.config.Configuration;
import io.deconflict.service.ServiceRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The test service in a process of its own, so a test can kill it hard. */
public final class ServerProcess {

  private ServerProcess() {}

  /** Args: the data directory. Prints {@code PORT n} once listening, then serves until killed. */
  public static void main(String[] args) throws InterruptedException {
    Configuration config = Configuration.parse(TestService.configJson(Path.of(args[0])), Map.of());
    ServiceRuntime runtime =
        ServiceRuntime.open(
            config.dataDirectory(),
            config.directory(),
            config.defaults(),
            Clock.systemUTC(),
            ServiceRuntime.DEFAULT_TICK_MILLIS);
    ApiServer server = ApiServer.start(runtime.application(), config, Clock.systemUTC());
    System.out.println("PORT " + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
