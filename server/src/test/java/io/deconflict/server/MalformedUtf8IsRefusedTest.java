package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bytes that are not UTF-8 are refused with {@code 400} naming the byte offset, line and column,
 * whatever form they take, and nothing is stored (docs/api.md, Conventions); a string escaping half
 * of a surrogate pair is no Unicode text and is refused too. Sent over a raw socket, byte for byte.
 */
class MalformedUtf8IsRefusedTest extends HostileInput {

  private static byte[] concat(String head, byte[] middle, String tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "overlong NUL, C080, C0",
    "overlong slash, E080AF, E0",
    "overlong in four bytes, F08080AF, F0",
    "encoded high surrogate, EDA080, ED",
    "encoded low surrogate, EDBFBF, ED",
    "encoded surrogate pair (CESU-8), EDA0BDEDB880, ED",
    "code point above U+10FFFF, F4908080, F4",
    "lead byte F5, F5808080, F5",
    "stray continuation byte, 80, 80",
    "two-byte sequence cut short, C3, C3",
    "three-byte sequence cut short, E282, E2",
    "byte FF, FF, FF"
  })
  void inAHotlineMessage(String what, String hex, String first) {
    byte[] body = concat("{\"text\":\n \"hold ", HexFormat.of().parseHex(hex), " position\"}");
    JsonNode p =
        raw.send("POST", "/api/v1" + THREAD, "us-officer", "application/json", body)
            .problem(400, "invalid", "at line 2, column 8: malformed UTF-8: bytes " + first);
    assertThat(p.path("detail").asText()).as(what).contains("at byte 16");
    assertNothingStoredSince(0);
    assertNoHotlineMessages();
  }

  @Test
  void aSequenceCutShortByTheEndOfTheBody() {
    byte[] body = concat("{\"text\": \"hold\"} ", HexFormat.of().parseHex("E282"), "");
    raw.send("POST", "/api/v1" + THREAD, "us-officer", "application/json", body)
        .problem(400, "invalid", "the input ends inside a character");
    assertNothingStoredSince(0);
  }

  @Test
  void inTheLastLineOfAnNdjsonBatchNothingOfTheBatchIsStored() {
    byte[] body =
        concat(
            report("u1", 40.6, 36.5, "")
                + "\n"
                + report("u2", 40.6, 36.5, ", \"cot\": {\"callsign\": \""),
            HexFormat.of().parseHex("EDA080"),
            "\"}}\n");
    JsonNode p = postNdjson(body).problem(400, "invalid", "at line 2, column ");
    assertThat(p.path("detail").asText()).contains("malformed UTF-8: bytes ED");
    assertNothingStoredSince(0);
  }

  @Test
  void anEscapedHalfSurrogateIsNoText() {
    raw.post("us-officer", THREAD, "{\"text\": \"hold \\ud800 position\"}")
        .problem(400, "invalid", "a string holds \\ud800, half of a surrogate pair");
    assertNothingStoredSince(0);
  }

  @Test
  void anEscapedPairIsText() {
    RawHttp.Response r = raw.post("us-officer", THREAD, "{\"text\": \"hold \\ud83d\\ude00\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(
            service.get("us-officer", THREAD).json().path("messages").get(0).path("text").asText())
        .isEqualTo("hold \uD83D\uDE00");
  }
}
