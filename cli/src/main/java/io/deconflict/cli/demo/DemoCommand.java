package io.deconflict.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.Shutdown;
import io.deconflict.cli.Terminal;
import io.deconflict.cli.VersionProvider;
import io.deconflict.demo.Demo;
import io.deconflict.demo.DemoException;
import io.deconflict.demo.Encounter;
import io.deconflict.demo.NeSyria;
import io.deconflict.demo.Scenario;
import io.deconflict.demo.SimulatedClock;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.tak.TakListener;
import io.deconflict.tak.TakSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deconflict demo}: starts the service on a simulated clock, loads the northeast Syria
 * scenario through its HTTP API, prints the URL and a sign-in per party, and runs until stopped
 * (SIGTERM, Ctrl-C, or {@code quit} on standard input). Scripted actors answer for the parties
 * nobody plays; units report their positions as the clock passes their times.
 *
 * <p>Standard input takes commands, one a line: {@code pause}, {@code resume}, {@code speed N},
 * {@code status}, {@code quit}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the northeast Syria scenario (SCENARIO.md) on a live service with a simulated clock:"
          + " loads agreements, zones, sites and movements through the HTTP API, prints the URL and"
          + " a sign-in per party, answers for the parties nobody plays and feeds track reports.",
      "Type pause, resume, speed N, status or quit on standard input; Ctrl-C stops."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped",
      "2:a bad option, a data directory that already holds a journal, or a port in use",
      "3:internal error"
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--speed",
      paramLabel = "N",
      defaultValue = "60",
      description = "Scenario seconds per real second, up to 10000 (default: ${DEFAULT-VALUE}).")
  private double speed;

  @Option(
      names = "--start",
      paramLabel = "TIME",
      description =
          "The scenario time to start at, ISO-8601 UTC (default: 2022-10-08T04:00:00Z, before the"
              + " al-Qahtaniyah oil field crossing).")
  private @Nullable String start;

  @Option(
      names = "--encounter",
      paramLabel = "N",
      description = "Start just before encounter N (1 to 5) of the scenario instead of --start.")
  private @Nullable Integer encounter;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "The data directory for the journal; it must not hold one yet (default: a new"
              + " temporary directory, kept after the demo for `deconflict replay`).")
  private @Nullable Path data;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}).")
  private String host = "127.0.0.1";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "The TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--tak-port",
      paramLabel = "PORT",
      description =
          "Also listen for TAK clients (Cursor on Target over plain TCP, docs/tak.md) on this"
              + " port, 0 for any free one; sign in with an <auth> message and a token below."
              + " Off unless given.")
  private @Nullable Integer takPort;

  @Option(names = "--paused", description = "Load, then keep the clock stopped until `resume`.")
  private boolean paused;

  @Option(
      names = "--play",
      paramLabel = "PARTIES",
      split = ",",
      defaultValue = "us,ru",
      description =
          "The parties people play, comma-separated; the demo acknowledges alerts for the others"
              + " (default: ${DEFAULT-VALUE}).")
  private List<String> play = new ArrayList<>();

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  private CommandSpec spec;

  private final Terminal terminal;
  private final Consumer<Thread> shutdownHooks;

  /**
   * A demo command.
   *
   * @param terminal where commands are read from (its standard input)
   * @param shutdownHooks registers the thread that stops the demo, as {@link
   *     Runtime#addShutdownHook} does; the command returns once that thread has run
   */
  public DemoCommand(Terminal terminal, Consumer<Thread> shutdownHooks) {
    this.terminal = terminal;
    this.shutdownHooks = shutdownHooks;
  }

  /** A demo command for this process: stopped by SIGTERM or SIGINT, or {@code quit}. */
  public static DemoCommand forThisProcess(Terminal terminal) {
    return new DemoCommand(terminal, Runtime.getRuntime()::addShutdownHook);
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scenario scenario = NeSyria.load();
    Demo.Options options;
    try {
      options = options(scenario);
    } catch (IllegalArgumentException e) {
      return fail(err, e.getMessage());
    }
    out.println(
        "deconflict demo: loading the northeast Syria scenario into "
            + options.dataDirectory()
            + " ...");
    out.flush();
    Demo demo;
    try {
      demo = Demo.start(scenario, options, out);
    } catch (DemoException e) {
      return fail(err, e.getMessage());
    } catch (RuntimeException e) {
      if (!isBindFailure(e)) {
        throw e;
      }
      return fail(err, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
    TakListener tak = null;
    if (takPort != null) {
      try {
        tak = startTak(demo, takPort);
      } catch (RuntimeException e) {
        demo.close();
        return fail(
            err,
            "cannot listen for TAK clients on " + host + ":" + takPort + ": " + e.getMessage());
      }
    }
    TakListener takListener = tak;
    Shutdown stop = Shutdown.register(shutdownHooks, "deconflict-demo-shutdown", takListener, demo);
    welcome(out, scenario, options, demo);
    if (takListener != null) {
      out.println(
          "TAK listener (Cursor on Target, plain TCP): tcp://"
              + host
              + ":"
              + takListener.tcpPort()
              + "; sign in with <auth><cot username=\"MEMBER\" password=\"TOKEN\"/></auth>"
              + " (docs/tak.md)");
      out.flush();
    }
    Thread console = new Thread(() -> console(demo, out, stop), "deconflict-demo-console");
    console.setDaemon(true);
    console.start();
    stop.await();
    return ExitCodes.OK;
  }

  /** A TAK listener on plain TCP over the demo's service and clock. */
  private TakListener startTak(Demo demo, int tcpPort) {
    if (tcpPort < 0 || tcpPort > 65535) {
      throw new IllegalArgumentException("--tak-port must be 0..65535, got " + tcpPort);
    }
    ObjectNode root = Json.object();
    root.putObject("tak").put("tcpPort", tcpPort);
    TakSettings settings =
        TakSettings.parse(root, host, demo.directory(), Path.of(""))
            .orElseThrow(() -> new IllegalStateException("the tak section was not read"));
    return TakListener.start(demo.application(), demo.directory(), settings, demo.clock());
  }

  private Demo.Options options(Scenario scenario) throws IOException {
    if (!(speed > 0) || speed > SimulatedClock.MAX_SPEED) {
      throw new IllegalArgumentException(
          "--speed must be in (0, " + (long) SimulatedClock.MAX_SPEED + "], got " + speed);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0..65535, got " + port);
    }
    Instant at = Demo.Options.DEFAULT_START;
    Integer n = encounter;
    String s = start;
    if (n != null && s != null) {
      throw new IllegalArgumentException("give --start or --encounter, not both");
    }
    if (n != null) {
      if (n < 1 || n > scenario.encounters().size()) {
        throw new IllegalArgumentException(
            "--encounter must be 1.." + scenario.encounters().size() + ", got " + n);
      }
      at = scenario.encounter(n).demoStart();
    } else if (s != null) {
      try {
        at = Instant.parse(s);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--start must be an ISO-8601 UTC instant such as 2022-10-08T04:00:00Z, got \""
                + s
                + "\"",
            e);
      }
    }
    Set<String> played = new LinkedHashSet<>();
    for (String p : play) {
      String id = p.trim().toLowerCase(Locale.ROOT);
      if (id.isEmpty()) {
        continue;
      }
      if (scenario.parties().stream().noneMatch(x -> x.id().equals(id))) {
        throw new IllegalArgumentException(
            "--play: \""
                + id
                + "\" is not a party of the scenario; the parties are "
                + String.join(", ", scenario.parties().stream().map(Scenario.Party::id).toList()));
      }
      played.add(id);
    }
    Path given = data;
    if (given != null && Files.exists(ServiceRuntime.journalFile(given))) {
      throw new IllegalArgumentException(
          "the data directory " + given + " already holds a journal; the demo needs an empty one");
    }
    Path dir = given != null ? given : Files.createTempDirectory("deconflict-demo-");
    return Demo.Options.defaults(dir)
        .withStart(at)
        .withClock(speed, paused)
        .withAddress(host, port)
        .withPlayed(played);
  }

  private static void welcome(PrintWriter out, Scenario scenario, Demo.Options options, Demo demo) {
    out.println(
        "deconflict demo: loaded; clock at "
            + options.start()
            + (options.paused()
                ? ", paused"
                : ", " + formatSpeed(options.speed()) + "x real time"));
    out.println("deconflict listening on " + demo.uri() + " (journal " + demo.journalFile() + ")");
    out.println("The map: " + demo.webUri() + " (sign in with a token below, or open a link)");
    out.println();
    out.printf(
        Locale.ROOT, "%-10s %-14s %-9s %-9s %s%n", "PARTY", "MEMBER", "ROLE", "PLAYED", "TOKEN");
    for (Demo.Login l : demo.partyLogins()) {
      String who =
          options.played().contains(l.party())
              ? "you"
              : demo.scripted().contains(l.party()) ? "script" : "-";
      out.printf(
          Locale.ROOT,
          "%-10s %-14s %-9s %-9s %s%n",
          l.party(),
          l.member(),
          l.role(),
          who,
          l.token());
    }
    out.println();
    for (Demo.Login l : demo.partyLogins()) {
      if (options.played().contains(l.party())) {
        out.printf(Locale.ROOT, "Sign in as %s: %s%n", l.member(), demo.signInLink(l));
      }
    }
    out.println();
    Instant until = options.start().plus(options.horizon());
    for (Encounter e : scenario.encounters()) {
      if (e.to().isAfter(options.start()) && e.from().isBefore(until)) {
        out.println(
            "Coming up: encounter "
                + e.number()
                + ", "
                + e.name()
                + " ("
                + e.from()
                + " to "
                + e.to()
                + ")");
      }
    }
    out.println("Commands on standard input: pause, resume, speed N, status, quit. Ctrl-C stops.");
    out.flush();
  }

  private static String formatSpeed(double speed) {
    return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
  }

  /** Reads commands from standard input until it ends or {@code quit}. */
  private void console(Demo demo, PrintWriter out, Runnable stop) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(terminal.stdin(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] words = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
        String reply;
        switch (words[0]) {
          case "" -> {
            continue;
          }
          case "pause", "p" -> {
            demo.clock().pause();
            reply = demo.status();
          }
          case "resume", "r" -> {
            demo.clock().resume();
            reply = demo.status();
          }
          case "speed" -> reply = speed(demo, words);
          case "status", "s" -> reply = demo.status();
          case "quit", "q", "exit" -> {
            stop.run();
            return;
          }
          default -> reply = "commands: pause, resume, speed N, status, quit";
        }
        synchronized (out) {
          out.println(reply);
          out.flush();
        }
      }
    } catch (IOException e) {
      // standard input is gone: the demo runs on until stopped
    }
  }

  private static String speed(Demo demo, String[] words) {
    try {
      demo.clock().setSpeed(Double.parseDouble(words.length > 1 ? words[1] : ""));
      return demo.status();
    } catch (IllegalArgumentException e) {
      return "speed N: N in (0, " + (long) SimulatedClock.MAX_SPEED + "]";
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (@Nullable Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static int fail(PrintWriter err, @Nullable String message) {
    err.println("error: " + (message == null ? "unknown failure" : message));
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }
}
