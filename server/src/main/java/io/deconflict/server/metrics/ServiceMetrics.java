package io.deconflict.server.metrics;

import io.deconflict.service.Application;
import io.deconflict.service.WriterObserver;
import io.deconflict.service.limit.LimitExceeded;
import io.deconflict.service.limit.MemberLimits;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The service's Prometheus metrics (Micrometer, {@link PrometheusMeterRegistry}): HTTP requests by
 * route template and status, the writer's queue, commits and command timings, the journal's size,
 * open alerts by level, event-stream subscribers, TAK connections, limit refusals, and the JVM's
 * own. Every series is an aggregate over all parties: no label names a party, a member, an item or
 * a raw path, so a scrape tells nobody what one party did. The list and meaning of every series is
 * in {@code docs/operations.md}.
 *
 * <p>Thread-safe. Cost: a request or command records into a Micrometer timer (a few lock-free
 * updates); gauges are read when scraped, open alerts by a scan under the application's read lock.
 */
public final class ServiceMetrics implements WriterObserver {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer commit;
  private final Map<String, Timer> commands = new ConcurrentHashMap<>();
  private final List<Object> held = new CopyOnWriteArrayList<>();

  /** Metrics with the JVM's own series and nothing of the service's yet. */
  public ServiceMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.commit =
        Timer.builder("deconflict.writer.commit")
            .description("durable group commits of the journal: insert, hash chain, sync")
            .publishPercentileHistogram()
            .register(registry);
  }

  /**
   * Watches the application: its writer (as its {@link WriterObserver}), its queue, its journal and
   * its open alerts.
   *
   * @param journalFile the embedded journal's file, whose size (with its write-ahead log) is the
   *     journal's bytes; null for a journal without a file
   */
  public void bind(Application app, @org.jspecify.annotations.Nullable Path journalFile) {
    app.observe(this);
    held.add(app);
    Gauge.builder("deconflict.writer.queue", app, Application::queuedCommands)
        .description("commands waiting for the writer, not counting the commit in progress")
        .baseUnit("commands")
        .register(registry);
    Gauge.builder("deconflict.journal.records", app, Application::lastSeq)
        .description("records in the journal (its last sequence number)")
        .baseUnit("records")
        .register(registry);
    if (journalFile != null) {
      Gauge.builder("deconflict.journal.size", journalFile, ServiceMetrics::fileBytes)
          .description("bytes of the journal's file and its write-ahead log")
          .strongReference(true)
          .baseUnit("bytes")
          .register(registry);
    }
    Gauge.builder("deconflict.items", app, a -> a.read(q -> q.itemCount()))
        .description("movements, sites and zones stored")
        .register(registry);
    Gauge.builder("deconflict.alerts.memory", app, a -> a.read(q -> q.alertsInMemory()))
        .description("alerts held in memory; resolved ones leave it after retention.keep")
        .register(registry);
    Gauge.builder("deconflict.units.memory", app, a -> a.read(q -> q.unitsInMemory()))
        .description("units the live tracker holds; silent ones leave it after retention.keep")
        .register(registry);
    for (int level = 1; level <= 3; level++) {
      int l = level;
      Gauge.builder(
              "deconflict.alerts.open",
              app,
              a -> a.read(q -> q.openAlertsByLevel().getOrDefault(l, 0)))
          .description("alerts raised and neither acknowledged nor resolved, by escalation level")
          .tag("level", String.valueOf(l))
          .register(registry);
    }
  }

  /** Counts the refusals of {@code limits} by limit. */
  public void bind(MemberLimits limits) {
    held.add(limits); // Micrometer holds what a function counter reads only weakly
    for (LimitExceeded.Limit limit : LimitExceeded.Limit.values()) {
      FunctionCounter.builder("deconflict.limit.refusals", limits, l -> l.refusals(limit))
          .description("requests and connections refused with 429 for a member's limit")
          .tag("limit", limit.wireName())
          .register(registry);
    }
  }

  /** Reports the open event streams. */
  public void bindEventStreams(IntSupplier subscribers) {
    Gauge.builder("deconflict.events.subscribers", subscribers, s -> s.getAsInt())
        .description("open event streams (GET /api/v1/events)")
        .strongReference(true)
        .register(registry);
  }

  /** Reports the connected TAK clients. */
  public void bindTak(IntSupplier connections) {
    Gauge.builder("deconflict.tak.connections", connections, c -> c.getAsInt())
        .description("connected TAK clients, signed in or not")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Records one HTTP request.
   *
   * @param route the route template ({@code /api/v1/alerts/{id}}), never the raw path
   */
  public void request(String route, String method, int status, long nanos) {
    Timer.builder("deconflict.http.requests")
        .description("HTTP requests by route template, method and status")
        .tag("route", route)
        .tag("method", method.toUpperCase(Locale.ROOT))
        .tag("status", String.valueOf(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void executed(String commandType, long nanos) {
    commands
        .computeIfAbsent(
            commandType,
            t ->
                Timer.builder("deconflict.writer.command")
                    .description(
                        "executing a command on the writer: detection for item.notify, the live"
                            + " tracker for positions.report")
                    .tag("command", t)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void committed(int records, long nanos) {
    commit.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The Prometheus text exposition of every series. */
  public String scrape() {
    return registry.scrape();
  }

  private static double fileBytes(Path journal) {
    long bytes = 0;
    for (Path p : new Path[] {journal, journal.resolveSibling(journal.getFileName() + "-wal")}) {
      try {
        bytes += Files.size(p);
      } catch (IOException absent) {
        // no write-ahead log right now
      }
    }
    return bytes;
  }
}
