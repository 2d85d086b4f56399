package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.Json;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code tak} section of the configuration: defaults, mapping, errors naming the field. */
class TakSettingsTest {

  private static final Directory DIRECTORY =
      new Directory(
          List.of(new Party("us", "US", "en"), new Party("ru", "RU", "ru")),
          List.of(new Member("us-officer", "us", Role.OFFICER, "x", Tokens.sha256("t"))));

  private static JsonNode json(String tak) throws Exception {
    return Json.MAPPER.readTree("{\"tak\": " + tak + "}");
  }

  private static TakSettings parse(String tak) throws Exception {
    return TakSettings.parse(json(tak), "127.0.0.1", DIRECTORY, Path.of("/etc/deconflict"))
        .orElseThrow();
  }

  @Test
  void absentOrDisabledMeansNoListener() throws Exception {
    assertThat(TakSettings.parse(Json.MAPPER.readTree("{}"), "h", DIRECTORY, Path.of("")))
        .isEmpty();
    assertThat(TakSettings.parse(json("{\"enabled\": false}"), "h", DIRECTORY, Path.of("")))
        .isEmpty();
  }

  @Test
  void defaultsAreTakServersPortsAndTheServicesHost() throws Exception {
    TakSettings s = parse("{}");
    assertThat(s.host()).isEqualTo("127.0.0.1");
    assertThat(s.tcpPort()).isEqualTo(8088);
    assertThat(s.tlsPort()).isEqualTo(-1);
    assertThat(s.maxEventBytes()).isEqualTo(1 << 20);
    assertThat(s.affiliation("us", "ru")).isEqualTo("n");
  }

  @Test
  void certificatesAffiliationsAndTlsAreRead() throws Exception {
    TakSettings s =
        parse(
            ("{\"tcpPort\": null, \"tls\": {\"keyStore\": \"server.p12\", \"trustStore\": \"/abs/trust.p12\","
                    + " \"keyStorePassword\": \"secret\"},"
                    + " \"certificates\": [{\"subject\": \"CN=a, O=US\", \"member\": \"us-officer\"},"
                    + " {\"sha256\": \"AB:\" , \"member\": \"us-officer\"}],"
                    + " \"affiliations\": {\"us\": {\"ru\": \"hostile\"}}}")
                .replace("\"AB:\" ", "\"" + "AB:".repeat(31) + "AB\""));
    assertThat(s.tcpPort()).isEqualTo(-1);
    assertThat(s.tlsPort()).isEqualTo(8089);
    assertThat(s.tls().orElseThrow().keyStore()).isEqualTo(Path.of("/etc/deconflict/server.p12"));
    assertThat(s.tls().orElseThrow().trustStore()).isEqualTo(Path.of("/abs/trust.p12"));
    assertThat(s.tls().orElseThrow().toString()).doesNotContain("secret");
    assertThat(s.certificates())
        .containsEntry(TakSettings.subjectKey("cn=a,o=us"), "us-officer")
        .containsEntry("sha256:" + "ab".repeat(32), "us-officer");
    assertThat(s.affiliation("us", "ru")).isEqualTo("h");
    assertThat(s.affiliation("ru", "us")).isEqualTo("n");
    assertThat(s.martiPort()).isEqualTo(-1); // the Marti API is opt-in
  }

  @Test
  void theMartiApiPortIsReadFromTls() throws Exception {
    TakSettings s =
        parse(
            "{\"tls\": {\"keyStore\": \"k.p12\", \"trustStore\": \"t.p12\", \"martiPort\": 8443}}");
    assertThat(s.martiPort()).isEqualTo(TakSettings.DEFAULT_MARTI_PORT);
    assertThatThrownBy(
            () ->
                parse(
                    "{\"tls\": {\"keyStore\": \"k.p12\", \"trustStore\": \"t.p12\","
                        + " \"martiPort\": \"8443\"}}"))
        .hasMessage("tak.tls.martiPort must be an integer or null");
    assertThatThrownBy(() -> TakSettings.plain("127.0.0.1", 0).withMartiPort(8443))
        .hasMessageContaining("tak.tls.martiPort");
  }

  @Test
  void errorsNameTheField() {
    assertThatThrownBy(
            () -> parse("{\"certificates\": [{\"member\": \"ghost\", \"subject\": \"CN=x\"}]}"))
        .hasMessage("tak.certificates[0].member \"ghost\" is not a configured member");
    assertThatThrownBy(
            () -> parse("{\"certificates\": [{\"member\": \"us-officer\", \"sha256\": \"12\"}]}"))
        .hasMessage("tak.certificates[0].sha256 must be 64 hex digits (colons allowed)");
    assertThatThrownBy(() -> parse("{\"certificates\": [{\"member\": \"us-officer\"}]}"))
        .hasMessage("tak.certificates[0] needs a subject or a sha256");
    assertThatThrownBy(() -> parse("{\"tls\": {\"trustStore\": \"t.p12\"}}"))
        .hasMessage("tak.tls.keyStore is required and must be a non-empty string");
    assertThatThrownBy(() -> parse("{\"affiliations\": {\"us\": {\"ru\": \"enemy\"}}}"))
        .hasMessage("tak.affiliations.us.ru must be f, n, h or u, got \"enemy\"");
    assertThatThrownBy(() -> parse("{\"maxEventBytes\": 10}"))
        .hasMessage("tak.maxEventBytes must be 1024..67108864, got 10");
    assertThatThrownBy(() -> parse("{\"tcpPort\": 70000}"))
        .hasMessage("tak: a port must be 0..65535, got 70000");
  }
}
