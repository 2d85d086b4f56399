package io.deconflict.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.Shutdown;
import io.deconflict.cli.VersionProvider;
import io.deconflict.cli.detection.DetectionSettings;
import io.deconflict.cli.detection.JobDetection;
import io.deconflict.cli.init.ConfigFile;
import io.deconflict.cli.journal.JournalChoice;
import io.deconflict.journal.JournalException;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.config.ConfigurationException;
import io.deconflict.server.config.OperationsSettings;
import io.deconflict.server.config.RetentionSettings;
import io.deconflict.server.config.SnapshotSettings;
import io.deconflict.server.map.MapLayers;
import io.deconflict.server.metrics.ManagementServer;
import io.deconflict.server.metrics.Readiness;
import io.deconflict.server.metrics.ServiceMetrics;
import io.deconflict.service.Application;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.access.Gate;
import io.deconflict.service.limit.MemberLimits;
import io.deconflict.service.party.Directory;
import io.deconflict.service.retention.Retention;
import io.deconflict.service.snapshot.SnapshotPolicy;
import io.deconflict.tak.TakListener;
import io.deconflict.tak.TakSettings;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deconflict serve}: reads the configuration, opens and replays the journal, listens, and
 * serves until the process is told to stop (SIGTERM, SIGINT), then closes the server: it stops
 * listening, finishes the commands it accepted and closes the journal.
 *
 * <p>Settings come from, highest precedence first: the command line, the environment ({@code
 * DECONFLICT_HOST}, {@code DECONFLICT_PORT}, {@code DECONFLICT_DATA}), the configuration file, the
 * defaults; see {@code docs/configuration.md}.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the deconfliction service: reads the configuration, replays the journal in the data"
          + " directory and serves the HTTP API under /api/v1 until stopped (SIGTERM or Ctrl-C).",
      "Command-line options override the environment (DECONFLICT_HOST, DECONFLICT_PORT,"
          + " DECONFLICT_DATA), which overrides the file; see docs/configuration.md."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped",
      "2:missing or invalid configuration, unusable journal or data directory, port in use,"
          + " or a bad option",
      "3:internal error"
    })
public final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The configuration file (default: $"
              + ConfigFile.ENVIRONMENT_VARIABLE
              + ", else ./deconflict.json).")
  private @Nullable Path config;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "The address to listen on (overrides DECONFLICT_HOST and the file).")
  private @Nullable String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The TCP port, 0 for any free one (overrides DECONFLICT_PORT and the file).")
  private @Nullable Integer port;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The data directory (overrides DECONFLICT_DATA and the file).")
  private @Nullable Path data;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  private CommandSpec spec;

  private final Map<String, String> environment;
  private final Consumer<Thread> shutdownHooks;

  /**
   * A serve command.
   *
   * @param environment where {@code DECONFLICT_CONFIG}, {@code DECONFLICT_HOST}, {@code
   *     DECONFLICT_PORT} and {@code DECONFLICT_DATA} are read
   * @param shutdownHooks registers the thread that stops the server, as {@link
   *     Runtime#addShutdownHook} does; the command returns once that thread has run
   */
  public ServeCommand(Map<String, String> environment, Consumer<Thread> shutdownHooks) {
    this.environment = Map.copyOf(environment);
    this.shutdownHooks = shutdownHooks;
  }

  /** A serve command for this process: its environment, stopped by SIGTERM or SIGINT. */
  public static ServeCommand forThisProcess() {
    return new ServeCommand(System.getenv(), Runtime.getRuntime()::addShutdownHook);
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Configuration configuration;
    MapLayers mapLayers;
    Optional<TakSettings> tak;
    Path file;
    OperationsSettings operations;
    SnapshotPolicy snapshots;
    Optional<KafkaJournalSettings> kafka;
    Optional<DetectionSettings> detection;
    Retention retention;
    try {
      file = ConfigFile.resolve(config, environment);
      JsonNode document = Configuration.readDocument(file);
      configuration = withOptions(Configuration.read(file, document, environment));
      // relative files resolve against the working directory, as the data directory does
      mapLayers = MapLayers.read(document, Path.of(""));
      tak = takSettings(file, document, configuration);
      operations = OperationsSettings.read(file, document, environment);
      snapshots = snapshotPolicy(file, document);
      kafka = JournalChoice.kafka(file, document);
      detection = DetectionSettings.read(file, document, kafka.isPresent());
      retention = retention(file, document);
    } catch (ConfigurationException e) {
      return fail(err, e.getMessage());
    }
    LogLevels.apply(operations);
    ServiceMetrics metrics = new ServiceMetrics();
    MemberLimits limits = MemberLimits.of(operations.limits(), System::nanoTime);
    metrics.bind(limits);
    Readiness readiness = new Readiness();
    ManagementServer management = null;
    if (operations.management().isPresent()) {
      OperationsSettings.Management m = operations.management().get();
      try {
        // before the replay, so that readiness says "not yet" while it runs
        management = ManagementServer.start(m.host(), m.port(), metrics, readiness);
      } catch (RuntimeException e) {
        Optional<BindException> bind = bindFailure(e);
        if (bind.isEmpty()) {
          throw e;
        }
        return fail(
            err,
            "cannot listen on "
                + m.host()
                + ":"
                + m.port()
                + " (management): "
                + bind.get().getMessage());
      }
    }
    ManagementServer managementServer = management;
    ServiceRuntime runtime;
    try {
      runtime =
          kafka.isPresent()
              ? ServiceRuntime.open(
                  JournalChoice.open(kafka.get(), configuration.dataDirectory()),
                  configuration.directory(),
                  configuration.defaults().withJobDetection(detection.isPresent()),
                  Clock.systemUTC(),
                  ServiceRuntime.DEFAULT_TICK_MILLIS,
                  Application.DEFAULT_MAX_COMMIT_BYTES,
                  snapshots,
                  configuration.dataDirectory())
              : ServiceRuntime.open(
                  configuration.dataDirectory(),
                  configuration.directory(),
                  configuration.defaults(),
                  Clock.systemUTC(),
                  ServiceRuntime.DEFAULT_TICK_MILLIS,
                  snapshots,
                  retention);
    } catch (JournalException e) {
      close(managementServer);
      return fail(err, e.getMessage());
    } catch (UncheckedIOException e) {
      close(managementServer);
      return fail(err, e.getMessage());
    } catch (RuntimeException e) {
      close(managementServer);
      throw e;
    }
    // typed AutoCloseable, so that an embedded start loads no class of the flink mode (D32)
    AutoCloseable jobDetection = null;
    if (detection.isPresent()) {
      try {
        jobDetection = JobDetection.start(kafka.orElseThrow(), detection.get(), runtime);
      } catch (RuntimeException e) {
        runtime.close();
        close(managementServer);
        return fail(err, e.getMessage());
      }
    }
    AutoCloseable detectionOnJob = jobDetection;
    metrics.bind(runtime.application(), runtime.journalFile().orElse(null));
    Gate gate =
        Gate.open(
            runtime.application(), configuration.directory(), runtime.clock(), () -> reread(file));
    ApiServer server;
    try {
      server =
          ApiServer.start(
              runtime.application(),
              configuration,
              Clock.systemUTC(),
              mapLayers,
              gate,
              new ApiServer.Operations(limits, metrics));
    } catch (ConfigurationException e) {
      gate.close();
      stop(detectionOnJob);
      runtime.close();
      close(managementServer);
      return fail(err, e.getMessage());
    } catch (RuntimeException e) {
      gate.close();
      stop(detectionOnJob);
      runtime.close();
      close(managementServer);
      Optional<BindException> bind = bindFailure(e);
      if (bind.isEmpty()) {
        throw e;
      }
      return fail(
          err,
          "cannot listen on "
              + configuration.host()
              + ":"
              + configuration.port()
              + ": "
              + bind.get().getMessage());
    }
    TakListener listener = null;
    if (tak.isPresent()) {
      try {
        listener =
            TakListener.start(runtime.application(), gate, tak.get(), runtime.clock(), limits);
      } catch (IllegalStateException e) {
        server.close();
        gate.close();
        stop(detectionOnJob);
        runtime.close();
        close(managementServer);
        return fail(err, e.getMessage());
      }
      metrics.bindTak(listener::connections);
    }
    TakListener takListener = listener;
    readiness.serving(runtime.application(), runtime.journalFile().orElse(null));
    AutoCloseable notReady = readiness::stopping;
    Shutdown stop =
        Shutdown.register(
            shutdownHooks,
            "deconflict-shutdown",
            notReady,
            takListener,
            server,
            gate,
            detectionOnJob,
            runtime,
            managementServer);
    PrintWriter out = spec.commandLine().getOut();
    long replayed = runtime.application().replayedCommands();
    out.println(
        "deconflict listening on "
            + server.uri()
            + " (journal "
            + kafka
                .map(KafkaJournalSettings::where)
                .orElse(ServiceRuntime.journalFile(configuration.dataDirectory()).toString())
            + ", "
            + runtime
                .application()
                .loadedSnapshot()
                .map(seq -> "snapshot after record " + seq + ", ")
                .orElse("")
            + replayed
            + (replayed == 1 ? " command" : " commands")
            + " replayed)");
    if (detection.isPresent()) {
      out.println(
          "Detection on the Flink job: notifications to "
              + detection.get().notificationsTopic()
              + ", conflicts from "
              + detection.get().conflictsTopic());
    }
    out.println("The map: " + server.webUri());
    if (takListener != null) {
      out.println(
          "TAK listener for Cursor on Target on"
              + (takListener.tcpPort() >= 0
                  ? " tcp://" + tak.get().host() + ":" + takListener.tcpPort()
                  : "")
              + (takListener.tlsPort() >= 0
                  ? " tls://" + tak.get().host() + ":" + takListener.tlsPort()
                  : "")
              + (takListener.martiPort() >= 0
                  ? " https://" + tak.get().host() + ":" + takListener.martiPort() + "/Marti"
                  : ""));
    }
    if (managementServer != null) {
      out.println(
          "Metrics and health: "
              + managementServer.uri()
              + "/metrics "
              + managementServer.uri()
              + "/health/ready");
    }
    out.flush();
    stop.await();
    return ExitCodes.OK;
  }

  /**
   * The members and their tokens as the configuration file says now, for a reload ({@code POST
   * /api/v1/access/reload}).
   *
   * @throws IllegalArgumentException naming the file and field if the file is wrong
   */
  private Directory reread(Path file) {
    try {
      return Configuration.read(file, environment).directory();
    } catch (ConfigurationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static void stop(@Nullable AutoCloseable detection) {
    if (detection != null) {
      try {
        detection.close();
      } catch (Exception e) {
        // stopping after a failure to start: that failure is the one to report
      }
    }
  }

  /** The configuration with the command line's options in place of what they override. */
  private Configuration withOptions(Configuration read) {
    String chosenHost = host;
    if (chosenHost != null && chosenHost.isBlank()) {
      throw new ConfigurationException("--host must not be empty");
    }
    Integer chosenPort = port;
    if (chosenPort != null && (chosenPort < 0 || chosenPort > 65535)) {
      throw new ConfigurationException("--port must be 0..65535, got " + chosenPort);
    }
    Configuration chosen =
        read.withAddress(
            chosenHost != null ? chosenHost : read.host(),
            chosenPort != null ? chosenPort : read.port(),
            data != null ? data : read.dataDirectory());
    if (chosenHost != null) {
      chosen.server().requireSafe(chosenHost, "--host");
    }
    return chosen;
  }

  /** The {@code tak} section of the file, if it is there and enabled. */
  private static Optional<TakSettings> takSettings(
      Path file, JsonNode document, Configuration configuration) {
    try {
      return TakSettings.parse(
          document, configuration.host(), configuration.directory(), Path.of(""));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(file + ": " + e.getMessage());
    }
  }

  private static void close(@Nullable ManagementServer management) {
    if (management != null) {
      management.close();
    }
  }

  /** The {@code snapshots} section of the file. */
  private static SnapshotPolicy snapshotPolicy(Path file, JsonNode document) {
    try {
      return SnapshotSettings.read(document);
    } catch (ConfigurationException e) {
      throw new ConfigurationException(file + ": " + e.getMessage());
    }
  }

  /** The {@code retention} section of the file. */
  private static Retention retention(Path file, JsonNode document) {
    try {
      return RetentionSettings.read(document);
    } catch (ConfigurationException e) {
      throw new ConfigurationException(file + ": " + e.getMessage());
    }
  }

  private static Optional<BindException> bindFailure(Throwable e) {
    for (@Nullable Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException bind) {
        return Optional.of(bind);
      }
    }
    return Optional.empty();
  }

  private static int fail(PrintWriter err, @Nullable String message) {
    err.println("error: " + (message == null ? "unknown failure" : message));
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }
}
