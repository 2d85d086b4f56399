package io.deconflict.cli.token;

import io.deconflict.cli.VersionProvider;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code deconflict token}: groups the token subcommands; it does nothing itself. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Manages members' bearer tokens.",
    subcommands = IssueCommand.class)
public final class TokenCommand implements Runnable {

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli before run()
  private CommandSpec spec;

  private final Map<String, String> environment;

  /** A token command whose subcommands read {@code DECONFLICT_CONFIG} from {@code environment}. */
  public TokenCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The environment the subcommands read. */
  Map<String, String> environment() {
    return environment;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }
}
