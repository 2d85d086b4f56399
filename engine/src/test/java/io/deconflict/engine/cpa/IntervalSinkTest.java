package io.deconflict.engine.cpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntervalSinkTest {

  private record Span(double start, double end, double d2, double time) {}

  @Test
  void mergeTouchingEqualsAStableSortAndMergeOnSeededSpans() {
    SplittableRandom random = new SplittableRandom(20261207);
    for (int round = 0; round < 2_000; round++) {
      int n = 1 + random.nextInt(12);
      List<Span> spans = new ArrayList<>();
      double t = random.nextInt(100);
      for (int i = 0; i < n; i++) {
        // Whole numbers, so that ties in start, end and distance are frequent.
        double start = round % 2 == 0 ? t + random.nextInt(3) : random.nextInt(40);
        double end = start + random.nextInt(4);
        spans.add(new Span(start, end, random.nextInt(3), random.nextInt(50)));
        t = end;
      }
      IntervalSink sink = new IntervalSink();
      spans.forEach(s -> sink.add(s.start(), s.end(), s.d2(), s.time()));

      sink.mergeTouching(0.5);

      List<Span> expected = reference(spans, 0.5);
      List<Span> actual = new ArrayList<>();
      for (int i = 0; i < sink.size(); i++) {
        actual.add(new Span(sink.start(i), sink.end(i), sink.minD2(i), sink.minTime(i)));
      }
      assertThat(actual).as("round %d: %s", round, spans).isEqualTo(expected);
    }
  }

  /**
   * Sort by start then end (stable), merge overlapping or touching, keep the nearest (earliest).
   */
  private static List<Span> reference(List<Span> spans, double gap) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingDouble(Span::start).thenComparingDouble(Span::end));
    List<Span> out = new ArrayList<>();
    for (Span s : sorted) {
      if (!out.isEmpty() && s.start() <= out.get(out.size() - 1).end() + gap) {
        Span last = out.remove(out.size() - 1);
        boolean nearer = s.d2() < last.d2() || (s.d2() == last.d2() && s.time() < last.time());
        out.add(
            new Span(
                last.start(),
                Math.max(last.end(), s.end()),
                nearer ? s.d2() : last.d2(),
                nearer ? s.time() : last.time()));
      } else {
        out.add(s);
      }
    }
    return out;
  }
}
