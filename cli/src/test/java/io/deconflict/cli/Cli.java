package io.deconflict.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the {@code deconflict} command line in-process and captures what it prints. */
public final class Cli {

  /**
   * What one run did.
   *
   * @param exitCode the exit code
   * @param out what went to standard output
   * @param err what went to standard error
   */
  public record Result(int exitCode, String out, String err) {}

  private Cli() {}

  /** Runs with empty standard input. */
  public static Result run(String... args) {
    return runWithStdin("", args);
  }

  /** Runs with {@code stdin} as standard input, which is not a terminal. */
  public static Result runWithStdin(String stdin, String... args) {
    Terminal terminal =
        new Terminal(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            false,
            System::nanoTime);
    CommandLine commandLine = Main.commandLine(terminal);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** The sample file shipped in {@code samples/}. */
  public static Path sample() {
    return Path.of(System.getProperty("basedir", "."))
        .resolve("../samples/check-sample.geojson")
        .normalize();
  }
}
