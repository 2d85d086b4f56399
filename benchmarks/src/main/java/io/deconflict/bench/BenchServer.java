package io.deconflict.bench;

import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.map.MapLayers;
import io.deconflict.server.metrics.ServiceMetrics;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.limit.MemberLimits;
import java.net.URI;
import java.time.Clock;

/**
 * The real service of a benchmark: the composition root ({@link ServiceRuntime}) over the
 * configuration's data directory, and its HTTP server. Closing it closes the server, then the
 * service. Thread-safe as its parts are.
 */
final class BenchServer implements AutoCloseable {

  private final ServiceRuntime runtime;
  private final ApiServer server;

  private BenchServer(ServiceRuntime runtime, ApiServer server) {
    this.runtime = runtime;
    this.server = server;
  }

  /** Opens the service on {@code clock} and starts its HTTP server, as {@code serve} does. */
  static BenchServer start(Configuration config, Clock clock) {
    return start(config, clock, MemberLimits.Settings.NONE);
  }

  /** As {@link #start(Configuration, Clock)}, with these per-member limits at the HTTP edge. */
  static BenchServer start(Configuration config, Clock clock, MemberLimits.Settings limits) {
    ServiceRuntime runtime =
        ServiceRuntime.open(
            config.dataDirectory(),
            config.directory(),
            config.defaults(),
            clock,
            ServiceRuntime.DEFAULT_TICK_MILLIS);
    return new BenchServer(
        runtime,
        ApiServer.start(
            runtime.application(),
            config,
            clock,
            MapLayers.none(),
            new ApiServer.Operations(
                MemberLimits.of(limits, System::nanoTime), new ServiceMetrics())));
  }

  /** The server's address, {@code http://127.0.0.1:<port>/}. */
  URI uri() {
    return server.uri();
  }

  @Override
  public void close() {
    server.close();
    runtime.close();
  }
}
