package io.deconflict.cli.check;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on standard error, such as {@code checking [#######.............] 35% 7,000 /
 * 20,000 items}.
 *
 * <p>It draws nothing when disabled (standard error is not a terminal) or until {@link
 * #DELAY_NANOS} have passed since the run started, so quick runs and CI logs stay clean. It redraws
 * at most every {@link #REDRAW_NANOS}. Not thread-safe.
 */
final class Progress {

  /** How long a run goes before the bar appears: 1 s. */
  static final long DELAY_NANOS = 1_000_000_000L;

  /** Least time between two redraws: 0.2 s. */
  static final long REDRAW_NANOS = 200_000_000L;

  private static final int BAR_WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private long lastDrawNanos;
  private int drawnWidth;

  /**
   * Creates a bar for a run that started at {@code startNanos} on the clock {@code nanoTime}.
   *
   * @param enabled whether to draw at all
   */
  Progress(PrintWriter err, boolean enabled, LongSupplier nanoTime, long startNanos) {
    this.err = err;
    this.enabled = enabled;
    this.nanoTime = nanoTime;
    this.startNanos = startNanos;
  }

  /**
   * Reports that {@code done} of {@code total} units are done; draws if it is time to.
   *
   * @param phase what is being done, e.g. {@code checking}
   * @param total the whole amount, or 0 if unknown
   * @param unit what is counted, e.g. {@code items}; {@code MiB} counts bytes shown in MiB
   */
  synchronized void update(String phase, long done, long total, String unit) {
    if (!enabled) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - startNanos < DELAY_NANOS
        || (drawnWidth > 0 && now - lastDrawNanos < REDRAW_NANOS && done < total)) {
      return;
    }
    lastDrawNanos = now;
    draw(line(phase, done, total, unit));
  }

  /** Erases the bar, if one was drawn, so that later output starts on a clean line. */
  synchronized void finish() {
    if (drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      err.flush();
      drawnWidth = 0;
    }
  }

  /** The text of the bar. */
  static String line(String phase, long done, long total, String unit) {
    boolean bytes = unit.equals("MiB");
    String count = bytes ? mebibytes(done) : String.format(Locale.ROOT, "%,d", done);
    if (total <= 0) {
      return phase + " " + count + " " + unit;
    }
    double fraction = Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    String of = bytes ? mebibytes(total) : String.format(Locale.ROOT, "%,d", total);
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %3d%% %s / %s %s",
        phase,
        "#".repeat(filled),
        ".".repeat(BAR_WIDTH - filled),
        Math.round(fraction * 100),
        count,
        of,
        unit);
  }

  private void draw(String line) {
    String padding = " ".repeat(Math.max(0, drawnWidth - line.length()));
    err.print("\r" + line + padding);
    err.flush();
    drawnWidth = line.length();
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%,d", bytes >> 20);
  }
}
