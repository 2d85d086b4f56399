package io.deconflict.cli.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InitCommandTest {

  /** A row of the token table: member, party, role, token. */
  private static final Pattern TOKEN_ROW =
      Pattern.compile("(?m)^(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(dct_[A-Za-z0-9_-]+)$");

  @TempDir Path dir;

  /** The tokens printed by {@code init}, by member id, in the order printed. */
  static Map<String, String> tokens(String out) {
    Map<String, String> tokens = new LinkedHashMap<>();
    Matcher row = TOKEN_ROW.matcher(out);
    while (row.find()) {
      tokens.put(row.group(1), row.group(4));
    }
    return tokens;
  }

  @Test
  void writesAConfigurationThatReadsBack() {
    Path file = dir.resolve("deconflict.json");

    Result result = Cli.run("init", "--config", file.toString());

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
    Configuration config = Configuration.read(file, Map.of());
    assertThat(config.directory().parties())
        .containsExactly(
            new Party("us", "US-led coalition", "en"),
            new Party("ru", "Russian military police", "ru"));
    assertThat(config.directory().members())
        .extracting(Member::id, Member::party, Member::role)
        .containsExactly(
            tuple("us-officer", "us", Role.OFFICER),
            tuple("us-commander", "us", Role.COMMANDER),
            tuple("us-observer", "us", Role.OBSERVER),
            tuple("ru-officer", "ru", Role.OFFICER),
            tuple("ru-commander", "ru", Role.COMMANDER),
            tuple("ru-observer", "ru", Role.OBSERVER),
            tuple("operator", Party.MECHANISM, Role.OPERATOR));
    assertThat(config.dataDirectory()).isEqualTo(Path.of("data"));
    assertThat(config.host()).isEqualTo(Configuration.DEFAULT_HOST);
    assertThat(config.port()).isEqualTo(Configuration.DEFAULT_PORT);
  }

  @Test
  void printsEachTokenOnceAndEachAuthenticatesItsMember() {
    Path file = dir.resolve("deconflict.json");

    Result result = Cli.run("init", "--config", file.toString());

    Map<String, String> tokens = tokens(result.out());
    Configuration config = Configuration.read(file, Map.of());
    assertThat(tokens.keySet())
        .containsExactlyElementsOf(config.directory().members().stream().map(Member::id).toList());
    tokens.forEach(
        (member, token) -> {
          assertThat(config.directory().authenticate(token, java.time.Instant.now()))
              .map(Member::id)
              .contains(member);
          assertThat(result.out().split(Pattern.quote(token), -1)).as(member).hasSize(2);
        });
    assertThat(tokens.values()).doesNotHaveDuplicates();
    assertThat(result.out()).contains("NOT stored");
  }

  @Test
  void theFileHoldsNoTokenAndOnlyItsOwnerMayReadIt() throws IOException {
    Path file = dir.resolve("deconflict.json");

    Result result = Cli.run("init", "--config", file.toString());

    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("dct_");
    for (String token : tokens(result.out()).values()) {
      assertThat(text).doesNotContain(token).doesNotContain(token.substring(4));
    }
    assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var names = Files.list(dir)) {
      assertThat(names).as("no temporary file is left behind").containsExactly(file);
    }
  }

  @Test
  void refusesToReplaceAnExistingFileWithoutForce() throws IOException {
    Path file = dir.resolve("deconflict.json");
    Files.writeString(file, "{\"keep\": true}");

    Result result = Cli.run("init", "--config", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).as("no token is shown").isEmpty();
    assertThat(result.err()).contains("already exists", "--force");
    assertThat(Files.readString(file)).isEqualTo("{\"keep\": true}");
  }

  @Test
  void replacesAnExistingFileWithForce() throws IOException {
    Path file = dir.resolve("deconflict.json");
    Files.writeString(file, "{\"keep\": true}");

    Result result = Cli.run("init", "--config", file.toString(), "--force");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    Configuration config = Configuration.read(file, Map.of());
    tokens(result.out())
        .forEach(
            (member, token) ->
                assertThat(config.directory().authenticate(token, java.time.Instant.now()))
                    .isPresent());
  }

  @Test
  void writesTheFileNamedByDeconflictConfigWhenNoOptionIsGiven() {
    Path file = dir.resolve("sub/dir/site.json");
    CommandLine commandLine =
        new CommandLine(new InitCommand(Map.of(ConfigFile.ENVIRONMENT_VARIABLE, file.toString())));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));

    int exitCode = commandLine.execute();

    assertThat(exitCode).isEqualTo(ExitCodes.OK);
    assertThat(Configuration.read(file, Map.of()).directory().members()).hasSize(7);
  }

  @Test
  void theConfigOptionWinsOverTheEnvironment() {
    Path option = dir.resolve("option.json");
    Path environment = dir.resolve("environment.json");

    assertThat(
            ConfigFile.resolve(
                option, Map.of(ConfigFile.ENVIRONMENT_VARIABLE, environment.toString())))
        .isEqualTo(option);
    assertThat(
            ConfigFile.resolve(
                null, Map.of(ConfigFile.ENVIRONMENT_VARIABLE, environment.toString())))
        .isEqualTo(environment);
    assertThat(ConfigFile.resolve(null, Map.of())).isEqualTo(Path.of("deconflict.json"));
  }

  @Test
  void helpDescribesTheOptions() {
    Result result = Cli.run("init", "--help");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).contains("--config", "--force", "Exit codes:");
  }

  @Test
  void topLevelHelpListsTheServiceCommands() {
    assertThat(Cli.run("--help").out()).contains("serve", "init", "token", "replay");
  }
}
