package io.deconflict.geojson;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

/** Renders input values for error messages: quoted, escaped and cut to a readable length. */
final class Describe {

  /** Longest string echoed back in a message, in characters. */
  private static final int MAX_ECHO = 80;

  private Describe() {}

  /** A JSON string literal for {@code s}, cut after {@value #MAX_ECHO} characters. */
  static String quote(String s) {
    String shown = s.length() > MAX_ECHO ? s.substring(0, MAX_ECHO) + "..." : s;
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(shown)) + "\"";
  }

  /** A short description of a JSON value: strings quoted, numbers as written, else the type. */
  static String value(JsonNode node) {
    if (node.isTextual()) {
      return quote(node.textValue());
    }
    if (node.isNumber() || node.isBoolean() || node.isNull()) {
      return node.asText();
    }
    if (node.isArray()) {
      return node.isEmpty() ? "an empty array" : "an array of " + plural(node.size(), "element");
    }
    if (node.isObject()) {
      return "an object";
    }
    return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code "1 position"}, {@code "2 positions"}. */
  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
