package io.deconflict.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one typeface of the review: Liberation Sans (SIL Open Font License 1.1), the TrueType font
 * that PDFBox ships inside its own jar as its fallback font. It covers Latin, Greek and Cyrillic,
 * so the parties' Russian names and accounts print; being a Maven dependency it is on every machine
 * that builds the project, with no system font package to install. The PDF embeds the subset it
 * uses; charts and the map image draw with the same face through Java2D.
 */
final class Fonts {

  static final String RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  private static final Font AWT = loadAwt();

  private Fonts() {}

  /** The face for Java2D at this size in points (pixels in an image). */
  static Font awt(float size) {
    return AWT.deriveFont(size);
  }

  /** The face for Java2D, bold by the renderer's emboldening, at this size. */
  static Font awtBold(float size) {
    return AWT.deriveFont(Font.BOLD, size);
  }

  /** The face embedded (as a subset) into {@code document}. */
  static PDType0Font pdf(PDDocument document) throws IOException {
    try (InputStream in = open()) {
      return PDType0Font.load(document, in, true);
    }
  }

  private static InputStream open() {
    InputStream in = Fonts.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("PDFBox's font " + RESOURCE + " is not on the class path");
    }
    return in;
  }

  private static Font loadAwt() {
    try (InputStream in = open()) {
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
