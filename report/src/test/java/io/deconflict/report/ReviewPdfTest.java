package io.deconflict.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review's PDF rendered from hand-written reviews and read back as a person would: its text
 * extracted, its first page and its map page turned into pictures (saved under target/review-pdf/
 * to look at).
 */
class ReviewPdfTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final float DPI_SCALE = 2; // pixels per point of the rendered pages
  private static final Path OUT = Path.of("target", "review-pdf");

  private static BaseMap ground;

  @BeforeAll
  static void ground() throws IOException {
    ground = BaseMap.borders().withLayers(List.of(resource("layer-places.geojson")));
    Files.createDirectories(OUT);
  }

  static JsonNode resource(String name) throws IOException {
    try (InputStream in = ReviewPdfTest.class.getResourceAsStream("/" + name)) {
      return JSON.readTree(Objects.requireNonNull(in, name));
    }
  }

  @Test
  void theSampleWeeksFiguresAreRealTextInTheDocument() throws IOException {
    byte[] pdf = ReviewPdf.render(resource("review-sample.json"), ground);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      String flat = text.replaceAll("\\s+", " "); // table cells wrap onto lines of their own
      assertThat(flat)
          .contains("Weekly review — agreement ag-1, 2022-W40")
          .contains("2022-10-03 00:00Z to 2022-10-10 00:00Z")
          .contains("US, RU")
          .contains("as seen by US")
          .contains("journal position 1234")
          .contains("2000 m")
          .contains("Minimum notice 3 h 0 min")
          .contains("30 min 0 s, then 1 h 0 min")
          .contains("Conflicts found 3 (2 strategic, 1 tactical)")
          .contains("Alerts raised 6 (5 acknowledged)")
          .contains("Hotline 3 threads, 17 messages")
          // notifications: US 14 notified, 12 on time, 1 late, 1 emergency, 3 revised, 1 cancelled
          .contains("US 14 12 1 1 3 1")
          .contains("RU 11 9 2 0 2 0")
          // the conflicts' list: a row each, the start and closest approach in one cell
          .contains(
              "al-7 movement-movement US / RU 2022-10-08 09:40Z → 2022-10-08 09:52Z 813 m 3 h 0 min"
                  + " 37.0300 N, 41.3800 E")
          .contains(
              "al-9 unit-unit US / RU 2022-10-05 14:02Z → 2022-10-05 14:06:30Z 1630 m −2 min 0 s")
          // alerts: RU raised 3, acknowledged 2, unacknowledged 1, median of 600.5 and 240 s
          .contains("RU 3 2 1 7 min 0 s 10 min 1 s 2 0 1")
          .contains("RU 1 1 1") // escalations
          .contains("(US 9, RU 8)")
          .contains("st-4")
          .contains("not restored")
          .contains("late-notice")
          .contains("seq 812 item.notify")
          .contains("seq 655 alert.escalate")
          // an account in Russian prints in Cyrillic, not as question marks
          .contains("Патрули остановились у нефтяного месторождения");
      String joined = text.replaceAll("\\s+", "");
      assertThat(joined)
          .contains("9f2c4b7e1d0a3c5f6e8b9a2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d0e")
          .contains("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
      // the charts' figures in words beside the pictures
      assertThat(flat)
          .contains("US: < 1 min 2, 2–5 min 1; RU: 2–5 min 1, 10–30 min 1.")
          .contains("Wed 14:00 1, Sat 09:00 1, Sat 11:00 1.")
          .contains("after start 1, 1–6 h 1, 6–12 h 1.")
          .contains("Where: the week's conflicts and incidents");

      BufferedImage first = new PDFRenderer(doc).renderImage(0, DPI_SCALE);
      ImageIO.write(first, "png", OUT.resolve("sample-page-1.png").toFile());
      for (int i = 1; i < doc.getNumberOfPages(); i++) {
        ImageIO.write(
            new PDFRenderer(doc).renderImage(i, 1.5f),
            "png",
            OUT.resolve("sample-page-" + (i + 1) + ".png").toFile());
      }
      assertThat(darkPixels(first)).as("ink on page 1").isGreaterThan(2_000);
    }
  }

  @Test
  void theMapPageMarksEachConflictAndIncidentAtItsProjectedPixel() throws IOException {
    JsonNode review = resource("review-sample.json");
    ReviewPdf.Rendered r = ReviewPdf.renderLaidOut(review, ground);
    PDRectangle box = Objects.requireNonNull(r.mapBox());
    MapFrame frame = Objects.requireNonNull(r.frame());
    try (PDDocument doc = Loader.loadPDF(r.pdf())) {
      BufferedImage page = new PDFRenderer(doc).renderImage(r.mapPage() - 1, DPI_SCALE);
      ImageIO.write(page, "png", OUT.resolve("sample-map-page.png").toFile());
      float pageHeight = doc.getPage(r.mapPage() - 1).getMediaBox().getHeight();
      for (JsonNode place : review.path("places")) {
        double lon = place.path("position").get(0).asDouble();
        double lat = place.path("position").get(1).asDouble();
        Point2D inMap = frame.pixel(lon, lat);
        double x = (box.getLowerLeftX() + inMap.getX() / ReviewPdf.MAP_SCALE) * DPI_SCALE;
        double y =
            (pageHeight - box.getUpperRightY() + inMap.getY() / ReviewPdf.MAP_SCALE) * DPI_SCALE;
        Color expected =
            "incident".equals(place.path("kind").asText()) ? MapImage.INCIDENT : MapImage.CONFLICT;
        Color seen = new Color(page.getRGB((int) Math.round(x), (int) Math.round(y)));
        assertThat(distance(seen, expected))
            .as(
                "%s %s at page pixel (%.0f, %.0f): %s",
                place.path("kind").asText(), place.path("id").asText(), x, y, seen)
            .isLessThan(40);
      }
      // every mark lies inside the frame, with room to spare
      for (JsonNode place : review.path("places")) {
        Point2D p =
            frame.pixel(
                place.path("position").get(0).asDouble(), place.path("position").get(1).asDouble());
        assertThat(p.getX()).isBetween(0.05 * frame.width(), 0.95 * frame.width());
        assertThat(p.getY()).isBetween(0.05 * frame.height(), 0.95 * frame.height());
      }
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("incident in-2 2022-10-08 10:05Z 37.0600 N, 41.4200 E");
    }
  }

  @Test
  void anEmptyWeekRendersWithoutChartsOrMapFailing() throws IOException {
    byte[] pdf = ReviewPdf.render(resource("review-empty.json"), ground);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("as seen by the operators")
          .contains("the week is not over yet")
          .contains("Conflicts found 0 (0 strategic, 0 tactical)")
          .contains("No item was notified this week.")
          .contains("No alert was raised this week.")
          .contains("No incident was recorded this week.")
          .contains("No breach of the agreement's terms")
          .contains("there is nothing to map");
      assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(3);
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        BufferedImage image = new PDFRenderer(doc).renderImage(i, 1);
        ImageIO.write(image, "png", OUT.resolve("empty-page-" + (i + 1) + ".png").toFile());
      }
    }
  }

  @Test
  void aBusyWeeksTablesBreakAcrossPagesUnderARepeatedHeader() throws IOException {
    ObjectNode busy = (ObjectNode) resource("review-sample.json").deepCopy();
    var list = ((ObjectNode) busy.path("conflicts")).putArray("list");
    var places = busy.putArray("places");
    for (int i = 0; i < 300; i++) {
      ObjectNode c = list.addObject();
      c.put("alert", "al-" + (100 + i)).put("kind", "movement-movement");
      c.put("start", "2022-10-08T09:40:00Z").put("closestAt", "2022-10-08T09:52:00Z");
      c.put("distanceMeters", 500 + i).put("leadSeconds", 3600.0 * (i % 30));
      c.putArray("position").add(40.5 + (i % 20) * 0.08).add(36.5 + (i / 20) * 0.04);
      c.putArray("parties").add("us").add("ru");
      places
          .addObject()
          .put("kind", "conflict")
          .put("id", "al-" + (100 + i))
          .put("time", "2022-10-08T09:52:00Z")
          .set("position", c.path("position").deepCopy());
    }
    try (PDDocument doc = Loader.loadPDF(ReviewPdf.render(busy, ground))) {
      assertThat(doc.getNumberOfPages()).isGreaterThan(10);
      PDFTextStripper page = new PDFTextStripper();
      int headers = 0;
      for (int i = 1; i <= doc.getNumberOfPages(); i++) {
        page.setStartPage(i);
        page.setEndPage(i);
        if (page.getText(doc).contains("alert kind parties start → closest closest lead where")) {
          headers++;
        }
      }
      assertThat(headers).as("pages with the conflicts' header").isGreaterThanOrEqualTo(5);
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("al-399").contains("799 m");
    }
  }

  @Test
  void aReviewWithoutSectionsStillRenders() throws IOException {
    ObjectNode bare = JSON.createObjectNode().put("agreement", "ag-9").put("week", "2023-W01");
    try (PDDocument doc = Loader.loadPDF(ReviewPdf.render(bare, BaseMap.blank()))) {
      assertThat(new PDFTextStripper().getText(doc)).contains("agreement ag-9, 2023-W01");
    }
  }

  @Test
  void aDocumentThatIsNotAReviewIsRefusedNamingTheField() {
    ObjectNode noWeek = JSON.createObjectNode().put("agreement", "ag-1");
    assertThatThrownBy(() -> ReviewPdf.render(noWeek, BaseMap.blank()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"week\"");
  }

  @Test
  void renderingIsRepeatable() throws IOException {
    JsonNode review = resource("review-sample.json");
    assertThat(ReviewPdf.render(review, ground)).isEqualTo(ReviewPdf.render(review, ground));
  }

  static int darkPixels(BufferedImage image) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color c = new Color(image.getRGB(x, y));
        if (c.getRed() + c.getGreen() + c.getBlue() < 300) {
          n++;
        }
      }
    }
    return n;
  }

  static double distance(Color a, Color b) {
    int dr = a.getRed() - b.getRed();
    int dg = a.getGreen() - b.getGreen();
    int db = a.getBlue() - b.getBlue();
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }
}
