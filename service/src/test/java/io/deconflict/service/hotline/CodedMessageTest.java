package io.deconflict.service.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CodedMessageTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void parsesCodeAndTypedParameters() throws Exception {
    CodedMessage message =
        CodedMessage.parse(
            "will-hold-at",
            json("{\"place\": [41.38, 37.03], \"until\": \"2022-10-08T09:30:00Z\"}"));

    assertThat(message.code()).isEqualTo(MessageCode.WILL_HOLD_AT);
    assertThat(message.param("place")).isEqualTo(ParamValue.Place.of(41.38, 37.03));
    assertThat(message.param("until"))
        .isEqualTo(new ParamValue.Time(Instant.parse("2022-10-08T09:30:00Z")));
  }

  @Test
  void acceptsPlusZeroOffsetAndIntegerCoordinates() throws Exception {
    CodedMessage message =
        CodedMessage.parse(
            "passing", json("{\"time\": \"2022-10-08T09:30:00+00:00\", \"place\": [41, 37]}"));

    assertThat(message.param("time")).isEqualTo(new ParamValue.Time(Samples.TIME));
    assertThat(message.param("place")).isEqualTo(ParamValue.Place.of(41, 37));
  }

  @Test
  void aCodeWithoutParametersTakesAnEmptyMissingOrNullParams() throws Exception {
    CodedMessage expected = CodedMessage.of(MessageCode.ACKNOWLEDGE);

    assertThat(CodedMessage.parse("acknowledge", json("{}"))).isEqualTo(expected);
    assertThat(CodedMessage.parse("acknowledge", MissingNode.getInstance())).isEqualTo(expected);
    assertThat(CodedMessage.parse("acknowledge", NullNode.getInstance())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // code | params | message
        "request-delay | {\"minutes\": \"abc\"} | params.minutes must be an integer 1..1440, got \"abc\"",
        "request-delay | {\"minutes\": 0} | params.minutes must be an integer 1..1440, got 0",
        "request-delay | {\"minutes\": 1441} | params.minutes must be an integer 1..1440, got 1441",
        "request-delay | {\"minutes\": 30.5} | params.minutes must be an integer 1..1440, got 30.5",
        "request-delay | {\"minutes\": 30.0} | params.minutes must be an integer 1..1440, got 30.0",
        "request-delay | {\"minutes\": null} | params.minutes must be an integer 1..1440, got null",
        "request-delay | {\"minutes\": 99999999999} | params.minutes must be an integer 1..1440, got 99999999999",
        "request-delay | {} | params.minutes is missing; request-delay takes minutes (an integer 1..1440)",
        "request-delay | {\"minutes\": 30, \"reason\": \"x\"} | params.reason is not a parameter of request-delay; request-delay takes minutes (an integer 1..1440)",
        "request-delay | [30] | params must be a JSON object, got [30]; request-delay takes minutes (an integer 1..1440)",
        "acknowledge | {\"approved\": true} | params.approved is not a parameter of acknowledge; acknowledge takes no parameters",
        "acknowledge | {\"a b\": 1} | params[\"a b\"] is not a parameter of acknowledge; acknowledge takes no parameters",
        "convoy-humanitarian | {\"vehicles\": 10001} | params.vehicles must be an integer 1..10000, got 10001",
        "convoy-humanitarian | {\"vehicles\": -3} | params.vehicles must be an integer 1..10000, got -3",
        "stopped | {\"place\": [181, 37]} | params.place must be a position [lon, lat] in degrees with lon in [-180, 180] and lat in [-90, 90], got [181,37]",
        "stopped | {\"place\": [41, -90.5]} | params.place must be a position [lon, lat] in degrees with lon in [-180, 180] and lat in [-90, 90], got [41,-90.5]",
        "stopped | {\"place\": [41, 37, 400]} | params.place must be a position [lon, lat] in degrees with lon in [-180, 180] and lat in [-90, 90], got [41,37,400]",
        "stopped | {\"place\": [\"41\", \"37\"]} | params.place must be a position [lon, lat] in degrees with lon in [-180, 180] and lat in [-90, 90], got [\"41\",\"37\"]",
        "stopped | {\"place\": {\"lon\": 41, \"lat\": 37}} | params.place must be a position [lon, lat] in degrees with lon in [-180, 180] and lat in [-90, 90], got {\"lon\":41,\"lat\":37}",
        "passing | {\"place\": [41, 37], \"time\": \"2022-10-08T09:30:00+03:00\"} | params.time must be an ISO-8601 UTC time on a whole minute, such as \"2022-10-08T09:30:00Z\", got \"2022-10-08T09:30:00+03:00\"",
        "passing | {\"place\": [41, 37], \"time\": \"2022-10-08T09:30:00\"} | params.time must be an ISO-8601 UTC time on a whole minute, such as \"2022-10-08T09:30:00Z\", got \"2022-10-08T09:30:00\"",
        "passing | {\"place\": [41, 37], \"time\": \"2022-10-08T09:30:15Z\"} | params.time must be an ISO-8601 UTC time on a whole minute, such as \"2022-10-08T09:30:00Z\", got \"2022-10-08T09:30:15Z\"",
        "passing | {\"place\": [41, 37], \"time\": \"2022-10-08T09:30:00.5Z\"} | params.time must be an ISO-8601 UTC time on a whole minute, such as \"2022-10-08T09:30:00Z\", got \"2022-10-08T09:30:00.5Z\"",
        "passing | {\"place\": [41, 37], \"time\": \"09:30\"} | params.time must be an ISO-8601 UTC time on a whole minute, such as \"2022-10-08T09:30:00Z\", got \"09:30\"",
        "passing | {\"place\": [41, 37], \"time\": 1665221400} | params.time must be an ISO-8601 UTC time on a whole minute, such as \"2022-10-08T09:30:00Z\", got 1665221400",
        "passing | {\"place\": [41, 37], \"time\": \"+10000-01-01T00:00:00Z\"} | params.time must be an ISO-8601 UTC time on a whole minute, such as \"2022-10-08T09:30:00Z\", got \"+10000-01-01T00:00:00Z\"",
        "passing | {\"place\": [41, 37]} | params.time is missing; passing takes place (a position [lon, lat] in degrees with lon in [-180, 180] and lat in [-90, 90]), time (an ISO-8601 UTC time on a whole minute, such as \"2022-10-08T09:30:00Z\")",
      })
  void parseErrorsNameTheFieldQuoteTheInputAndSayWhatIsAllowed(
      String code, String params, String message) throws Exception {
    assertThatThrownBy(() -> CodedMessage.parse(code, json(params)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void anUnknownCodeListsTheValidCodes() throws Exception {
    assertThatThrownBy(() -> CodedMessage.parse("approve", json("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown message code \"approve\"; valid codes: acknowledge, ")
        .hasMessageContaining(", unable-to-comply, ");
  }

  @Test
  void longOrControlInputIsQuotedEscapedAndCut() throws Exception {
    String code = "x".repeat(500) + "\n";
    assertThatThrownBy(() -> CodedMessage.parse(code, json("{}")))
        .hasMessageStartingWith("unknown message code \"" + "x".repeat(79) + "...; valid codes:");
    assertThatThrownBy(() -> CodedMessage.parse("bad\ncode", json("{}")))
        .hasMessageStartingWith("unknown message code \"bad\\ncode\";");
  }

  @ParameterizedTest
  @EnumSource(MessageCode.class)
  void toJsonAndParseAreInverse(MessageCode code) {
    CodedMessage message = Samples.fixed(code);
    JsonNode json = message.toJson();

    assertThat(CodedMessage.fromJson(json)).isEqualTo(message);
    assertThat(CodedMessage.parse(json.get("code").textValue(), json.get("params")))
        .isEqualTo(message);
  }

  @Test
  void toJsonHasTheWireForm() throws Exception {
    assertThat(Samples.fixed(MessageCode.WILL_HOLD_AT).toJson())
        .isEqualTo(
            json(
                "{\"code\": \"will-hold-at\", \"params\":"
                    + " {\"place\": [41.38, 37.03], \"until\": \"2022-10-08T09:30:00Z\"}}"));
    assertThat(CodedMessage.of(MessageCode.ACKNOWLEDGE).toJson())
        .isEqualTo(json("{\"code\": \"acknowledge\", \"params\": {}}"));
  }

  static LongStream seeds() {
    return LongStream.range(0, 20).map(i -> 0x5EED_0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomMessagesSurviveTheJournalAsText(long seed) throws Exception {
    Random random = new Random(seed);
    for (MessageCode code : MessageCode.values()) {
      CodedMessage message = Samples.random(code, random);
      String stored = MAPPER.writeValueAsString(message.toJson());

      assertThat(CodedMessage.fromJson(MAPPER.readTree(stored)))
          .as("seed %d, %s", seed, stored)
          .isEqualTo(message);
    }
  }

  @Test
  void fromJsonRefusesOtherShapes() throws Exception {
    assertThatThrownBy(() -> CodedMessage.fromJson(json("[\"acknowledge\"]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a coded message must be a JSON object {\"code\": ..., \"params\": {...}}, got"
                + " [\"acknowledge\"]");
    assertThatThrownBy(() -> CodedMessage.fromJson(json("{\"code\": 3}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("got {\"code\":3}");
    assertThatThrownBy(
            () -> CodedMessage.fromJson(json("{\"code\": \"acknowledge\", \"text\": \"ok\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a coded message has only \"code\" and \"params\", got field \"text\"");
  }

  @Test
  void theConstructorChecksParametersAgainstTheCode() {
    assertThatThrownBy(() -> new CodedMessage(MessageCode.REQUEST_DELAY, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("params.minutes is missing; request-delay takes minutes (an integer 1..1440)");
    assertThatThrownBy(
            () ->
                new CodedMessage(
                    MessageCode.REQUEST_DELAY, Map.of("minutes", new ParamValue.Count(30))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("params.minutes must be an integer 1..1440, got a count");
    assertThatThrownBy(
            () ->
                new CodedMessage(
                    MessageCode.ACKNOWLEDGE, Map.of("minutes", new ParamValue.Minutes(30))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "params.minutes is not a parameter of acknowledge; acknowledge takes no parameters");
  }

  @Test
  void paramNamesTheParametersOfTheCode() {
    assertThatThrownBy(() -> Samples.fixed(MessageCode.REQUEST_DELAY).param("place"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("params.place is not a parameter of request-delay");
  }

  @Test
  void valuesCheckTheirRanges() {
    assertThatThrownBy(() -> new ParamValue.Minutes(0))
        .hasMessage("minutes must be an integer 1..1440, got 0");
    assertThatThrownBy(() -> new ParamValue.Count(10_001))
        .hasMessage("count must be an integer 1..10000, got 10001");
    assertThatThrownBy(() -> new ParamValue.Time(Instant.parse("2022-10-08T09:30:01Z")))
        .hasMessage(
            "time must be on a whole minute in the years 1 to 9999, got 2022-10-08T09:30:01Z");
    assertThatThrownBy(() -> ParamValue.Place.of(41, 91))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
