package io.deconflict.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.geojson.StrictJson;
import io.deconflict.service.Defaults;
import io.deconflict.service.Json;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service's configuration: where it listens, where its data lives, the defaults between parties
 * without an agreement, and the parties and members. Read from one JSON file (see {@code
 * docs/configuration.md}); {@code DECONFLICT_HOST}, {@code DECONFLICT_PORT} and {@code
 * DECONFLICT_DATA} override the file.
 *
 * @param host the address to listen on
 * @param port the TCP port (0 picks a free one)
 * @param dataDirectory where the journal lives
 * @param maxBodyBytes the largest request body accepted
 * @param defaults what applies without an agreement
 * @param directory the parties and members
 * @param server whether the API serves HTTPS, and where plain HTTP may listen
 */
public record Configuration(
    String host,
    int port,
    Path dataDirectory,
    long maxBodyBytes,
    Defaults defaults,
    Directory directory,
    ServerSecurity server) {

  /** The default file name, in the working directory. */
  public static final String FILE = "deconflict.json";

  /** 127.0.0.1. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** 8080. */
  public static final int DEFAULT_PORT = 8080;

  /** 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;

  /** Checks the port and body limit. */
  public Configuration {
    if (port < 0 || port > 65535) {
      throw new ConfigurationException("port must be 0..65535, got " + port);
    }
    if (maxBodyBytes < 1024 || maxBodyBytes > (64L << 20)) {
      throw new ConfigurationException(
          "limits.maxBodyBytes must be 1024..67108864, got " + maxBodyBytes);
    }
  }

  /** Plain HTTP on loopback only ({@link ServerSecurity#LOOPBACK_ONLY}). */
  public Configuration(
      String host,
      int port,
      Path dataDirectory,
      long maxBodyBytes,
      Defaults defaults,
      Directory directory) {
    this(
        host, port, dataDirectory, maxBodyBytes, defaults, directory, ServerSecurity.LOOPBACK_ONLY);
  }

  /**
   * Reads a configuration file, then applies the environment's overrides.
   *
   * @throws ConfigurationException naming the file and the field at fault
   */
  public static Configuration read(Path file, Map<String, String> environment) {
    return read(file, readDocument(file), environment);
  }

  /**
   * As {@link #read(Path, Map)}, from the document already read from {@code file} (for the sections
   * other modules read from the same file: {@code map}, {@code tak}).
   *
   * @throws ConfigurationException naming the file and the field at fault
   */
  public static Configuration read(Path file, JsonNode root, Map<String, String> environment) {
    try {
      return parse(root, environment);
    } catch (IllegalArgumentException | ConfigurationException e) {
      throw new ConfigurationException(file + ": " + e.getMessage());
    }
  }

  /**
   * The configuration file as a JSON document.
   *
   * @throws ConfigurationException if it does not exist or is not JSON
   */
  public static JsonNode readDocument(Path file) {
    try {
      return StrictJson.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(file + " does not exist; write one with `deconflict init`");
    } catch (JsonProcessingException e) {
      throw new ConfigurationException(file + " is not valid JSON" + StrictJson.explain(e));
    } catch (IOException e) {
      throw new ConfigurationException(file + " is not valid JSON: " + e.getMessage());
    }
  }

  /** Parses a configuration document; environment overrides win. */
  public static Configuration parse(JsonNode root, Map<String, String> environment) {
    if (!root.isObject()) {
      throw new IllegalArgumentException("the configuration must be a JSON object");
    }
    String hostField = environment.containsKey("DECONFLICT_HOST") ? "DECONFLICT_HOST" : "host";
    String host = environment.getOrDefault("DECONFLICT_HOST", text(root, "host", DEFAULT_HOST));
    int port = root.path("port").asInt(DEFAULT_PORT);
    if (root.has("port") && !root.get("port").canConvertToInt()) {
      throw new IllegalArgumentException("port must be an integer");
    }
    String envPort = environment.get("DECONFLICT_PORT");
    if (envPort != null) {
      try {
        port = Integer.parseInt(envPort.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "DECONFLICT_PORT must be an integer, got \"" + envPort + "\"");
      }
    }
    String dataField = environment.containsKey("DECONFLICT_DATA") ? "DECONFLICT_DATA" : "data";
    String dataText = environment.getOrDefault("DECONFLICT_DATA", text(root, "data", "data"));
    Path data;
    try {
      data = Path.of(dataText);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(dataField + " is not a valid path: " + e.getReason(), e);
    }
    long maxBody = root.path("limits").path("maxBodyBytes").asLong(DEFAULT_MAX_BODY_BYTES);
    Defaults defaults =
        defaults(root.path("defaults")).withDeadReckoning(LiveConfig.deadReckoning(root));
    List<Party> parties = new ArrayList<>();
    JsonNode ps = root.path("parties");
    if (!ps.isArray() || ps.size() < 1) {
      throw new IllegalArgumentException("parties must be a non-empty array");
    }
    for (int i = 0; i < ps.size(); i++) {
      JsonNode p = ps.get(i);
      try {
        parties.add(
            new Party(
                required(p, "id"), text(p, "name", required(p, "id")), text(p, "language", "en")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("parties[" + i + "]: " + e.getMessage(), e);
      }
    }
    List<Member> members = new ArrayList<>();
    JsonNode ms = root.path("members");
    if (!ms.isArray()) {
      throw new IllegalArgumentException("members must be an array");
    }
    for (int i = 0; i < ms.size(); i++) {
      JsonNode m = ms.get(i);
      try {
        members.add(
            new Member(
                required(m, "id"),
                required(m, "party"),
                Role.parse(required(m, "role")),
                text(m, "name", required(m, "id")),
                MemberTokens.read(m)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("members[" + i + "]: " + e.getMessage(), e);
      }
    }
    ServerSecurity server = ServerSecurity.parse(root);
    server.requireSafe(host, hostField);
    return new Configuration(
        host, port, data, maxBody, defaults, new Directory(parties, members), server);
  }

  /** The same on another address, port and data directory. */
  public Configuration withAddress(String newHost, int newPort, Path newData) {
    return new Configuration(newHost, newPort, newData, maxBodyBytes, defaults, directory, server);
  }

  /** The same with other transport security. */
  public Configuration withServer(ServerSecurity security) {
    return new Configuration(
        host, port, dataDirectory, maxBodyBytes, defaults, directory, security);
  }

  private static Defaults defaults(JsonNode node) {
    Defaults d = Defaults.STANDARD;
    if (node.isMissingNode()) {
      return d;
    }
    List<Duration> escalation = new ArrayList<>(d.escalation());
    JsonNode esc = node.path("escalation");
    if (!esc.isMissingNode()) {
      if (!esc.isArray() || esc.size() != 2) {
        throw new IllegalArgumentException("defaults.escalation must hold 2 durations");
      }
      escalation.set(0, duration(esc.get(0), "defaults.escalation[0]"));
      escalation.set(1, duration(esc.get(1), "defaults.escalation[1]"));
    }
    double sep = node.path("separationMeters").asDouble(d.separationMeters());
    if (!(sep > 0 && sep <= 100_000)) {
      throw new IllegalArgumentException("defaults.separationMeters must be in (0, 100000]");
    }
    JsonNode formations = node.path("formations");
    if (!formations.isMissingNode() && !formations.isBoolean()) {
      throw new IllegalArgumentException("defaults.formations must be true or false");
    }
    return new Defaults(
        sep,
        durationOr(node, "minimumNotice", d.minimumNotice()),
        durationOr(node, "emergencyNotice", d.emergencyNotice()),
        durationOr(node, "acknowledgeWithin", d.acknowledgeWithin()),
        escalation,
        d.deadReckoning(),
        formations.isMissingNode() ? d.formations() : formations.booleanValue());
  }

  private static Duration durationOr(JsonNode node, String field, Duration fallback) {
    return node.has(field) ? duration(node.get(field), "defaults." + field) : fallback;
  }

  private static Duration duration(JsonNode node, String where) {
    try {
      Duration d = Duration.parse(node.asText(""));
      if (d.isNegative()) {
        throw new IllegalArgumentException(where + " must not be negative");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + " must be an ISO-8601 duration such as PT30M, got " + node, e);
    }
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return v.textValue();
  }

  private static String required(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw new IllegalArgumentException(field + " is required and must be a non-empty string");
    }
    return v.textValue();
  }

  /**
   * A member's line for the configuration file's {@code members} array: one token without expiry as
   * {@code tokenSha256}, else the {@code tokens} array.
   */
  public static ObjectNode memberJson(Member m) {
    ObjectNode out =
        Json.object()
            .put("id", m.id())
            .put("party", m.party())
            .put("role", m.role().wireName())
            .put("name", m.name());
    MemberTokens.write(m, out);
    return out;
  }

  /** This configuration as a document {@link #parse} reads back. */
  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    root.put("host", host).put("port", port).put("data", dataDirectory.toString());
    server.write(root);
    root.putObject("limits").put("maxBodyBytes", maxBodyBytes);
    ObjectNode d = root.putObject("defaults");
    d.put("separationMeters", defaults.separationMeters());
    d.put("minimumNotice", defaults.minimumNotice().toString());
    d.put("emergencyNotice", defaults.emergencyNotice().toString());
    d.put("acknowledgeWithin", defaults.acknowledgeWithin().toString());
    ArrayNode esc = d.putArray("escalation");
    defaults.escalation().forEach(x -> esc.add(x.toString()));
    LiveConfig.write(defaults.deadReckoning(), root);
    ArrayNode ps = root.putArray("parties");
    for (Party p : directory.parties()) {
      ps.addObject().put("id", p.id()).put("name", p.name()).put("language", p.language());
    }
    ArrayNode ms = root.putArray("members");
    directory.members().forEach(m -> ms.add(memberJson(m)));
    return root;
  }

  /** Pretty JSON for writing to a file. */
  public String toPrettyJson() {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
