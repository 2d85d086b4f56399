package io.deconflict.service.hotline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The text of one code in one language, with placeholders for the code's parameters.
 *
 * <p>Syntax: literal text with placeholders in braces. {@code {place}} is replaced by the value's
 * language-neutral {@link ParamValue#text()}. A counted placeholder gives one form per {@link
 * PluralCategory} of the language, {@code #} standing for the number: {@code {minutes|one:#
 * minute|other:# minutes}}. Braces and {@code |} have no other use and cannot be escaped.
 *
 * <p>{@link #parse} checks, so that a faulty template fails when the vocabulary loads rather than
 * when a message is rendered: every placeholder names a parameter of the code; every parameter
 * appears; a counted placeholder is used only for {@link ParamType#MINUTES} and {@link
 * ParamType#COUNT} and gives exactly the forms the language needs; and in a language with more than
 * one form a number is never used bare ("1 minutes").
 *
 * <p>In a right-to-left language, times and places (left-to-right runs of digits and Latin letters)
 * are wrapped in the Unicode isolates LRI (U+2066) and PDI (U+2069) so that the bidirectional
 * algorithm cannot reorder their parts. Immutable and thread-safe.
 */
final class Template {

  /** LEFT-TO-RIGHT ISOLATE. */
  static final char LRI = '\u2066';

  /** POP DIRECTIONAL ISOLATE. */
  static final char PDI = '\u2069';

  private sealed interface Segment permits Literal, Value, Counted {}

  private record Literal(String text) implements Segment {}

  private record Value(Param param) implements Segment {}

  private record Counted(Param param, Map<PluralCategory, String> forms) implements Segment {}

  private final MessageCode code;
  private final Language language;
  private final List<Segment> segments;

  private Template(MessageCode code, Language language, List<Segment> segments) {
    this.code = code;
    this.language = language;
    this.segments = List.copyOf(segments);
  }

  /**
   * Parses and checks the template of {@code code} in {@code language}.
   *
   * @throws IllegalStateException naming the code and language and saying what is wrong
   */
  static Template parse(MessageCode code, Language language, String text) {
    String where = "template " + code.wireName() + "/" + language.tag() + " " + Quoting.text(text);
    if (text.isBlank() || !text.strip().equals(text)) {
      throw new IllegalStateException(where + ": must be non-blank with no surrounding spaces");
    }
    List<Segment> segments = new ArrayList<>();
    Set<String> used = new HashSet<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      int close = text.indexOf('}', i);
      if (close >= 0 && (open < 0 || close < open)) {
        throw new IllegalStateException(where + ": '}' without '{' at index " + close);
      }
      if (open < 0) {
        segments.add(literal(where, text.substring(i)));
        break;
      }
      if (open > i) {
        segments.add(literal(where, text.substring(i, open)));
      }
      int nextOpen = text.indexOf('{', open + 1);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        throw new IllegalStateException(where + ": '{' without '}' at index " + open);
      }
      Segment placeholder = placeholder(code, language, where, text.substring(open + 1, close));
      used.add(
          placeholder instanceof Value v
              ? v.param().name()
              : ((Counted) placeholder).param().name());
      segments.add(placeholder);
      i = close + 1;
    }
    for (Param param : code.params()) {
      if (!used.contains(param.name())) {
        throw new IllegalStateException(where + ": parameter {" + param.name() + "} is not used");
      }
    }
    return new Template(code, language, segments);
  }

  private static Literal literal(String where, String text) {
    if (text.indexOf('|') >= 0) {
      throw new IllegalStateException(where + ": '|' outside a placeholder");
    }
    return new Literal(text);
  }

  private static Segment placeholder(
      MessageCode code, Language language, String where, String content) {
    String[] parts = content.split("\\|", -1);
    Param param =
        code.params().stream()
            .filter(p -> p.name().equals(parts[0]))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        where
                            + ": unknown placeholder {"
                            + parts[0]
                            + "}; "
                            + code.describeParams()));
    boolean counted = param.type() == ParamType.MINUTES || param.type() == ParamType.COUNT;
    if (parts.length == 1) {
      if (counted && language.pluralCategories().size() > 1) {
        throw new IllegalStateException(
            where
                + ": {"
                + param.name()
                + "} needs its counted forms in this language: "
                + forms(param, language));
      }
      return new Value(param);
    }
    if (!counted) {
      throw new IllegalStateException(
          where + ": {" + param.name() + "} is a " + param.type().wireName() + ", not counted");
    }
    Map<PluralCategory, String> forms = new EnumMap<>(PluralCategory.class);
    for (int k = 1; k < parts.length; k++) {
      int colon = parts[k].indexOf(':');
      PluralCategory category = colon < 0 ? null : category(parts[k].substring(0, colon));
      if (category == null
          || forms.containsKey(category)
          || parts[k].substring(colon + 1).isBlank()) {
        throw new IllegalStateException(
            where
                + ": bad form "
                + Quoting.text(parts[k])
                + " in {"
                + param.name()
                + "}; expected "
                + forms(param, language));
      }
      forms.put(category, parts[k].substring(colon + 1));
    }
    if (!forms.keySet().equals(language.pluralCategories())) {
      throw new IllegalStateException(
          where
              + ": {"
              + param.name()
              + "} gives forms "
              + forms.keySet().stream().map(PluralCategory::keyword).collect(Collectors.toList())
              + "; expected "
              + forms(param, language));
    }
    return new Counted(param, forms);
  }

  private static @Nullable PluralCategory category(String keyword) {
    for (PluralCategory category : PluralCategory.values()) {
      if (category.keyword().equals(keyword)) {
        return category;
      }
    }
    return null;
  }

  private static String forms(Param param, Language language) {
    return "{"
        + param.name()
        + "|"
        + language.pluralCategories().stream()
            .map(c -> c.keyword() + ":...")
            .collect(Collectors.joining("|"))
        + "}";
  }

  /**
   * The text of {@code message} in this template's language.
   *
   * @throws IllegalArgumentException if {@code message} has another code
   */
  String render(CodedMessage message) {
    if (message.code() != code) {
      throw new IllegalArgumentException(
          "template of " + code.wireName() + " cannot render " + message.code().wireName());
    }
    StringBuilder out = new StringBuilder();
    for (Segment segment : segments) {
      if (segment instanceof Literal literal) {
        out.append(literal.text());
      } else if (segment instanceof Value value) {
        ParamValue v = message.param(value.param().name());
        boolean isolate =
            language.rightToLeft() && (v.type() == ParamType.TIME || v.type() == ParamType.PLACE);
        if (isolate) {
          out.append(LRI).append(v.text()).append(PDI);
        } else {
          out.append(v.text());
        }
      } else if (segment instanceof Counted counted) {
        int n = number(message.param(counted.param().name()));
        String form = counted.forms().get(language.pluralCategory(n));
        if (form == null) {
          throw new IllegalStateException("no form for " + n + " in " + code + "/" + language);
        }
        out.append(form.replace("#", Integer.toString(n)));
      }
    }
    return out.toString();
  }

  /** The template as a reader of the vocabulary sees it: every placeholder as {@code {name}}. */
  String display() {
    StringBuilder out = new StringBuilder();
    for (Segment segment : segments) {
      if (segment instanceof Literal literal) {
        out.append(literal.text());
      } else if (segment instanceof Value value) {
        out.append('{').append(value.param().name()).append('}');
      } else if (segment instanceof Counted counted) {
        out.append('{').append(counted.param().name()).append('}');
      }
    }
    return out.toString();
  }

  private static int number(ParamValue value) {
    if (value instanceof ParamValue.Minutes minutes) {
      return minutes.minutes();
    }
    if (value instanceof ParamValue.Count count) {
      return count.count();
    }
    throw new IllegalStateException("not a counted value: " + value);
  }
}
