package io.deconflict.service.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class VocabularyTest {

  private static final String LRI = "\u2066";
  private static final String PDI = "\u2069";

  static Stream<Arguments> everyCodeInEveryLanguage() {
    return Stream.of(MessageCode.values())
        .flatMap(
            code -> Stream.of(Language.values()).map(language -> Arguments.of(code, language)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everyCodeInEveryLanguage")
  void everyCodeRendersInEveryLanguageWithEveryPlaceholderFilled(
      MessageCode code, Language language) {
    String text = Vocabulary.render(Samples.fixed(code), language);

    assertThat(text).isNotBlank().doesNotContain("{", "}", "|", "#");
    for (Param param : code.params()) {
      switch (param.type()) {
        case MINUTES -> assertThat(text).contains("30");
        case COUNT -> assertThat(text).contains("12");
        case TIME -> assertThat(text).contains(Samples.TIME_TEXT);
        case PLACE -> assertThat(text).contains(Samples.PLACE_TEXT);
      }
    }
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everyCodeInEveryLanguage")
  void eachLanguageIsWrittenInItsScript(MessageCode code, Language language) {
    String words =
        Vocabulary.render(Samples.fixed(code), language)
            .replace(Samples.TIME_TEXT, "")
            .replace(Samples.PLACE_TEXT, "");
    switch (language) {
      case EN -> assertThat(words).matches("[A-Za-z0-9 .,:'\\-]+");
      case RU -> assertThat(words).matches("[А-Яа-яЁё0-9 .,:\\-]+");
      case AR -> assertThat(words).matches("[\\u0600-\\u06FF0-9 .:\\u2066\\u2069]+");
      case TR -> assertThat(words).matches("[A-Za-zÇçĞğİıÖöŞşÜüÂâ0-9 .,:'\\-]+");
    }
  }

  @Test
  void handCheckedRequestDelay() {
    CodedMessage message = Samples.fixed(MessageCode.REQUEST_DELAY);

    assertThat(Vocabulary.render(message, Language.EN))
        .isEqualTo("Request you delay your movement by 30 minutes.");
    assertThat(Vocabulary.render(message, Language.RU))
        .isEqualTo("Просим вас задержать движение на 30 минут.");
    assertThat(Vocabulary.render(message, Language.AR))
        .isEqualTo("نطلب تأخير تحرككم لمدة 30 دقيقة.");
    assertThat(Vocabulary.render(message, Language.TR))
        .isEqualTo("Hareketinizi 30 dakika geciktirmenizi talep ediyoruz.");
  }

  @Test
  void handCheckedWillHoldAt() {
    CodedMessage message = Samples.fixed(MessageCode.WILL_HOLD_AT);

    assertThat(Vocabulary.render(message, Language.EN))
        .isEqualTo("We will hold at 37.0300 N 41.3800 E until 2022-10-08 09:30 UTC.");
    assertThat(Vocabulary.render(message, Language.RU))
        .isEqualTo(
            "Остановимся и будем ожидать в точке 37.0300 N 41.3800 E до 2022-10-08 09:30 UTC.");
    assertThat(Vocabulary.render(message, Language.AR))
        .isEqualTo(
            "سنتوقف وننتظر عند النقطة "
                + LRI
                + "37.0300 N 41.3800 E"
                + PDI
                + " حتى "
                + LRI
                + "2022-10-08 09:30 UTC"
                + PDI
                + ".");
    assertThat(Vocabulary.render(message, Language.TR))
        .isEqualTo(
            "37.0300 N 41.3800 E noktasında 2022-10-08 09:30 UTC saatine kadar durup"
                + " bekleyeceğiz.");
  }

  @Test
  void handCheckedConvoyHumanitarian() {
    CodedMessage message = Samples.fixed(MessageCode.CONVOY_HUMANITARIAN);

    assertThat(Vocabulary.render(message, Language.EN))
        .isEqualTo("Humanitarian convoy of 12 vehicles.");
    assertThat(Vocabulary.render(message, Language.RU))
        .isEqualTo("Гуманитарная колонна: 12 машин.");
    assertThat(Vocabulary.render(message, Language.AR))
        .isEqualTo("قافلة إنسانية مؤلفة من 12 مركبة.");
    assertThat(Vocabulary.render(message, Language.TR))
        .isEqualTo("12 araçlık insani yardım konvoyu.");
  }

  @Test
  void handCheckedAcknowledgeSaysItIsNotApproval() {
    CodedMessage message = CodedMessage.of(MessageCode.ACKNOWLEDGE);

    assertThat(Vocabulary.render(message, Language.EN))
        .isEqualTo("Received. This acknowledges receipt only, not approval.");
    assertThat(Vocabulary.render(message, Language.RU))
        .isEqualTo("Получено. Это только подтверждение получения, не согласие.");
    assertThat(Vocabulary.render(message, Language.AR))
        .isEqualTo("تم الاستلام. هذا إقرار بالاستلام فقط، وليس موافقة.");
    assertThat(Vocabulary.render(message, Language.TR))
        .isEqualTo("Alındı. Bu yalnızca alındı bildirimidir, onay değildir.");
  }

  @ParameterizedTest(name = "{0} minutes in {1}")
  @CsvSource({
    "1, EN, 'Request you delay your movement by 1 minute.'",
    "2, EN, 'Request you delay your movement by 2 minutes.'",
    "1, RU, 'Просим вас задержать движение на 1 минуту.'",
    "2, RU, 'Просим вас задержать движение на 2 минуты.'",
    "5, RU, 'Просим вас задержать движение на 5 минут.'",
    "11, RU, 'Просим вас задержать движение на 11 минут.'",
    "21, RU, 'Просим вас задержать движение на 21 минуту.'",
    "22, RU, 'Просим вас задержать движение на 22 минуты.'",
    "112, RU, 'Просим вас задержать движение на 112 минут.'",
    "1, AR, 'نطلب تأخير تحرككم لمدة دقيقة واحدة.'",
    "2, AR, 'نطلب تأخير تحرككم لمدة دقيقتين.'",
    "3, AR, 'نطلب تأخير تحرككم لمدة 3 دقائق.'",
    "10, AR, 'نطلب تأخير تحرككم لمدة 10 دقائق.'",
    "11, AR, 'نطلب تأخير تحرككم لمدة 11 دقيقة.'",
    "100, AR, 'نطلب تأخير تحرككم لمدة 100 دقيقة.'",
    "103, AR, 'نطلب تأخير تحرككم لمدة 103 دقائق.'",
    "1, TR, 'Hareketinizi 1 dakika geciktirmenizi talep ediyoruz.'",
    "90, TR, 'Hareketinizi 90 dakika geciktirmenizi talep ediyoruz.'",
  })
  void countedNounsAgreeWithTheNumber(int minutes, Language language, String expected) {
    CodedMessage message =
        new CodedMessage(
            MessageCode.REQUEST_DELAY, Map.of("minutes", new ParamValue.Minutes(minutes)));

    assertThat(Vocabulary.render(message, language)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void onlyAsciiDigitsAppear(Language language) {
    Random random = new Random(42);
    for (MessageCode code : MessageCode.values()) {
      String text = Vocabulary.render(Samples.random(code, random), language);
      assertThat(text.chars().filter(Character::isDigit).allMatch(c -> c >= '0' && c <= '9'))
          .as(text)
          .isTrue();
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 10).map(i -> 0xD161_7000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void timesAndPlacesReadTheSameInEveryLanguage(long seed) {
    Random random = new Random(seed);
    for (MessageCode code : MessageCode.values()) {
      CodedMessage message = Samples.random(code, random);
      for (Language language : Language.values()) {
        String text = Vocabulary.render(message, language);
        for (ParamValue value : message.params().values()) {
          if (value.type() == ParamType.TIME || value.type() == ParamType.PLACE) {
            String expected = language.rightToLeft() ? LRI + value.text() + PDI : value.text();
            assertThat(text).as("seed %d, %s", seed, message).contains(expected);
          }
        }
        assertThat(text).as("seed %d, %s", seed, message).doesNotContain("{", "}", "#");
      }
    }
  }

  @Test
  void timesRenderDateHourMinuteUtc() {
    assertThat(new ParamValue.Time(Samples.TIME).text()).isEqualTo("2022-10-08 09:30 UTC");
    assertThat(new ParamValue.Time(Instant.parse("0001-01-01T00:00:00Z")).text())
        .isEqualTo("0001-01-01 00:00 UTC");
    assertThat(new ParamValue.Time(Instant.parse("9999-12-31T23:59:00Z")).text())
        .isEqualTo("9999-12-31 23:59 UTC");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "41.38 | 37.03 | 37.0300 N 41.3800 E",
        "-73.98766 | -33.5 | 33.5000 S 73.9877 W",
        "-0.00001 | -0.00004 | 0.0000 N 0.0000 E",
        "180 | 90 | 90.0000 N 180.0000 E",
        "-180 | -90 | 90.0000 S 180.0000 W",
        "42.13999 | 37.17201 | 37.1720 N 42.1400 E",
      })
  void placesRenderLatitudeFirstWithFourDecimalsAndHemispheres(
      double lon, double lat, String expected) {
    assertThat(ParamValue.Place.of(lon, lat).text()).isEqualTo(expected);
  }

  @Test
  void entriesDescribeEveryCodeInOrderWithPlaceholdersAsNames() {
    assertThat(Vocabulary.entries())
        .extracting(Vocabulary.Entry::code)
        .containsExactly(MessageCode.values());
    Vocabulary.Entry delay = Vocabulary.entry(MessageCode.REQUEST_DELAY);
    assertThat(delay.wireName()).isEqualTo("request-delay");
    assertThat(delay.params()).containsExactly(new Param("minutes", ParamType.MINUTES));
    assertThat(delay.text())
        .containsExactly(
            Map.entry(Language.EN, "Request you delay your movement by {minutes}."),
            Map.entry(Language.RU, "Просим вас задержать движение на {minutes}."),
            Map.entry(Language.AR, "نطلب تأخير تحرككم لمدة {minutes}."),
            Map.entry(Language.TR, "Hareketinizi {minutes} dakika geciktirmenizi talep ediyoruz."));
  }

  @Test
  void toJsonListsLanguagesAndCodes() {
    JsonNode json = Vocabulary.toJson();

    assertThat(json.get("languages")).hasSize(4);
    assertThat(json.get("languages").get(2).get("tag").textValue()).isEqualTo("ar");
    assertThat(json.get("languages").get(2).get("rightToLeft").booleanValue()).isTrue();
    assertThat(json.get("codes")).hasSize(MessageCode.values().length);
    JsonNode hold =
        json.get("codes").get(3); // acknowledge, request-delay, will-delay, will-hold-at
    assertThat(hold.get("code").textValue()).isEqualTo("will-hold-at");
    assertThat(hold.get("params").get(1).get("name").textValue()).isEqualTo("until");
    assertThat(hold.get("params").get(1).get("type").textValue()).isEqualTo("time");
    assertThat(hold.get("text").get("en").textValue())
        .isEqualTo("We will hold at {place} until {until}.");
    assertThat(hold.get("text").fieldNames()).toIterable().containsExactly("en", "ru", "ar", "tr");
  }
}
