package io.deconflict.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.jspecify.annotations.Nullable;

/**
 * A top-to-bottom writer of A4 pages: headings, paragraphs, tables that wrap their cells and break
 * across pages repeating their header, and images, all in one embedded font so that every word
 * stays real, extractable text. Coordinates are PDF points (1/72 in), origin at the bottom left.
 * Not thread-safe; one instance writes one document.
 */
final class Layout implements AutoCloseable {

  static final PDRectangle PAGE = PDRectangle.A4;
  static final float MARGIN = 42;
  static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
  private static final float FOOTER = 24;
  private static final Color INK = new Color(0x222222);
  private static final Color HEADING = new Color(0x1f3f6f);
  private static final Color RULE = new Color(0xbbbbbb);
  private static final Color HEADER_FILL = new Color(0xe8edf3);

  private final PDDocument document = new PDDocument();
  private final PDType0Font font;
  private final String footer;
  private final Map<Integer, Boolean> printable = new HashMap<>();
  private @Nullable PDPageContentStream content;
  private float y;
  private int pages;

  Layout(String footer) throws IOException {
    this.font = Fonts.pdf(document);
    this.footer = footer;
  }

  /** Starts a new page. */
  void newPage() throws IOException {
    if (content != null) {
      content.close();
    }
    PDPage page = new PDPage(PAGE);
    document.addPage(page);
    pages++;
    content = new PDPageContentStream(document, page);
    y = PAGE.getHeight() - MARGIN;
    write(footer + " · page " + pages, MARGIN, FOOTER, 7.5f, RULE.darker());
  }

  /** The number of the page being written (1 for the first). */
  int page() {
    return pages;
  }

  /** The vertical position of the next line's top, in points from the page's bottom. */
  float cursor() {
    return y;
  }

  void space(float points) {
    y -= points;
  }

  /** Moves to a new page unless {@code height} points still fit on this one. */
  void need(float height) throws IOException {
    if (content == null || y - height < MARGIN + FOOTER) {
      newPage();
    }
  }

  void title(String text) throws IOException {
    paragraph(text, 17, HEADING);
    space(4);
  }

  void heading(String text) throws IOException {
    need(60);
    space(8);
    paragraph(text, 12.5f, HEADING);
    PDPageContentStream c = stream();
    c.setStrokingColor(RULE);
    c.setLineWidth(0.6f);
    c.moveTo(MARGIN, y + 2);
    c.lineTo(MARGIN + WIDTH, y + 2);
    c.stroke();
    space(5);
  }

  void text(String text) throws IOException {
    paragraph(text, 9.5f, INK);
  }

  void note(String text) throws IOException {
    paragraph(text, 8.5f, new Color(0x555555));
  }

  /** A paragraph wrapped to the text width. */
  void paragraph(String text, float size, Color colour) throws IOException {
    for (String line : wrap(text, size, WIDTH)) {
      need(size * 1.35f);
      y -= size * 1.35f;
      write(line, MARGIN, y + size * 0.3f, size, colour);
    }
  }

  /**
   * A table: a shaded header row, then the rows, each cell wrapped to its column; a row that does
   * not fit moves to a new page under a repeated header.
   *
   * @param widths each column's share of the text width (they need not add up to 1)
   */
  void table(List<String> headers, float[] widths, List<List<String>> rows) throws IOException {
    float total = 0;
    for (float w : widths) {
      total += w;
    }
    float[] columns = new float[widths.length];
    for (int i = 0; i < widths.length; i++) {
      columns[i] = WIDTH * widths[i] / total;
    }
    float size = 8.5f;
    row(headers, columns, size, true);
    for (List<String> r : rows) {
      if (rowHeight(r, columns, size) > y - MARGIN - FOOTER) {
        newPage();
        row(headers, columns, size, true);
      }
      row(r, columns, size, false);
    }
    space(6);
  }

  /** A two-column table of names and values. */
  void facts(List<List<String>> pairs) throws IOException {
    for (List<String> p : pairs) {
      need(14);
      float rowTop = y;
      List<String> value = wrap(p.get(1), 9.5f, WIDTH * 0.68f);
      write(p.get(0), MARGIN, rowTop - 10, 9.5f, new Color(0x555555));
      for (int i = 0; i < value.size(); i++) {
        write(value.get(i), MARGIN + WIDTH * 0.3f, rowTop - 10 - i * 12.5f, 9.5f, INK);
      }
      y -= Math.max(1, value.size()) * 12.5f + 1;
    }
    space(4);
  }

  /**
   * An image of {@code width} × {@code height} points at the left margin.
   *
   * @return where it was placed, in points on its page
   */
  PDRectangle image(BufferedImage image, float width, float height) throws IOException {
    need(height + 4);
    PDImageXObject x = LosslessFactory.createFromImage(document, image);
    y -= height;
    stream().drawImage(x, MARGIN, y, width, height);
    PDRectangle placed = new PDRectangle(MARGIN, y, width, height);
    space(6);
    return placed;
  }

  /**
   * The document's bytes.
   *
   * @param identity what the document is made from: its file identifier (the trailer's /ID) is
   *     derived from it, so the same input writes the same bytes (PDFBox would otherwise hash the
   *     clock into it)
   */
  byte[] finish(byte[] identity) throws IOException {
    if (content == null) {
      newPage();
    }
    stream().close();
    content = null;
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("MD5").digest(identity);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this Java runtime", e);
    }
    COSArray id = new COSArray();
    id.add(new COSString(digest));
    id.add(new COSString(digest));
    document.getDocument().getTrailer().setItem(COSName.ID, id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.save(out);
    return out.toByteArray();
  }

  @Override
  public void close() throws IOException {
    document.close();
  }

  private void row(List<String> cells, float[] columns, float size, boolean header)
      throws IOException {
    float height = rowHeight(cells, columns, size);
    need(height);
    PDPageContentStream c = stream();
    if (header) {
      c.setNonStrokingColor(HEADER_FILL);
      c.addRect(MARGIN, y - height, WIDTH, height);
      c.fill();
    }
    float x = MARGIN;
    for (int i = 0; i < columns.length; i++) {
      List<String> lines = wrap(i < cells.size() ? cells.get(i) : "", size, columns[i] - 6);
      for (int k = 0; k < lines.size(); k++) {
        write(lines.get(k), x + 3, y - 3 - size - k * size * 1.25f, size, header ? HEADING : INK);
      }
      x += columns[i];
    }
    y -= height;
    c.setStrokingColor(RULE);
    c.setLineWidth(0.4f);
    c.moveTo(MARGIN, y);
    c.lineTo(MARGIN + WIDTH, y);
    c.stroke();
  }

  private float rowHeight(List<String> cells, float[] columns, float size) throws IOException {
    int lines = 1;
    for (int i = 0; i < columns.length && i < cells.size(); i++) {
      lines = Math.max(lines, wrap(cells.get(i), size, columns[i] - 6).size());
    }
    return lines * size * 1.25f + 6;
  }

  private PDPageContentStream stream() throws IOException {
    if (content == null) {
      newPage();
    }
    return java.util.Objects.requireNonNull(content);
  }

  private void write(String text, float x, float baseline, float size, Color colour)
      throws IOException {
    if (text.isEmpty()) {
      return;
    }
    PDPageContentStream c = java.util.Objects.requireNonNull(content);
    c.beginText();
    c.setFont(font, size);
    c.setNonStrokingColor(colour);
    c.newLineAtOffset(x, baseline);
    c.showText(text);
    c.endText();
  }

  /** {@code text} in lines no wider than {@code width} points; characters the font lacks as "?". */
  List<String> wrap(String text, float size, float width) throws IOException {
    List<String> out = new ArrayList<>();
    for (String paragraph : printable(text).split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (width(candidate, size) <= width || line.length() == 0) {
          line.setLength(0);
          line.append(candidate);
        } else {
          out.add(line.toString());
          line.setLength(0);
          line.append(word);
        }
        while (width(line.toString(), size) > width && line.length() > 1) {
          int cut = line.length() - 1;
          while (cut > 1 && width(line.substring(0, cut), size) > width) {
            cut--;
          }
          out.add(line.substring(0, cut));
          line.delete(0, cut);
        }
      }
      out.add(line.toString());
    }
    return out;
  }

  private float width(String s, float size) throws IOException {
    return font.getStringWidth(s) / 1000 * size;
  }

  private String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == '\n') {
                out.append('\n');
              } else if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
              } else if (printable.computeIfAbsent(cp, this::hasGlyph)) {
                out.appendCodePoint(cp);
              } else {
                out.append('?');
              }
            });
    return out.toString();
  }

  private boolean hasGlyph(int codePoint) {
    try {
      font.encode(new String(Character.toChars(codePoint)));
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
