package io.deconflict.cli.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Json;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueCommandTest {

  @TempDir Path dir;

  private Path file;

  @BeforeEach
  void writeAStarterConfiguration() throws IOException {
    file = dir.resolve("deconflict.json");
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(starter());
    root.put("note", "kept as it is"); // a field the service ignores
    Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  private String starter() throws IOException {
    Path starter = dir.resolve("starter.json");
    assertThat(Cli.run("init", "--config", starter.toString()).exitCode()).isZero();
    return Files.readString(starter);
  }

  /** The two lines of standard output: the token and the member's JSON. */
  private static List<String> lines(Result result) {
    return result.out().lines().toList();
  }

  @Test
  void printsATokenAndAMemberLineThatParse() throws IOException {
    String before = Files.readString(file);

    Result result =
        Cli.run(
            "token",
            "issue",
            "--config",
            file.toString(),
            "--member",
            "us-liaison",
            "--party",
            "us",
            "--role",
            "observer");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
    assertThat(lines(result)).hasSize(2);
    String token = lines(result).get(0);
    assertThat(token).matches("dct_[A-Za-z0-9_-]{43}");
    JsonNode member = Json.MAPPER.readTree(lines(result).get(1));
    assertThat(member.path("id").asText()).isEqualTo("us-liaison");
    assertThat(member.path("party").asText()).isEqualTo("us");
    assertThat(member.path("role").asText()).isEqualTo("observer");
    assertThat(member.path("name").asText()).isEqualTo("us-liaison");
    assertThat(member.path("tokenSha256").asText()).isEqualTo(Tokens.sha256(token));
    assertThat(lines(result).get(1)).doesNotContain(token);
    assertThat(result.err()).contains("shown this once", "--write");
    assertThat(Files.readString(file))
        .as("without --write the file is unchanged")
        .isEqualTo(before);
  }

  @Test
  void thePrintedLineAddedByHandMakesAValidConfiguration() throws IOException {
    Result result =
        Cli.run(
            "token",
            "issue",
            "--config",
            file.toString(),
            "--member",
            "ops-2",
            "--party",
            "mechanism",
            "--role",
            "operator",
            "--name",
            "Night operator");
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    root.withArray("members").add(Json.MAPPER.readTree(lines(result).get(1)));

    Configuration config = Configuration.parse(root, Map.of());

    Member member =
        config
            .directory()
            .authenticate(lines(result).get(0), java.time.Instant.now())
            .orElseThrow();
    assertThat(member.id()).isEqualTo("ops-2");
    assertThat(member.role()).isEqualTo(Role.OPERATOR);
    assertThat(member.name()).isEqualTo("Night operator");
  }

  @Test
  void writeAddsTheMemberAndKeepsTheRestOfTheFile() throws IOException {
    Configuration before = Configuration.read(file, Map.of());

    Result result =
        Cli.run(
            "token",
            "issue",
            "--config",
            file.toString(),
            "--member",
            "ru-liaison",
            "--party",
            "ru",
            "--role",
            "officer",
            "--write");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
    Configuration after = Configuration.read(file, Map.of());
    assertThat(after.directory().members())
        .startsWith(before.directory().members().toArray(Member[]::new))
        .hasSize(before.directory().members().size() + 1);
    assertThat(after.directory().authenticate(lines(result).get(0), java.time.Instant.now()))
        .map(Member::id)
        .contains("ru-liaison");
    assertThat(after.directory().parties()).isEqualTo(before.directory().parties());
    assertThat(after.defaults()).isEqualTo(before.defaults());
    assertThat(Json.MAPPER.readTree(file.toFile()).path("note").asText())
        .isEqualTo("kept as it is");
    assertThat(Files.readString(file)).doesNotContain(lines(result).get(0));
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void writeReplacesTheMemberWithTheSameIdInPlace() {
    Configuration before = Configuration.read(file, Map.of());

    Result result =
        Cli.run(
            "token",
            "issue",
            "--config",
            file.toString(),
            "--member",
            "us-officer",
            "--party",
            "us",
            "--role",
            "officer",
            "--name",
            "US duty officer",
            "--write");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
    assertThat(result.err()).contains("Replaced member us-officer", "old token no longer works");
    Configuration after = Configuration.read(file, Map.of());
    assertThat(after.directory().members()).hasSameSizeAs(before.directory().members());
    assertThat(after.directory().members().get(0).name()).isEqualTo("US duty officer");
    assertThat(after.directory().members().get(0).tokens())
        .isEqualTo(
            java.util.List.of(
                io.deconflict.service.party.Credential.of(Tokens.sha256(lines(result).get(0)))))
        .isNotEqualTo(before.directory().members().get(0).tokens());
    assertThat(after.directory().members().subList(1, 7))
        .isEqualTo(before.directory().members().subList(1, 7));
  }

  @Test
  void refusesAMemberOfAPartyThatIsNotConfigured() throws IOException {
    String before = Files.readString(file);

    Result result =
        Cli.run(
            "token",
            "issue",
            "--config",
            file.toString(),
            "--member",
            "tr-officer",
            "--party",
            "tr",
            "--role",
            "officer",
            "--write");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).as("no token for a member the service would refuse").isEmpty();
    assertThat(result.err()).contains("party \"tr\" is not configured");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void refusesAnOperatorOutsideTheMechanismAndAnUnknownRole() {
    Result operator =
        Cli.run(
            "token",
            "issue",
            "--config",
            file.toString(),
            "--member",
            "x",
            "--party",
            "us",
            "--role",
            "operator");
    Result unknown =
        Cli.run(
            "token",
            "issue",
            "--config",
            file.toString(),
            "--member",
            "x",
            "--party",
            "us",
            "--role",
            "general");

    assertThat(operator.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(operator.err()).contains("operators, and only operators");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unknown.err()).contains("role \"general\" is not one of");
  }

  @Test
  void refusesAMissingConfigurationFile() {
    Result result =
        Cli.run(
            "token",
            "issue",
            "--config",
            dir.resolve("none.json").toString(),
            "--member",
            "x",
            "--party",
            "us",
            "--role",
            "officer");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("does not exist", "deconflict init");
  }

  @Test
  void withoutASubcommandIsAUsageError() {
    Result result = Cli.run("token");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("Missing subcommand", "issue");
  }
}
