package io.deconflict.cli.init;

import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.VersionProvider;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Defaults;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deconflict init}: writes a starter configuration with two parties, {@code us} and {@code
 * ru}, an officer, a commander and an observer for each, and one operator, and prints each member's
 * new token once. Only the tokens' SHA-256 hashes go into the file.
 *
 * <p>The file format is described in {@code docs/configuration.md}.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Writes a starter configuration file (parties us and ru, their officers, commanders and"
          + " observers, and one operator) and prints each member's new token once.",
      "Only the SHA-256 of each token is written to the file; the tokens are shown here and"
          + " nowhere else. The file is described in docs/configuration.md."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the file was written",
      "2:the file exists (and no --force), cannot be written, or a bad option",
      "3:internal error"
    })
public final class InitCommand implements Callable<Integer> {

  /** The data directory written into the starter file, relative to the working directory. */
  static final String DATA_DIRECTORY = "data";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The file to write (default: $"
              + ConfigFile.ENVIRONMENT_VARIABLE
              + ", else ./deconflict.json).")
  private @Nullable Path config;

  @Option(
      names = "--force",
      description = "Replace an existing file. Every token of the old file stops working.")
  private boolean force;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  private CommandSpec spec;

  private final Map<String, String> environment;

  /**
   * An init command that reads {@value ConfigFile#ENVIRONMENT_VARIABLE} from {@code environment}.
   */
  public InitCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    Path file = ConfigFile.resolve(config, environment);
    PrintWriter err = spec.commandLine().getErr();
    if (Files.isDirectory(file)) {
      return fail(err, file + " is a directory");
    }
    if (!force && Files.exists(file)) {
      return fail(err, refusal(file));
    }
    Map<Member, String> tokens = new LinkedHashMap<>();
    Configuration configuration = starter(tokens);
    try {
      ConfigFile.writePrivately(file, configuration.toPrettyJson(), force);
    } catch (FileAlreadyExistsException e) {
      return fail(err, refusal(file));
    } catch (IOException e) {
      return fail(err, "cannot write " + file + ": " + e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "Wrote %s: %d parties, %d members, data directory %s.%n%n",
        file,
        configuration.directory().parties().size(),
        tokens.size(),
        configuration.dataDirectory());
    out.println("WARNING: these tokens are shown this once and are NOT stored anywhere; the file");
    out.println(
        "holds only their SHA-256. Hand each to its member now, over a safe channel. A lost");
    out.println("token cannot be recovered: replace it with");
    out.println("  deconflict token issue --member ID --party PARTY --role ROLE --write");
    out.println();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("MEMBER", "PARTY", "ROLE", "TOKEN"));
    tokens.forEach((m, token) -> rows.add(List.of(m.id(), m.party(), m.role().wireName(), token)));
    int[] widths = new int[3];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
      }
      out.println(line.append(row.get(3)));
    }
    out.println();
    out.println("Start the service with: deconflict serve --config " + file);
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The starter configuration, with a fresh token per member; each member's token is put into
   * {@code tokens}, in configuration order.
   */
  static Configuration starter(Map<Member, String> tokens) {
    List<Party> parties =
        List.of(
            new Party("us", "US-led coalition", "en"),
            new Party("ru", "Russian military police", "ru"));
    List<Member> members = new ArrayList<>();
    for (Party party : parties) {
      String label = party.id().toUpperCase(Locale.ROOT);
      for (Role role : List.of(Role.OFFICER, Role.COMMANDER, Role.OBSERVER)) {
        members.add(
            member(
                party.id() + "-" + role.wireName(),
                party.id(),
                role,
                label + " " + role.wireName(),
                tokens));
      }
    }
    members.add(member("operator", Party.MECHANISM, Role.OPERATOR, "Mechanism operator", tokens));
    return new Configuration(
        Configuration.DEFAULT_HOST,
        Configuration.DEFAULT_PORT,
        Path.of(DATA_DIRECTORY),
        Configuration.DEFAULT_MAX_BODY_BYTES,
        Defaults.STANDARD,
        new Directory(parties, members));
  }

  private static Member member(
      String id, String party, Role role, String name, Map<Member, String> tokens) {
    String token = Tokens.newToken();
    Member member = new Member(id, party, role, name, Tokens.sha256(token));
    tokens.put(member, token);
    return member;
  }

  private static String refusal(Path file) {
    return file
        + " already exists; not replacing it. Use --force to replace it (every token of the old"
        + " file then stops working), or deconflict token issue to add a member.";
  }

  private static int fail(PrintWriter err, @Nullable String message) {
    err.println("error: " + (message == null ? "unknown failure" : message));
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }
}
