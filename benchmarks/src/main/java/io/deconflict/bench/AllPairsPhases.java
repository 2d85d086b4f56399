package io.deconflict.bench;

import io.deconflict.engine.conflict.ConflictSearch;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Item;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * Where the processor time of all pairs goes: one run on the calling thread, its thread's processor
 * time (not the wall clock, which a busy machine stretches) taken around each phase of the search.
 *
 * @param load seconds of {@code load}
 * @param parts seconds of every part (the sweep)
 * @param groups seconds of every group (merging each pair's pieces into conflicts, and sites and
 *     zones)
 * @param order seconds of the global order ({@code chunks()})
 * @param chunks seconds of every chunk (conflicts as objects, in output order)
 * @param conflicts conflicts found
 */
record AllPairsPhases(
    double load, double parts, double groups, double order, double chunks, long conflicts) {

  /** Runs all pairs of {@code items} once on this thread. */
  static AllPairsPhases measure(List<Item> items) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long t0 = threads.getCurrentThreadCpuTime();
    Detector detector = Detectors.indexed();
    detector.load(items);
    long t1 = threads.getCurrentThreadCpuTime();
    ConflictSearch search = detector.search(1);
    for (int p = 0; p < search.parts(); p++) {
      search.search(p);
    }
    long t2 = threads.getCurrentThreadCpuTime();
    for (int g = 0; g < search.groups(); g++) {
      search.prepare(g);
    }
    long t3 = threads.getCurrentThreadCpuTime();
    int chunks = search.chunks();
    long t4 = threads.getCurrentThreadCpuTime();
    long conflicts = 0;
    for (int c = 0; c < chunks; c++) {
      conflicts += search.chunk(c).size();
    }
    long t5 = threads.getCurrentThreadCpuTime();
    return new AllPairsPhases(
        seconds(t1 - t0),
        seconds(t2 - t1),
        seconds(t3 - t2),
        seconds(t4 - t3),
        seconds(t5 - t4),
        conflicts);
  }

  double total() {
    return load + parts + groups + order + chunks;
  }

  /** A row of the phases table for {@code n} movements. */
  String row(String n) {
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |",
        n,
        conflicts,
        load,
        parts,
        groups,
        order,
        chunks,
        total(),
        conflicts == 0 ? 0 : total() * 1e6 / conflicts);
  }

  static final String HEADER =
      "| N movements | conflicts | load | parts (sweep) | groups (merge, statics) | order"
          + " | chunks (objects) | total | µs per conflict |\n"
          + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
