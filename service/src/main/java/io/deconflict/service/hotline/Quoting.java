package io.deconflict.service.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Quotes bad input for error messages: JSON syntax, escaped, cut to a readable length. */
final class Quoting {

  private static final int MAX_CHARS = 80;

  private Quoting() {}

  /** {@code s} as a JSON string literal, cut after {@value #MAX_CHARS} characters. */
  static String text(String s) {
    return cut(TextNode.valueOf(s).toString());
  }

  /** {@code node} in JSON syntax, cut after {@value #MAX_CHARS} characters. */
  static String json(JsonNode node) {
    if (node.isMissingNode()) {
      return "nothing";
    }
    return cut(node.toString());
  }

  private static String cut(String s) {
    return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS) + "...";
  }
}
