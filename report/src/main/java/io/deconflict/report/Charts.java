package io.deconflict.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The review's charts, drawn by JFreeChart into images: acknowledgement times per party, conflicts
 * by weekday and hour (a heat map), lead times. Every chart draws on an empty week too, with a "no
 * data" line instead of bars. Sizes are in points; {@code scale} is pixels per point.
 */
final class Charts {

  static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final Color[] PARTY_COLOURS = {
    new Color(0x1f5fbf),
    new Color(0xc0392b),
    new Color(0x8e44ad),
    new Color(0x16a085),
    new Color(0xd35400),
    new Color(0x2c3e50),
    new Color(0x7f8c8d)
  };

  private Charts() {}

  /** Acknowledgement times of each party's alerts, counted into {@link Bins#ACKNOWLEDGEMENT}. */
  static BufferedImage acknowledgement(
      Map<String, List<Double>> secondsByParty, int width, int height, float scale) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    boolean any = false;
    for (var e : secondsByParty.entrySet()) {
      int[] counts = Bins.ACKNOWLEDGEMENT.count(e.getValue());
      for (int i = 0; i < counts.length; i++) {
        data.addValue(
            counts[i],
            e.getKey().toUpperCase(java.util.Locale.ROOT),
            Bins.ACKNOWLEDGEMENT.labels().get(i));
      }
      any |= !e.getValue().isEmpty();
    }
    if (!any) {
      data.clear();
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Acknowledgement times", "raise to acknowledgement", "alerts", data);
    bars(chart, "No alert was acknowledged this week.");
    return image(chart, width, height, scale);
  }

  /** Conflicts by lead time, counted into {@link Bins#LEAD}. */
  static BufferedImage lead(List<Double> leadSeconds, int width, int height, float scale) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    if (!leadSeconds.isEmpty()) {
      int[] counts = Bins.LEAD.count(leadSeconds);
      for (int i = 0; i < counts.length; i++) {
        data.addValue(counts[i], "conflicts", Bins.LEAD.labels().get(i));
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Lead times", "conflict start minus first alert", "conflicts", data);
    bars(chart, "No conflict this week.");
    chart.removeLegend();
    return image(chart, width, height, scale);
  }

  /**
   * Conflicts by weekday (rows, Monday first) and hour of day UTC (columns).
   *
   * @param counts {@code counts[day][hour]}, 7 × 24
   */
  static BufferedImage dayHour(int[][] counts, int width, int height, float scale) {
    int max = 0;
    double[] x = new double[7 * 24];
    double[] y = new double[7 * 24];
    double[] z = new double[7 * 24];
    for (int d = 0; d < 7; d++) {
      for (int h = 0; h < 24; h++) {
        int i = d * 24 + h;
        x[i] = h;
        y[i] = d;
        z[i] = counts[d][h];
        max = Math.max(max, counts[d][h]);
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("conflicts", new double[][] {x, y, z});
    NumberAxis hours = new NumberAxis("hour of day (UTC)");
    hours.setRange(-0.5, 23.5);
    hours.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    SymbolAxis days = new SymbolAxis(null, DAYS);
    days.setInverted(true);
    days.setRange(-0.5, 6.5);
    days.setGridBandsVisible(false);
    XYBlockRenderer renderer = new XYBlockRenderer();
    LookupPaintScale paints = new LookupPaintScale(0, Math.max(max, 1) + 1, new Color(0xf4f4f4));
    paints.add(0.5, new Color(0xfcae91));
    paints.add(1.5, new Color(0xfb6a4a));
    paints.add(2.5, new Color(0xde2d26));
    paints.add(4.5, new Color(0xa50f15));
    renderer.setPaintScale(paints);
    XYPlot plot = new XYPlot(data, hours, days, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart =
        new JFreeChart(
            max == 0 ? "Conflicts by day and hour: none this week" : "Conflicts by day and hour",
            plot);
    chart.removeLegend();
    NumberAxis legendAxis = new NumberAxis("conflicts");
    legendAxis.setRange(0, Math.max(max, 1) + 1);
    legendAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    PaintScaleLegend legend = new PaintScaleLegend(paints, legendAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setStripWidth(10);
    legend.setMargin(4, 4, 4, 4);
    chart.addSubtitle(legend);
    theme().apply(chart);
    return image(chart, width, height, scale);
  }

  private static void bars(JFreeChart chart, String noData) {
    theme().apply(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setNoDataMessage(noData);
    plot.setNoDataMessageFont(Fonts.awt(11));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xcccccc));
    plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0.05);
    for (int i = 0; i < PARTY_COLOURS.length; i++) {
      r.setSeriesPaint(i, PARTY_COLOURS[i]);
    }
    if (chart.getLegend() != null) {
      chart.getLegend().setFrame(BlockBorder.NONE);
    }
  }

  private static StandardChartTheme theme() {
    StandardChartTheme t = new StandardChartTheme("review");
    t.setExtraLargeFont(Fonts.awtBold(13));
    t.setLargeFont(Fonts.awt(11));
    t.setRegularFont(Fonts.awt(9));
    t.setSmallFont(Fonts.awt(8));
    t.setChartBackgroundPaint(Color.WHITE);
    t.setPlotBackgroundPaint(Color.WHITE);
    return t;
  }

  private static BufferedImage image(JFreeChart chart, int width, int height, float scale) {
    BufferedImage image =
        new BufferedImage(
            Math.round(width * scale), Math.round(height * scale), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(scale, scale);
      chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    } finally {
      g.dispose();
    }
    return image;
  }
}
