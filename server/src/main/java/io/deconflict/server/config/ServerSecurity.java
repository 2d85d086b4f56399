package io.deconflict.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code server} section of the configuration: how the HTTP API protects its connections. With
 * {@code tls} it serves HTTPS only; without, plain HTTP, which is allowed on a loopback address
 * only unless {@code allowPlainHttp} says otherwise (behind a TLS-terminating proxy, say).
 *
 * @param tls the API's key store, if it serves HTTPS
 * @param allowPlainHttp whether plain HTTP may listen on an address other than loopback
 */
public record ServerSecurity(Optional<Tls> tls, boolean allowPlainHttp) {

  /** Plain HTTP, on loopback only: the default. */
  public static final ServerSecurity LOOPBACK_ONLY = new ServerSecurity(Optional.empty(), false);

  /**
   * The API's key store (PKCS#12 or JKS, detected from the file): its private key and certificate
   * chain.
   *
   * @param keyStore the file; a relative path is resolved against the working directory
   * @param keyStorePassword its password
   */
  public record Tls(Path keyStore, String keyStorePassword) {

    @Override
    public String toString() {
      return "Tls[keyStore=" + keyStore + "]"; // no password
    }
  }

  /**
   * Throws unless the API may listen on {@code host}: with TLS anywhere; in plain HTTP on a
   * loopback address, or anywhere with {@code allowPlainHttp}.
   *
   * @param hostField where the host came from, for the message ({@code host}, {@code --host})
   * @throws ConfigurationException naming the fields
   */
  public void requireSafe(String host, String hostField) {
    if (tls.isPresent() || allowPlainHttp || isLoopback(host)) {
      return;
    }
    throw new ConfigurationException(
        hostField
            + " \""
            + host
            + "\" is not a loopback address, and without server.tls the API would be plain HTTP"
            + " on the network: configure server.tls (a key store), or set server.allowPlainHttp"
            + " to true if a TLS proxy in front of the service terminates HTTPS");
  }

  /**
   * Whether {@code host} is a loopback address: {@code localhost}, or a literal address in
   * 127.0.0.0/8 or {@code ::1}. Other names are not looked up (no DNS while reading the
   * configuration) and count as not loopback.
   */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean ipv4 = literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean ipv6 = literal.matches("[0-9A-Fa-f:.]+") && literal.contains(":");
    if (!ipv4 && !ipv6) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress(); // a literal: no lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Reads the {@code server} section of the configuration document; {@link #LOOPBACK_ONLY} if it is
   * absent.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  static ServerSecurity parse(JsonNode root) {
    JsonNode s = root.path("server");
    if (s.isMissingNode() || s.isNull()) {
      return LOOPBACK_ONLY;
    }
    if (!s.isObject()) {
      throw new IllegalArgumentException("server must be an object");
    }
    JsonNode allow = s.path("allowPlainHttp");
    if (!allow.isMissingNode() && !allow.isBoolean()) {
      throw new IllegalArgumentException("server.allowPlainHttp must be true or false");
    }
    Optional<Tls> tls = Optional.empty();
    JsonNode t = s.path("tls");
    if (t.isObject()) {
      JsonNode ks = t.path("keyStore");
      if (!ks.isTextual() || ks.textValue().isBlank()) {
        throw new IllegalArgumentException(
            "server.tls.keyStore is required and must be a non-empty string");
      }
      JsonNode pw = t.path("keyStorePassword");
      if (!pw.isMissingNode() && !pw.isNull() && !pw.isTextual()) {
        throw new IllegalArgumentException("server.tls.keyStorePassword must be a string");
      }
      Path file;
      try {
        file = Path.of(ks.textValue());
      } catch (java.nio.file.InvalidPathException e) {
        throw new IllegalArgumentException(
            "server.tls.keyStore is not a valid path: " + e.getReason(), e);
      }
      tls = Optional.of(new Tls(file, pw.isTextual() ? pw.textValue() : ""));
    } else if (!t.isMissingNode() && !t.isNull()) {
      throw new IllegalArgumentException("server.tls must be an object");
    }
    return new ServerSecurity(tls, allow.asBoolean(false));
  }

  /** This section as the configuration file holds it. */
  void write(ObjectNode root) {
    if (equals(LOOPBACK_ONLY)) {
      return;
    }
    ObjectNode s = root.putObject("server");
    tls.ifPresent(
        t ->
            s.putObject("tls")
                .put("keyStore", t.keyStore().toString())
                .put("keyStorePassword", t.keyStorePassword()));
    if (allowPlainHttp) {
      s.put("allowPlainHttp", true);
    }
  }
}
