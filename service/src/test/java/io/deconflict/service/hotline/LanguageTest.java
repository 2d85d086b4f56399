package io.deconflict.service.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LanguageTest {

  @Test
  void onlyArabicIsRightToLeft() {
    assertThat(Language.AR.rightToLeft()).isTrue();
    assertThat(Language.EN.rightToLeft()).isFalse();
    assertThat(Language.RU.rightToLeft()).isFalse();
    assertThat(Language.TR.rightToLeft()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "en|EN",
        "ru|RU",
        "ar|AR",
        "tr|TR",
        "RU|RU",
        "ru-RU|RU",
        "ar-SY|AR",
        "tr_TR|TR",
        "' ar '|AR",
        "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7|RU",
        "fr-FR,fr;q=0.9,tr;q=0.8,en;q=0.5|TR",
        "de, ar-IQ, en|AR",
        "en;q=0.5, ar;q=0.9|AR",
        "ru;q=0, tr|TR",
        "ru;q=abc, tr;q=0.1|TR",
        "fr|EN",
        "*|EN",
        "''|EN",
        "';;,,'|EN",
      })
  void parseTakesTheSupportedLanguageOfHighestWeight(String header, Language expected) {
    assertThat(Language.parse(header)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void ofAcceptsEachTag(Language language) {
    assertThat(Language.of(language.tag())).isEqualTo(language);
    assertThat(Language.parse(language.tag())).isEqualTo(language);
  }

  @Test
  void ofRefusesAnUnsupportedTagListingTheSupportedOnes() {
    assertThatThrownBy(() -> Language.of("fr-FR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported language \"fr-FR\"; supported: en, ru, ar, tr");
  }

  @ParameterizedTest
  @CsvSource({
    "EN, 1, ONE",
    "EN, 2, OTHER",
    "EN, 11, OTHER",
    "EN, 21, OTHER",
    "RU, 1, ONE",
    "RU, 2, FEW",
    "RU, 4, FEW",
    "RU, 5, MANY",
    "RU, 11, MANY",
    "RU, 12, MANY",
    "RU, 14, MANY",
    "RU, 21, ONE",
    "RU, 22, FEW",
    "RU, 25, MANY",
    "RU, 101, ONE",
    "RU, 111, MANY",
    "RU, 1440, MANY",
    "RU, 1002, FEW",
    "AR, 1, ONE",
    "AR, 2, TWO",
    "AR, 3, FEW",
    "AR, 10, FEW",
    "AR, 11, MANY",
    "AR, 99, MANY",
    "AR, 100, OTHER",
    "AR, 101, OTHER",
    "AR, 102, OTHER",
    "AR, 103, FEW",
    "AR, 111, MANY",
    "AR, 1000, OTHER",
    "TR, 1, OTHER",
    "TR, 2, OTHER",
  })
  void pluralCategoriesFollowCldr(Language language, int n, PluralCategory expected) {
    assertThat(language.pluralCategory(n)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void everyDeclaredCategoryIsReachedAndNoOther(Language language) {
    Set<PluralCategory> reached = EnumSet.noneOf(PluralCategory.class);
    for (int n = 1; n <= ParamType.MAX_COUNT; n++) {
      reached.add(language.pluralCategory(n));
    }
    assertThat(reached).isEqualTo(language.pluralCategories());
  }
}
