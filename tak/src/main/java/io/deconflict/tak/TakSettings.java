package io.deconflict.tak;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.party.Directory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code tak} section of the service's configuration file: where the CoT listener listens, TLS
 * material, which client certificate signs in as which member, and the limits. See {@code
 * docs/configuration.md} and {@code docs/tak.md}.
 *
 * @param host the address to listen on
 * @param tcpPort the plain TCP port (0 picks a free one), or -1 for none
 * @param tlsPort the TLS port (0 picks a free one), or -1 for none
 * @param tls key and trust stores, required when {@code tlsPort >= 0}
 * @param certificates client certificate (subject DN or SHA-256 fingerprint) to member id
 * @param maxEventBytes the largest event accepted, in bytes
 * @param maxClientBufferBytes how much may wait to be sent to one client before it is dropped
 * @param affiliations viewer party to other party to CoT affiliation letter ({@code f}, {@code n},
 *     {@code h}, {@code u}); others' units are neutral ({@code n}) unless listed
 * @param martiPort the HTTPS port of the Marti REST API TAK clients call (0 picks a free one), or
 *     -1 for none; it uses {@code tls} and the certificate mapping, so it needs them
 */
public record TakSettings(
    String host,
    int tcpPort,
    int tlsPort,
    Optional<Tls> tls,
    Map<String, String> certificates,
    int maxEventBytes,
    int maxClientBufferBytes,
    Map<String, Map<String, String>> affiliations,
    int martiPort) {

  /** The default plain TCP port, as TAK servers use it. */
  public static final int DEFAULT_TCP_PORT = 8088;

  /** The default TLS port, as TAK servers use it. */
  public static final int DEFAULT_TLS_PORT = 8089;

  /** The HTTPS port TAK clients call the Marti REST API on, as TAK servers use it. */
  public static final int DEFAULT_MARTI_PORT = 8443;

  /** 1 MiB. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

  /** 4 MiB. */
  public static final int DEFAULT_MAX_CLIENT_BUFFER_BYTES = 4 << 20;

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /**
   * Key and trust stores (PKCS#12 or JKS, detected from the file).
   *
   * @param keyStore the server's key and certificate chain
   * @param keyStorePassword its password
   * @param trustStore the certificate authorities whose client certificates are accepted
   * @param trustStorePassword its password
   */
  public record Tls(
      Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

    @Override
    public String toString() {
      return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]"; // no passwords
    }
  }

  /** Checks ports, limits and affiliation letters. */
  public TakSettings {
    for (int p : new int[] {tcpPort, tlsPort, martiPort}) {
      if (p < -1 || p > 65535) {
        throw new IllegalArgumentException("tak: a port must be 0..65535, got " + p);
      }
    }
    if (tlsPort >= 0 && tls.isEmpty()) {
      throw new IllegalArgumentException(
          "tak.tls: keyStore and trustStore are required to listen with TLS");
    }
    if (martiPort >= 0 && tls.isEmpty()) {
      throw new IllegalArgumentException(
          "tak.tls.martiPort: the Marti API is served over TLS; tak.tls needs keyStore and"
              + " trustStore");
    }
    if (maxEventBytes < 1024 || maxEventBytes > (64 << 20)) {
      throw new IllegalArgumentException(
          "tak.maxEventBytes must be 1024..67108864, got " + maxEventBytes);
    }
    if (maxClientBufferBytes < 4096 || maxClientBufferBytes > (1 << 30)) {
      throw new IllegalArgumentException(
          "tak.maxClientBufferBytes must be 4096..1073741824, got " + maxClientBufferBytes);
    }
    for (Map.Entry<String, Map<String, String>> e : affiliations.entrySet()) {
      for (Map.Entry<String, String> a : e.getValue().entrySet()) {
        if (!a.getValue().matches("[fnhu]")) {
          throw new IllegalArgumentException(
              "tak.affiliations."
                  + e.getKey()
                  + "."
                  + a.getKey()
                  + " must be f, n, h or u, got \""
                  + a.getValue()
                  + "\"");
        }
      }
    }
    certificates = Map.copyOf(certificates);
    affiliations = Map.copyOf(affiliations);
  }

  /** The settings without a Marti API listener. */
  public TakSettings(
      String host,
      int tcpPort,
      int tlsPort,
      Optional<Tls> tls,
      Map<String, String> certificates,
      int maxEventBytes,
      int maxClientBufferBytes,
      Map<String, Map<String, String>> affiliations) {
    this(
        host,
        tcpPort,
        tlsPort,
        tls,
        certificates,
        maxEventBytes,
        maxClientBufferBytes,
        affiliations,
        -1);
  }

  /** Plain TCP on a port, nothing else configured: for tests. */
  public static TakSettings plain(String host, int tcpPort) {
    return new TakSettings(
        host,
        tcpPort,
        -1,
        Optional.empty(),
        Map.of(),
        DEFAULT_MAX_EVENT_BYTES,
        DEFAULT_MAX_CLIENT_BUFFER_BYTES,
        Map.of());
  }

  /** The same with other limits. */
  public TakSettings withLimits(int eventBytes, int clientBufferBytes) {
    return new TakSettings(
        host,
        tcpPort,
        tlsPort,
        tls,
        certificates,
        eventBytes,
        clientBufferBytes,
        affiliations,
        martiPort);
  }

  /** The same with the Marti API on another port (-1 for none). */
  public TakSettings withMartiPort(int port) {
    return new TakSettings(
        host,
        tcpPort,
        tlsPort,
        tls,
        certificates,
        maxEventBytes,
        maxClientBufferBytes,
        affiliations,
        port);
  }

  /**
   * Reads the {@code tak} section of the configuration document; empty if it is absent or has
   * {@code "enabled": false}.
   *
   * @param root the whole configuration document
   * @param defaultHost the service's listening address, used unless {@code tak.host} is given
   * @param directory the members, to check the certificate mapping against
   * @param base the directory relative key-store paths are resolved against
   * @throws IllegalArgumentException naming the field at fault
   */
  public static Optional<TakSettings> parse(
      JsonNode root, String defaultHost, Directory directory, Path base) {
    JsonNode t = root.path("tak");
    if (t.isMissingNode() || t.isNull()) {
      return Optional.empty();
    }
    if (!t.isObject()) {
      throw new IllegalArgumentException("tak must be an object");
    }
    if (!t.path("enabled").asBoolean(true)) {
      return Optional.empty();
    }
    String host = text(t, "host", defaultHost);
    int tcpPort = port(t, "tcpPort", "tak.tcpPort", DEFAULT_TCP_PORT);
    Optional<Tls> tls = Optional.empty();
    JsonNode tlsNode = t.path("tls");
    int tlsPort = -1;
    int martiPort = -1;
    if (tlsNode.isObject()) {
      tlsPort = port(tlsNode, "port", "tak.tls.port", DEFAULT_TLS_PORT);
      martiPort = port(tlsNode, "martiPort", "tak.tls.martiPort", -1);
      tls =
          Optional.of(
              new Tls(
                  base.resolve(required(tlsNode, "keyStore", "tak.tls.keyStore")),
                  text(tlsNode, "keyStorePassword", ""),
                  base.resolve(required(tlsNode, "trustStore", "tak.tls.trustStore")),
                  text(tlsNode, "trustStorePassword", "")));
    } else if (!tlsNode.isMissingNode()) {
      throw new IllegalArgumentException("tak.tls must be an object");
    }
    Map<String, String> certificates = new HashMap<>();
    JsonNode certs = t.path("certificates");
    if (!certs.isMissingNode() && !certs.isArray()) {
      throw new IllegalArgumentException("tak.certificates must be an array");
    }
    for (int i = 0; i < certs.size(); i++) {
      JsonNode c = certs.get(i);
      String where = "tak.certificates[" + i + "]";
      String member = required(c, "member", where + ".member");
      if (directory.member(member).isEmpty()) {
        throw new IllegalArgumentException(
            where + ".member \"" + member + "\" is not a configured member");
      }
      String key;
      if (c.hasNonNull("sha256")) {
        key = fingerprintKey(c.path("sha256").asText());
        if (!HEX.matcher(key.substring("sha256:".length())).matches()) {
          throw new IllegalArgumentException(
              where + ".sha256 must be 64 hex digits (colons allowed)");
        }
      } else if (c.hasNonNull("subject")) {
        key = subjectKey(c.path("subject").asText());
      } else {
        throw new IllegalArgumentException(where + " needs a subject or a sha256");
      }
      if (certificates.put(key, member) != null) {
        throw new IllegalArgumentException(where + " maps a certificate already mapped");
      }
    }
    Map<String, Map<String, String>> affiliations = new HashMap<>();
    JsonNode aff = t.path("affiliations");
    if (!aff.isMissingNode()) {
      if (!aff.isObject()) {
        throw new IllegalArgumentException("tak.affiliations must be an object");
      }
      for (Map.Entry<String, JsonNode> e : aff.properties()) {
        Map<String, String> row = new HashMap<>();
        for (Map.Entry<String, JsonNode> a : e.getValue().properties()) {
          row.put(a.getKey(), letter(a.getValue().asText("")));
        }
        affiliations.put(e.getKey(), row);
      }
    }
    int maxEvent = t.path("maxEventBytes").asInt(DEFAULT_MAX_EVENT_BYTES);
    int maxBuffer = t.path("maxClientBufferBytes").asInt(DEFAULT_MAX_CLIENT_BUFFER_BYTES);
    return Optional.of(
        new TakSettings(
            host,
            tcpPort,
            tlsPort,
            tls,
            certificates,
            maxEvent,
            maxBuffer,
            affiliations,
            martiPort));
  }

  private static String letter(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "f", "friend" -> "f";
      case "n", "neutral" -> "n";
      case "h", "hostile" -> "h";
      case "u", "unknown" -> "u";
      default -> word;
    };
  }

  /** The lookup key for a certificate fingerprint (hex, any case, colons allowed). */
  static String fingerprintKey(String hex) {
    return "sha256:" + hex.replace(":", "").trim().toLowerCase(Locale.ROOT);
  }

  /** The lookup key for a subject distinguished name, in RFC 2253 form. */
  static String subjectKey(String subject) {
    try {
      return "subject:"
          + new javax.security.auth.x500.X500Principal(subject)
              .getName(javax.security.auth.x500.X500Principal.CANONICAL);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tak.certificates: subject \"" + subject + "\" is not a distinguished name", e);
    }
  }

  private static int port(JsonNode node, String field, String where, int fallback) {
    JsonNode v = node.path(field);
    if (v.isMissingNode()) {
      return fallback;
    }
    if (v.isNull()) {
      return -1;
    }
    if (!v.canConvertToInt()) {
      throw new IllegalArgumentException(where + " must be an integer or null");
    }
    return v.asInt();
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("tak." + field + " must be a string");
    }
    return v.textValue();
  }

  private static String required(JsonNode node, String field, String where) {
    JsonNode v = node.path(field);
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw new IllegalArgumentException(where + " is required and must be a non-empty string");
    }
    return v.textValue();
  }

  /** The affiliation letter the viewer's party sees another party's units with. */
  String affiliation(String viewerParty, String otherParty) {
    return affiliations.getOrDefault(viewerParty, Map.of()).getOrDefault(otherParty, "n");
  }
}
