package io.deconflict.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final StringWriter err = new StringWriter();
  private long now;

  @Test
  void drawsNothingWhenNotATerminal() {
    Progress progress = new Progress(new PrintWriter(err), false, () -> now, 0);
    now = 10 * Progress.DELAY_NANOS;

    progress.update("checking", 1, 2, "items");
    progress.finish();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void drawsNothingInTheFirstSecond() {
    Progress progress = new Progress(new PrintWriter(err), true, () -> now, 0);
    now = Progress.DELAY_NANOS - 1;

    progress.update("checking", 1, 2, "items");
    progress.finish();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void drawsAfterASecondAndErasesItselfAtTheEnd() {
    Progress progress = new Progress(new PrintWriter(err), true, () -> now, 0);
    now = Progress.DELAY_NANOS;

    progress.update("checking", 2_000, 8_000, "items");
    String bar = "checking [########......................]  25% 2,000 / 8,000 items";
    assertThat(err.toString()).isEqualTo("\r" + bar);

    progress.update("checking", 4_000, 8_000, "items");
    assertThat(err.toString()).isEqualTo("\r" + bar);

    now += Progress.REDRAW_NANOS;
    progress.update("checking", 4_000, 8_000, "items");
    progress.finish();
    assertThat(err.toString()).endsWith("\r" + " ".repeat(bar.length()) + "\r");
  }

  @Test
  void showsBytesInMebibytesAndUnknownTotalsAsACount() {
    assertThat(Progress.line("reading", 3L << 20, 0, "MiB")).isEqualTo("reading 3 MiB");
    assertThat(Progress.line("reading", 512L << 20, 1L << 30, "MiB"))
        .isEqualTo("reading [###############...............]  50% 512 / 1,024 MiB");
  }
}
