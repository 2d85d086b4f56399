package io.deconflict.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How long a review takes to render (not a test; D43 quotes it): the sample week once cold, then
 * ten times warm. Run from the repository's root after {@code ./mvnw -pl report -am test-compile}:
 *
 * <pre>
 * ./mvnw -q -o dependency:build-classpath -pl report -Dmdep.outputFile=/tmp/cp.txt
 * java -Djava.awt.headless=true \
 *   -cp report/target/test-classes:report/target/classes:$(cat /tmp/cp.txt) \
 *   io.deconflict.report.ReviewPdfTiming
 * </pre>
 */
public final class ReviewPdfTiming {

  private ReviewPdfTiming() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path resources = Path.of("report/src/test/resources");
    var review = json.readTree(Files.readAllBytes(resources.resolve("review-sample.json")));
    var layer = json.readTree(Files.readAllBytes(resources.resolve("layer-places.geojson")));
    long t0 = System.nanoTime();
    BaseMap ground = BaseMap.borders().withLayers(List.of(layer));
    long t1 = System.nanoTime();
    byte[] pdf = ReviewPdf.render(review, ground);
    long t2 = System.nanoTime();
    int n = 10;
    for (int i = 0; i < n; i++) {
      pdf = ReviewPdf.render(review, ground);
    }
    long t3 = System.nanoTime();
    System.out.printf(
        "borders read: %.0f ms; first render: %.0f ms; warm: %.0f ms each; %d bytes%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6 / n, pdf.length);
  }
}
