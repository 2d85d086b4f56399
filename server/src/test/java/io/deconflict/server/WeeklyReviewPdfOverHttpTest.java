package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.report.BaseMap;
import io.deconflict.report.ReviewPdf;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly review's PDF ({@code GET /agreements/{id}/reviews/{week}.pdf}, D43) over the real HTTP
 * API: a week with one US–Russia conflict that the US acknowledged late (escalated) and Russia in
 * two minutes, and an incident with Russia's account in Russian. Each party's PDF is exactly its
 * own review rendered (so it carries only what that party was told: Russia's shows nothing of the
 * US's escalation); a third party gets 404 for it as for the JSON.
 */
class WeeklyReviewPdfOverHttpTest {

  static final String WEEK = "/agreements/ag-1/reviews/2022-W41";
  static final String ACCOUNT = "Патруль прошёл перекрёсток по своему маршруту.";

  @TempDir static Path data;
  static SettableClock clock;
  static TestService service;
  static ScriptedWeek week;

  static Instant at(String dayAndTime) {
    return ScriptedWeek.at(dayAndTime);
  }

  @BeforeAll
  static void playTheWeek() {
    clock = SettableClock.at(at("08T06:00"));
    service = new TestService(data, clock);
    week = new ScriptedWeek(service, clock);
    ok(service.agreement(""));
    EventStream us = service.events("us-commander", Optional.empty());
    EventStream ru = service.events("ru-commander", Optional.empty());

    // Monday 06:00: a conflict two days ahead near Hasakah; Russia acknowledges in 2 min, the US
    // in 15 (escalated at 10)
    week.conflictAcknowledgedLateByTheUs(us, ru);

    // Thursday: an incident recorded by the US with Russia's account in Russian
    week.account("13T10:05", "ru-officer", week.incident(), ACCOUNT);

    // the next Monday: a record after the week makes it final
    week.closeTheWeek();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static void ok(Reply r) {
    ScriptedWeek.ok(r);
  }

  static HttpResponse<byte[]> pdf(String member, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.server.port() + "/api/v1" + path))
            .header("Authorization", "Bearer token-" + member)
            .timeout(Duration.ofSeconds(60))
            .build();
    try {
      return service.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  @Test
  void eachPartysPdfIsItsOwnReviewRendered() throws IOException {
    for (String member : new String[] {"us-officer", "ru-officer", "operator"}) {
      HttpResponse<byte[]> r = pdf(member, WEEK + ".pdf");
      assertThat(r.statusCode()).as(member).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
      assertThat(r.headers().firstValue("Content-Disposition"))
          .hasValue("inline; filename=\"review-ag-1-2022-W41.pdf\"");
      JsonNode review = service.get(member, WEEK).json();
      // rendering is deterministic: the PDF served is the viewer's JSON review, rendered
      assertThat(r.body()).as(member).isEqualTo(ReviewPdf.render(review, BaseMap.borders()));
    }
  }

  @Test
  void theUsPdfHoldsItsFiguresAndRussiasAccount() throws IOException {
    byte[] body = pdf("us-officer", WEEK + ".pdf").body();
    String us = text(body);
    assertThat(us)
        .contains("Weekly review — agreement ag-1, 2022-W41")
        .contains("as seen by US")
        .contains("Conflicts found 1 (1 strategic, 0 tactical)")
        .contains("Alerts raised 1 (1 acknowledged)")
        // the US's acknowledgement took 15 min, after an escalation to level 2
        .contains("US 1 1 0 15 min 0 s 15 min 0 s")
        .contains("US 1 0 0")
        .contains(ACCOUNT);
    try (PDDocument doc = Loader.loadPDF(body)) {
      BufferedImage page = new PDFRenderer(doc).renderImage(0, 1.5f);
      Path out = Path.of("target", "review-pdf");
      Files.createDirectories(out);
      ImageIO.write(page, "png", out.resolve("http-us-page-1.png").toFile());
      assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void russiasPdfShowsNothingOfTheUsEscalation() throws IOException {
    String ru = text(pdf("ru-officer", WEEK + ".pdf").body());
    assertThat(ru)
        .contains("as seen by RU")
        .contains("RU 1 1 0 2 min 0 s 2 min 0 s")
        .contains("No escalation this week.")
        .doesNotContain("15 min 0 s")
        .doesNotContain("US 1 1 0");
  }

  @Test
  void aThirdPartyGets404ForThePdfAsForTheReview() {
    HttpResponse<byte[]> tr = pdf("tr-officer", WEEK + ".pdf");
    assertThat(tr.statusCode()).isEqualTo(404);
    String problem = new String(tr.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(tr.headers().firstValue("Content-Type").orElse("")).contains("json");
    // the JSON review's problem, the same words: nothing tells the agreement exists
    assertThat(problem.replace(".pdf\"", "\"")).isEqualTo(service.get("tr-officer", WEEK).raw());
    assertThat(problem).doesNotContain("us-", "ru-");
  }

  @Test
  void aWeekThatDoesNotExistIs400NamingIt() {
    Reply r = service.get("us-officer", "/agreements/ag-1/reviews/2022-W54.pdf");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("field").asText()).isEqualTo("week");
    assertThat(r.json().path("detail").asText()).contains("2022-W54 is not a week");
  }
}
