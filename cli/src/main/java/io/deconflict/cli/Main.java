package io.deconflict.cli;

import io.deconflict.cli.check.CheckCommand;
import io.deconflict.cli.init.InitCommand;
import io.deconflict.cli.replay.ReplayCommand;
import io.deconflict.cli.serve.ServeCommand;
import io.deconflict.cli.token.TokenCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code deconflict} top command. It does nothing itself; its subcommands do the work.
 *
 * <p>To add a subcommand, write it in its own package and register it in {@link #commandLine}.
 */
@Command(
    name = "deconflict",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Finds where and when the movements, sites and zones of different parties conflict.",
    subcommands = {CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no conflict",
      "1:conflicts found",
      "2:invalid input or command line",
      "3:internal error"
    })
public final class Main implements Runnable {

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli before run()
  private CommandSpec spec;

  private Main() {}

  /** Runs the command line and exits the process with its exit code. */
  public static void main(String[] args) {
    int exitCode;
    try {
      exitCode = commandLine(Terminal.system()).execute(args);
    } catch (OutOfMemoryError e) {
      System.err.println("internal error: out of memory; give Java more with -Xmx");
      exitCode = ExitCodes.INTERNAL_ERROR;
    } catch (RuntimeException | Error e) {
      System.err.println("internal error: " + e);
      e.printStackTrace();
      exitCode = ExitCodes.INTERNAL_ERROR;
    }
    System.exit(exitCode);
  }

  /**
   * The command line with every subcommand, ready to {@link CommandLine#execute}. Callers may
   * redirect its output with {@link CommandLine#setOut} and {@link CommandLine#setErr}.
   */
  public static CommandLine commandLine(Terminal terminal) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.addSubcommand(new CheckCommand(terminal));
    commandLine.addSubcommand(new io.deconflict.cli.audit.AuditCommand());
    commandLine.addSubcommand(ServeCommand.forThisProcess());
    commandLine.addSubcommand(new InitCommand(System.getenv()));
    commandLine.addSubcommand(new TokenCommand(System.getenv()));
    commandLine.addSubcommand(new ReplayCommand());
    commandLine.addSubcommand(new io.deconflict.cli.review.ReviewCommand());
    commandLine.addSubcommand(io.deconflict.cli.demo.DemoCommand.forThisProcess(terminal));
    // after adding subcommands: these setters apply to the subcommands present
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(Main::internalError);
    return commandLine;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** Reports a failure that is not the input's fault; it is a bug, so the trace helps. */
  private static int internalError(Exception e, CommandLine commandLine, ParseResult parseResult) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    PrintWriter err = commandLine.getErr();
    err.println("internal error: " + e);
    err.print(trace);
    err.flush();
    return ExitCodes.INTERNAL_ERROR;
  }
}
