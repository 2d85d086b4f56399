package io.deconflict.cli.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.VersionProvider;
import io.deconflict.cli.init.ConfigFile;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.config.ConfigurationException;
import io.deconflict.service.Json;
import io.deconflict.service.party.Credential;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code deconflict token issue}: makes a fresh token for a member and prints it with the member's
 * line for the configuration file's {@code members} array; with {@code --write}, puts that line
 * into the file itself, replacing a member of the same id.
 *
 * <p>Standard output holds exactly two lines, the token and the member's JSON, so that scripts can
 * read them; the explanations go to standard error. Either way the configuration with the member in
 * it is checked with {@link Configuration#parse} first, so a member the service would refuse is
 * neither printed nor written.
 */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Makes a fresh bearer token for a member. Prints the token (line 1, shown once, stored"
          + " nowhere) and the member's line for the \"members\" array of the configuration file"
          + " (line 2, holding only the token's SHA-256).",
      "With --write, adds the member to the file, or replaces the tokens of the member with the"
          + " same id (the old ones stop working once the service reloads or restarts); with"
          + " --keep-old-until the member's old tokens are kept until then, for a rotation"
          + " without downtime."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the token was issued",
      "2:unreadable or invalid configuration, a member the configuration refuses, or a bad option",
      "3:internal error"
    })
final class IssueCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The configuration file (default: $"
              + ConfigFile.ENVIRONMENT_VARIABLE
              + ", else ./deconflict.json).")
  private @Nullable Path config;

  @Option(names = "--member", required = true, paramLabel = "ID", description = "The member's id.")
  @SuppressWarnings("NullAway.Init") // required: set by picocli before call()
  private String memberId;

  @Option(
      names = "--party",
      required = true,
      paramLabel = "PARTY",
      description = "The member's party id; mechanism for an operator.")
  @SuppressWarnings("NullAway.Init") // required: set by picocli before call()
  private String party;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      description = "officer, commander, observer or operator.")
  @SuppressWarnings("NullAway.Init") // required: set by picocli before call()
  private String role;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The member's display name (default: the id).")
  private @Nullable String name;

  @Option(
      names = "--expires",
      paramLabel = "WHEN",
      description =
          "When the new token stops working: an instant (2026-12-31T00:00:00Z) or a duration"
              + " from now (P90D, PT12H). Default: never.")
  private @Nullable String expires;

  @Option(
      names = "--keep-old-until",
      paramLabel = "WHEN",
      description =
          "For a member already in the file: keep its current tokens, each working until WHEN"
              + " (an instant or a duration from now) or its own earlier expiry, beside the new"
              + " one. Default: the new token replaces them.")
  private @Nullable String keepOldUntil;

  @Option(
      names = "--write",
      description = "Add the member to the file, or replace the member with the same id.")
  private boolean write;

  @ParentCommand
  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  private TokenCommand parent;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  private CommandSpec spec;

  private final Clock clock;

  /** Instantiated by picocli. */
  IssueCommand() {
    this.clock = Clock.systemUTC();
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Path file = ConfigFile.resolve(config, parent.environment());
    String token = Tokens.newToken();
    Instant now = clock.instant();
    Member member;
    Optional<Instant> keepOld;
    try {
      Optional<Instant> until =
          expires == null ? Optional.empty() : Optional.of(when(expires, "--expires", now));
      keepOld =
          keepOldUntil == null
              ? Optional.empty()
              : Optional.of(when(keepOldUntil, "--keep-old-until", now));
      member =
          new Member(
              memberId,
              party,
              Role.parse(role),
              name == null ? memberId : name,
              List.of(new Credential(Tokens.sha256(token), until)));
    } catch (IllegalArgumentException e) {
      return fail(err, e.getMessage());
    }
    ObjectNode document;
    try {
      document = read(file);
      if (keepOld.isPresent()) {
        member = keepingOld(file, document, member, keepOld.get());
      }
    } catch (ConfigurationException e) {
      return fail(err, e.getMessage());
    }
    boolean existed = put(document, member);
    try {
      Configuration.parse(document, Map.of());
    } catch (IllegalArgumentException | ConfigurationException e) {
      return fail(err, file + " with this member: " + e.getMessage());
    }
    if (write) {
      try {
        ConfigFile.writePrivately(file, pretty(document), true);
      } catch (IOException e) {
        return fail(err, "cannot write " + file + ": " + e);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(token);
    out.println(Configuration.memberJson(member));
    out.flush();
    err.println(
        "The token above (line 1) is shown this once and is not stored anywhere; hand it to "
            + member.id()
            + " over a safe channel.");
    String takeEffect =
        " Reload the running service (POST /api/v1/access/reload as an operator) or restart it"
            + " for the change to take effect.";
    if (write) {
      String what =
          keepOld.isPresent()
              ? "Rotated the token of member "
              : existed ? "Replaced member " : "Added member ";
      err.println(
          what
              + member.id()
              + " in "
              + file
              + (existed && keepOld.isEmpty() ? "; its old token no longer works" : "")
              + keepOld.map(t -> "; its old tokens work until " + t).orElse("")
              + "."
              + takeEffect);
    } else if (existed) {
      err.println(
          "Member "
              + member.id()
              + " is already in "
              + file
              + ": put line 2 in place of its line there, or rerun with --write.");
    } else {
      err.println("Add line 2 to the \"members\" array of " + file + ", or rerun with --write.");
    }
    err.flush();
    return ExitCodes.OK;
  }

  /**
   * An instant, or a duration from {@code now}.
   *
   * @throws IllegalArgumentException naming the option
   */
  static Instant when(String text, String option, Instant now) {
    try {
      if (text.startsWith("P") || text.startsWith("p")) {
        Duration d = Duration.parse(text);
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException(option + " must be a positive duration, got " + text);
        }
        return now.plus(d);
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option
              + " must be an instant such as 2026-12-31T00:00:00Z or a duration such as P90D, got \""
              + text
              + "\"",
          e);
    }
  }

  /**
   * The new member with the file's member's current tokens kept beside its new one, each until
   * {@code until} or its own earlier expiry.
   *
   * @throws ConfigurationException if the file is invalid or does not list the member
   */
  private static Member keepingOld(Path file, ObjectNode document, Member fresh, Instant until) {
    Configuration current;
    try {
      current = Configuration.parse(document, Map.of());
    } catch (IllegalArgumentException | ConfigurationException e) {
      throw new ConfigurationException(file + ": " + e.getMessage());
    }
    Member old =
        current
            .directory()
            .member(fresh.id())
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "--keep-old-until: member "
                            + fresh.id()
                            + " is not in "
                            + file
                            + ", so it has no old token to keep"));
    List<Credential> tokens = new ArrayList<>();
    for (Credential c : old.tokens()) {
      Instant end = c.expires().filter(e -> e.isBefore(until)).orElse(until);
      tokens.add(new Credential(c.sha256(), Optional.of(end)));
    }
    tokens.addAll(fresh.tokens());
    return fresh.withTokens(tokens);
  }

  /** The configuration file as a JSON object, unchecked. */
  private static ObjectNode read(Path file) {
    JsonNode root = Configuration.readDocument(file);
    if (!(root instanceof ObjectNode object)) {
      throw new ConfigurationException(file + ": the configuration must be a JSON object");
    }
    return object;
  }

  /**
   * Puts the member's line into the document's {@code members} array, in place of the member with
   * the same id if there is one (then returns true), else at the end. A missing array is created;
   * anything else in the document is left as it was.
   */
  private static boolean put(ObjectNode document, Member member) {
    JsonNode members = document.path("members");
    if (members.isMissingNode()) {
      members = document.putArray("members");
    }
    if (!(members instanceof ArrayNode array)) {
      return false; // Configuration.parse reports it
    }
    for (int i = 0; i < array.size(); i++) {
      if (member.id().equals(array.get(i).path("id").asText(null))) {
        array.set(i, Configuration.memberJson(member));
        return true;
      }
    }
    array.add(Configuration.memberJson(member));
    return false;
  }

  private static String pretty(ObjectNode document) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written: " + e, e);
    }
  }

  private static int fail(PrintWriter err, @Nullable String message) {
    err.println("error: " + (message == null ? "unknown failure" : message));
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }
}
