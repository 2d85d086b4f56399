package io.deconflict.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.awt.ShapeWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * The review's map drawn offline: the base map (country areas in the web map's alternating shades,
 * borders, roads, labelled places; web/src/map.js) and over it the week's conflicts (red discs) and
 * incidents (orange triangles, the web legend's ▲), in a frame fitted to them. JTS's {@link
 * ShapeWriter} turns geometries into Java2D shapes through the frame's projection; nothing is
 * fetched. Geometries outside the frame are skipped by envelope first, so a frame over one province
 * draws a few countries, not 240.
 */
final class MapImage {

  /** What the map marks. */
  enum Kind {
    CONFLICT,
    INCIDENT
  }

  /** One mark: a conflict or an incident at {@code lon, lat}, labelled with its id. */
  record Mark(Kind kind, String id, double lon, double lat) {}

  static final Color CONFLICT = new Color(0xd6, 0x27, 0x28);
  static final Color INCIDENT = new Color(0xe6, 0x7e, 0x22);
  static final Color SEA = new Color(0xd4, 0xe3, 0xec);
  private static final Color[] SHADES = {
    new Color(0xf3efe4), new Color(0xebe6d6), new Color(0xefe9dc), new Color(0xe6e1d0)
  };
  private static final Color BORDER = new Color(0x7d7262);
  private static final Color ROAD = new Color(0xa8, 0x9a, 0x84, 191);
  private static final Color PLACE = new Color(0x333333);
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private MapImage() {}

  /**
   * The map of {@code marks} on {@code ground}, {@code frame.width()} × {@code frame.height()}
   * pixels; {@code scale} multiplies line widths and type sizes (2 for a sharp print).
   */
  static BufferedImage draw(BaseMap ground, List<Mark> marks, MapFrame frame, float scale) {
    BufferedImage image =
        new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(SEA);
      g.fillRect(0, 0, frame.width(), frame.height());
      double[] b = frame.bounds();
      Envelope window = new Envelope(b[0], b[2], b[1], b[3]);
      ShapeWriter shapes =
          new ShapeWriter(
              (Coordinate src, Point2D dest) -> dest.setLocation(frame.pixel(src.x, src.y)));
      countries(g, ground, window, shapes, scale);
      roads(g, ground, window, shapes, scale);
      places(g, ground, window, frame, scale);
      countryNames(g, ground, window, frame, scale);
      marks(g, marks, frame, scale);
      scaleBar(g, frame, scale);
      g.setFont(Fonts.awt(9 * scale));
      g.setColor(PLACE);
      String credit = "Borders: Natural Earth (world-atlas)";
      FontMetrics fm = g.getFontMetrics();
      g.drawString(
          credit, frame.width() - fm.stringWidth(credit) - 6 * scale, frame.height() - 6 * scale);
      g.setColor(BORDER);
      g.setStroke(new BasicStroke(scale));
      g.drawRect(0, 0, frame.width() - 1, frame.height() - 1);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void countries(
      Graphics2D g, BaseMap ground, Envelope window, ShapeWriter shapes, float scale) {
    for (TopoJson.Shape c : ground.countries()) {
      if (!c.geometry().getEnvelopeInternal().intersects(window)) {
        continue;
      }
      Shape s = shapes.toShape(c.geometry());
      g.setColor(SHADES[Math.floorMod(c.id(), SHADES.length)]);
      g.fill(s);
      g.setColor(BORDER);
      g.setStroke(new BasicStroke(1.4f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(s);
    }
  }

  private static void roads(
      Graphics2D g, BaseMap ground, Envelope window, ShapeWriter shapes, float scale) {
    g.setColor(ROAD);
    for (BaseMap.Line line : ground.lines()) {
      if (!line.geometry().getEnvelopeInternal().intersects(window)) {
        continue;
      }
      g.setStroke(
          new BasicStroke(
              (line.major() ? 3.5f : 2.5f) * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(shapes.toShape(line.geometry()));
    }
  }

  private static void places(
      Graphics2D g, BaseMap ground, Envelope window, MapFrame frame, float scale) {
    g.setFont(Fonts.awt(10 * scale));
    for (BaseMap.Place p : ground.places()) {
      if (!window.contains(p.lon(), p.lat())) {
        continue;
      }
      Point2D at = frame.pixel(p.lon(), p.lat());
      double r = 3 * scale;
      g.setColor(PLACE);
      g.fill(new Ellipse2D.Double(at.getX() - r, at.getY() - r, 2 * r, 2 * r));
      halo(g, p.name(), (float) (at.getX() + 5 * scale), (float) (at.getY() + 4 * scale), scale);
    }
  }

  private static void countryNames(
      Graphics2D g, BaseMap ground, Envelope window, MapFrame frame, float scale) {
    Geometry frameBox = GEOMETRY.toGeometry(window);
    double frameArea = window.getArea();
    g.setFont(Fonts.awt(11 * scale));
    for (TopoJson.Shape c : ground.countries()) {
      if (c.name().isEmpty() || !c.geometry().getEnvelopeInternal().intersects(window)) {
        continue;
      }
      Geometry visible;
      try {
        visible = c.geometry().intersection(frameBox);
      } catch (RuntimeException e) {
        continue; // a topology exception of one country's geometry costs its label, nothing else
      }
      if (visible.isEmpty() || visible.getArea() < frameArea * 0.04) {
        continue;
      }
      Point inside = visible.getInteriorPoint();
      Point2D at = frame.pixel(inside.getX(), inside.getY());
      String name = c.name().toUpperCase(java.util.Locale.ROOT);
      FontMetrics fm = g.getFontMetrics();
      g.setColor(new Color(0x8a7f6c));
      g.drawString(name, (float) (at.getX() - fm.stringWidth(name) / 2.0), (float) at.getY());
    }
  }

  private static void marks(Graphics2D g, List<Mark> marks, MapFrame frame, float scale) {
    List<Mark> ordered = new ArrayList<>(marks);
    // incidents under conflicts: a conflict's disc stays readable where both are at one place
    ordered.sort((a, b) -> b.kind().compareTo(a.kind()));
    g.setFont(Fonts.awtBold(10 * scale));
    for (Mark m : ordered) {
      Point2D at = frame.pixel(m.lon(), m.lat());
      double x = at.getX();
      double y = at.getY();
      Shape s;
      if (m.kind() == Kind.CONFLICT) {
        double r = 7 * scale;
        s = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        g.setColor(CONFLICT);
      } else {
        double r = 8 * scale;
        Path2D.Double t = new Path2D.Double();
        t.moveTo(x, y - r);
        t.lineTo(x + r, y + r * 0.75);
        t.lineTo(x - r, y + r * 0.75);
        t.closePath();
        s = t;
        g.setColor(INCIDENT);
      }
      g.fill(s);
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke(1.5f * scale));
      g.draw(s);
      halo(g, m.id(), (float) (x + 10 * scale), (float) (y - 6 * scale), scale);
    }
  }

  private static void scaleBar(Graphics2D g, MapFrame frame, float scale) {
    double metersPerPixel = frame.metersPerPixel();
    double target = 120 * scale * metersPerPixel;
    double step = Math.pow(10, Math.floor(Math.log10(target)));
    double meters = target / step >= 5 ? 5 * step : target / step >= 2 ? 2 * step : step;
    double pixels = meters / metersPerPixel;
    float x = 10 * scale;
    float y = frame.height() - 12 * scale;
    g.setColor(PLACE);
    g.setStroke(new BasicStroke(2 * scale));
    g.draw(new java.awt.geom.Line2D.Double(x, y, x + pixels, y));
    g.draw(new java.awt.geom.Line2D.Double(x, y - 4 * scale, x, y));
    g.draw(new java.awt.geom.Line2D.Double(x + pixels, y - 4 * scale, x + pixels, y));
    g.setFont(Fonts.awt(9 * scale));
    String label = meters >= 1000 ? (long) (meters / 1000) + " km" : (long) meters + " m";
    halo(g, label, x, y - 5 * scale, scale);
  }

  /** Text with a light outline, readable over any ground. */
  private static void halo(Graphics2D g, String text, float x, float y, float scale) {
    if (text.isEmpty()) {
      return;
    }
    java.awt.font.GlyphVector v = g.getFont().createGlyphVector(g.getFontRenderContext(), text);
    Shape outline = v.getOutline(x, y);
    g.setColor(new Color(255, 255, 255, 210));
    g.setStroke(new BasicStroke(3 * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(outline);
    g.setColor(PLACE);
    g.fill(outline);
  }
}
