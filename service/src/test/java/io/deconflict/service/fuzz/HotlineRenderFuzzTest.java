package io.deconflict.service.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.service.hotline.CodedMessage;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.hotline.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Fuzzes the hotline's coded messages: {@link CodedMessage#fromJson} and the template renderer
 * {@link Vocabulary#render} in every language (docs/fuzzing.md). Property: a refused message is an
 * {@link IllegalArgumentException} that names the field at fault ({@code params.minutes}, the
 * code); an accepted message round-trips through its JSON form, and renders in en, ru, ar and tr to
 * non-blank text with every placeholder filled (no brace, bar or {@code #} left) and, in Arabic,
 * every left-to-right isolate closed. Seeds: {@code HotlineRenderFuzzTestInputs/render}, one JSON
 * message per file.
 */
class HotlineRenderFuzzTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Pattern REFUSAL =
      Pattern.compile(
          "(params(\\.[A-Za-z0-9_-]+|\\[\".*\\])? .+|unknown message code .+; valid codes: .+"
              + "|a coded message .+)",
          Pattern.DOTALL);

  @FuzzTest
  @DictionaryEntries({
    "\"code\"",
    "\"params\"",
    "\"minutes\"",
    "\"vehicles\"",
    "\"place\"",
    "\"until\"",
    "\"time\"",
    "\"via\"",
    "\"request-delay\"",
    "\"will-hold-at\"",
    "\"convoy-humanitarian\"",
    "\"2022-10-08T09:00Z\"",
    "\"9999-12-31T23:59:00Z\"",
    "+00:00",
    "[41.5, 37.25]",
    "-0.0",
    "1440",
    "10000"
  })
  void render(byte[] input) {
    JsonNode json;
    try {
      json = MAPPER.readTree(new String(input, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return; // the HTTP body reader's concern, fuzzed by ApiBodyFuzzTest
    }
    if (json == null) {
      return;
    }
    CodedMessage message;
    try {
      message = CodedMessage.fromJson(json);
    } catch (IllegalArgumentException e) {
      String text = String.valueOf(e.getMessage());
      assertThat(REFUSAL.matcher(text).matches())
          .as("a refusal names the field: %s", text)
          .isTrue();
      return;
    }
    assertThat(CodedMessage.fromJson(message.toJson())).isEqualTo(message);
    for (Language language : Language.values()) {
      String rendered = Vocabulary.render(message, language);
      assertThat(rendered)
          .as("%s in %s", message, language)
          .isNotBlank()
          .doesNotContain("{", "}", "|", "#");
      long open = rendered.chars().filter(c -> c == '\u2066').count();
      long close = rendered.chars().filter(c -> c == '\u2069').count();
      assertThat(open).as("isolates in %s", rendered).isEqualTo(close);
    }
  }
}
