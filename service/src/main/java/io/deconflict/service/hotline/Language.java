package io.deconflict.service.hotline;

import static io.deconflict.service.hotline.PluralCategory.FEW;
import static io.deconflict.service.hotline.PluralCategory.MANY;
import static io.deconflict.service.hotline.PluralCategory.ONE;
import static io.deconflict.service.hotline.PluralCategory.OTHER;
import static io.deconflict.service.hotline.PluralCategory.TWO;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A language in which a reader sees coded messages. */
public enum Language {
  /** English. */
  EN("en", false, EnumSet.of(ONE, OTHER)),
  /** Russian. */
  RU("ru", false, EnumSet.of(ONE, FEW, MANY)),
  /** Arabic, written right to left. */
  AR("ar", true, EnumSet.of(ONE, TWO, FEW, MANY, OTHER)),
  /** Turkish: a noun after a number keeps its singular form, so one form serves every number. */
  TR("tr", false, EnumSet.of(OTHER));

  private final String tag;
  private final boolean rightToLeft;

  @SuppressWarnings("ImmutableEnumChecker") // unmodifiable
  private final Set<PluralCategory> pluralCategories;

  Language(String tag, boolean rightToLeft, Set<PluralCategory> pluralCategories) {
    this.tag = tag;
    this.rightToLeft = rightToLeft;
    this.pluralCategories = Collections.unmodifiableSet(EnumSet.copyOf(pluralCategories));
  }

  /** The BCP 47 language tag, such as {@code ru}. */
  public String tag() {
    return tag;
  }

  /** Whether the language is written right to left (Arabic). */
  public boolean rightToLeft() {
    return rightToLeft;
  }

  /**
   * The language of an exact tag such as {@code ru} or {@code ru-RU} (the primary subtag decides,
   * case-insensitive).
   *
   * @throws IllegalArgumentException quoting {@code tag} and listing the supported languages
   */
  public static Language of(String tag) {
    return byPrimarySubtag(tag)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unsupported language "
                        + Quoting.text(tag)
                        + "; supported: "
                        + Arrays.stream(values())
                            .map(l -> l.tag)
                            .collect(Collectors.joining(", "))));
  }

  /**
   * The reader's language from a tag or an HTTP {@code Accept-Language} value, such as {@code
   * ar-SY,ar;q=0.9,en;q=0.8}: the supported language of highest weight, the first listed among
   * equals; {@link #EN} when none is supported or the value is blank or malformed. Never throws.
   */
  public static Language parse(String acceptLanguage) {
    record Choice(String tag, double weight) {}
    List<Choice> choices = new ArrayList<>();
    for (String item : acceptLanguage.split(",", -1)) {
      String[] parts = item.split(";", -1);
      double weight = 1;
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].strip();
        if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
          weight = weight(parameter.substring(2));
        }
      }
      if (weight > 0) {
        choices.add(new Choice(parts[0].strip(), weight));
      }
    }
    choices.sort(Comparator.comparingDouble(Choice::weight).reversed());
    for (Choice choice : choices) {
      Optional<Language> language = byPrimarySubtag(choice.tag());
      if (language.isPresent()) {
        return language.get();
      }
    }
    return EN;
  }

  /** The plural category of the positive integer {@code n} in this language, by the CLDR rules. */
  PluralCategory pluralCategory(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive, got " + n);
    }
    int mod10 = n % 10;
    int mod100 = n % 100;
    return switch (this) {
      case EN -> n == 1 ? ONE : OTHER;
      case RU -> {
        if (mod10 == 1 && mod100 != 11) {
          yield ONE;
        }
        if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) {
          yield FEW;
        }
        yield MANY;
      }
      case AR -> {
        if (n == 1) {
          yield ONE;
        }
        if (n == 2) {
          yield TWO;
        }
        if (mod100 >= 3 && mod100 <= 10) {
          yield FEW;
        }
        if (mod100 >= 11) {
          yield MANY;
        }
        yield OTHER;
      }
      case TR -> OTHER;
    };
  }

  /** Every category {@link #pluralCategory} returns: the forms a template must give. */
  Set<PluralCategory> pluralCategories() {
    return pluralCategories;
  }

  private static Optional<Language> byPrimarySubtag(String tag) {
    String trimmed = tag.strip();
    int end = 0;
    while (end < trimmed.length() && trimmed.charAt(end) != '-' && trimmed.charAt(end) != '_') {
      end++;
    }
    String primary = trimmed.substring(0, end).toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(l -> l.tag.equals(primary)).findFirst();
  }

  /** A {@code q} weight; 0 (ignore the item) if malformed. */
  private static double weight(String q) {
    try {
      double weight = Double.parseDouble(q.strip());
      return weight >= 0 && weight <= 1 ? weight : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
