package io.deconflict.report;

import java.awt.geom.Point2D;
import java.util.List;

/**
 * The window of a map image: spherical Web Mercator (EPSG:3857, the projection of the web map's
 * Leaflet) scaled and centred so that every given position fits with a margin, north up, the same
 * scale on both axes. Positions are {@code [lon, lat]} in degrees; pixels have their origin at the
 * top left. Immutable.
 */
final class MapFrame {

  /** The smallest width and height of the window, in metres at its centre (a lone place). */
  static final double MIN_SPAN_METERS = 40_000;

  private static final double EARTH_CIRCUMFERENCE_METERS = 40_075_016.686;
  private static final double MAX_LAT = 85.05112878;

  private final double centreX;
  private final double centreY;
  private final double pixelsPerUnit;
  private final int width;
  private final int height;

  private MapFrame(double centreX, double centreY, double pixelsPerUnit, int width, int height) {
    this.centreX = centreX;
    this.centreY = centreY;
    this.pixelsPerUnit = pixelsPerUnit;
    this.width = width;
    this.height = height;
  }

  /**
   * The frame of {@code width} × {@code height} pixels that shows every position with a tenth of
   * the span to spare on each side.
   *
   * @throws IllegalArgumentException when there are no positions or the size is not positive
   */
  static MapFrame fit(List<double[]> positions, int width, int height) {
    if (positions.isEmpty()) {
      throw new IllegalArgumentException("a map frame needs at least one position");
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "a map frame needs a positive size, not " + width + "x" + height);
    }
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (double[] p : positions) {
      double x = x(p[0]);
      double y = y(p[1]);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    double cx = (minX + maxX) / 2;
    double cy = (minY + maxY) / 2;
    double lat = lat(cy);
    double minSpan = MIN_SPAN_METERS / (EARTH_CIRCUMFERENCE_METERS * Math.cos(Math.toRadians(lat)));
    double spanX = Math.max((maxX - minX) * 1.2, minSpan);
    double spanY = Math.max((maxY - minY) * 1.2, minSpan);
    double scale = Math.min(width / spanX, height / spanY);
    return new MapFrame(cx, cy, scale, width, height);
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** The pixel of {@code lon, lat} (may lie outside the image). */
  Point2D pixel(double lon, double lat) {
    return new Point2D.Double(
        (x(lon) - centreX) * pixelsPerUnit + width / 2.0,
        (y(lat) - centreY) * pixelsPerUnit + height / 2.0);
  }

  /** The frame's extent in degrees: {@code {west, south, east, north}}. */
  double[] bounds() {
    double halfX = width / 2.0 / pixelsPerUnit;
    double halfY = height / 2.0 / pixelsPerUnit;
    return new double[] {
      lon(centreX - halfX), lat(centreY + halfY), lon(centreX + halfX), lat(centreY - halfY)
    };
  }

  /** Metres on the ground per pixel at the frame's centre. */
  double metersPerPixel() {
    return EARTH_CIRCUMFERENCE_METERS * Math.cos(Math.toRadians(lat(centreY))) / pixelsPerUnit;
  }

  private static double x(double lon) {
    return (lon + 180) / 360;
  }

  private static double y(double lat) {
    double clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
    double phi = Math.toRadians(clamped);
    return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2;
  }

  private static double lon(double x) {
    return x * 360 - 180;
  }

  private static double lat(double y) {
    return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * y))));
  }
}
