package io.deconflict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.cli.Cli.Result;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void printsTheVersion() {
    Result result = Cli.run("--version");

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).startsWith("deconflict ").doesNotContain("unknown");
  }

  @Test
  void helpListsTheCheckSubcommand() {
    Result result = Cli.run("--help");

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).contains("Usage: deconflict", "check");
  }

  @Test
  void checkHelpDescribesFileOptionsAndExitCodes() {
    Result result = Cli.run("check", "--help");

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).contains("FILE", "--format", "--separation", "Exit codes:");
  }

  @Test
  void withoutASubcommandIsAUsageError() {
    Result result = Cli.run();

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("Missing subcommand");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Result result = Cli.run("frobnicate");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).isEmpty();
  }
}
