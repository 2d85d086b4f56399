package io.deconflict.tak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the service tells TAK clients that ask which server they speak to: in the TAK protocol offer
 * ({@code <TakServerVersionInfo>}) and at {@code GET /Marti/api/version}. The version is the
 * build's Maven project version, written into a resource at build time. Immutable.
 */
final class ServerVersion {

  /** The Marti API version this service answers in, as TAK Server 4.x does. */
  static final String API_VERSION = "3";

  private static final String VERSION = load();

  private ServerVersion() {}

  /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String version() {
    return VERSION;
  }

  /** The server's name and version as TAK clients display it: {@code deconflict 0.1.0}. */
  static String text() {
    return "deconflict " + VERSION;
  }

  private static String load() {
    try (InputStream in = ServerVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("io/deconflict/tak/version.properties is missing");
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "");
      if (v.isBlank() || v.startsWith("${")) {
        throw new IllegalStateException("io/deconflict/tak/version.properties was not filtered");
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
