package io.deconflict.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict reading: every malformed UTF-8 form, duplicates, half surrogates, trailing content.
 */
class StrictJsonTest {

  /** {@code {"t":"ab<bytes>cd"}}: the bytes start at byte 8 (from 0), column 9. */
  private static byte[] withBytes(String hex) {
    byte[] bad = HexFormat.of().parseHex(hex);
    byte[] head = "{\"t\":\"ab".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "cd\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
    return all;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "overlong NUL, C080",
    "overlong slash, E080AF",
    "overlong four bytes, F08080AF",
    "encoded high surrogate, EDA080",
    "encoded low surrogate, EDB080",
    "encoded surrogate pair (CESU-8), EDA0BDEDB880",
    "above U+10FFFF, F4908080",
    "F5 lead byte, F5808080",
    "stray continuation, 80",
    "truncated two-byte, C3",
    "truncated three-byte, E282",
    "FF byte, FF"
  })
  void malformedUtf8IsRefusedNamingTheByte(String what, String hex) {
    byte[] bytes = withBytes(hex);
    assertThatThrownBy(() -> StrictJson.readTree(bytes))
        .as(what)
        .isInstanceOf(StrictJson.MalformedUtf8Exception.class)
        .hasMessageContaining("at byte 8 are not a UTF-8 character")
        .satisfies(
            e -> {
              assertThat(((JsonProcessingException) e).getLocation().getLineNr()).isEqualTo(1);
              assertThat(((JsonProcessingException) e).getLocation().getColumnNr()).isEqualTo(9);
            });
  }

  @org.junit.jupiter.api.Test
  void aSequenceCutShortByTheEndIsRefusedBeforeTheParserSeesIt() {
    byte[] bytes = {'{', '}', ' ', (byte) 0xE2, (byte) 0x82};
    assertThatThrownBy(() -> StrictJson.readTree(bytes))
        .isInstanceOf(StrictJson.MalformedUtf8Exception.class)
        .hasMessageContaining("the input ends inside a character): bytes E2 82 at byte 3");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7})
  void aCharacterSplitAcrossReadsIsAccepted(int chunk) throws IOException {
    byte[] bytes = "{\"t\":\"é€😀\"}".getBytes(StandardCharsets.UTF_8);
    InputStream slow =
        new ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
          }
        };
    assertThat(StrictJson.readTree(slow).path("t").textValue()).isEqualTo("é€😀");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1,\"a\":2}|Duplicate field 'a'",
        "{\"a\":{\"b\":1,\"b\":1}}|Duplicate field 'b'",
        "{\"a\":1} {\"b\":2}|trailing content after the JSON document (an object)",
        "{\"a\":1}]|Unexpected close marker",
        "{\"a\":1} x|Unrecognized token",
        "[1] 2|trailing content after the JSON document (a number)",
        "{\"t\":\"\\ud800\"}|a string holds \\ud800, half of a surrogate pair",
        "{\"\\udc00x\":1}|a member name holds \\udc00"
      })
  void notStrictJsonIsRefused(String json, String message) {
    assertThatThrownBy(() -> StrictJson.readTree(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"t\":\"\\ud83d\\ude00\"}", "{\"a\":1}  \n", "[{\"a\":1},{\"a\":2}]"})
  void strictJsonIsAccepted(String json) throws IOException {
    assertThat(StrictJson.readTree(json.getBytes(StandardCharsets.UTF_8)).isMissingNode())
        .isFalse();
  }

  @org.junit.jupiter.api.Test
  void aJournaledHalfSurrogateIsReadBackButNothingElseIsLenient() throws IOException {
    assertThat(
            StrictJson.readJournaled("{\"t\":\"\\ud800\"}".getBytes(StandardCharsets.UTF_8))
                .path("t")
                .textValue())
        .isEqualTo("\ud800");
    assertThatThrownBy(() -> StrictJson.readJournaled(withBytes("EDA080")))
        .isInstanceOf(StrictJson.MalformedUtf8Exception.class);
    assertThatThrownBy(
            () -> StrictJson.readJournaled("{\"a\":1,\"a\":1}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("Duplicate field 'a'");
  }
}
