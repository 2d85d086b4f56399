package io.deconflict.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Processor time spent during a measured window, by group of threads, in nanoseconds.
 *
 * @param windowNanos the window's wall time
 * @param processNanos the whole JVM (every thread, garbage collectors and compilers included), or
 *     -1 if the JVM does not report it
 * @param byGroup processor time of each group of Java threads, by label
 * @param allocatedByGroup bytes each group of Java threads allocated (empty if the JVM does not
 *     report it)
 * @param gcCount garbage collections during the window
 * @param gcMillis time the collectors report for them (for G1's young and mixed collections, their
 *     pauses)
 */
record CpuUse(
    long windowNanos,
    long processNanos,
    Map<String, Long> byGroup,
    Map<String, Long> allocatedByGroup,
    long gcCount,
    long gcMillis) {

  /** A group's share of one core over the window. */
  double cores(String label) {
    return byGroup.getOrDefault(label, 0L) / (double) windowNanos;
  }

  /** Processor time of the JVM outside its Java threads (collectors, compilers), or -1. */
  long restOfJvmNanos() {
    if (processNanos < 0) {
      return -1;
    }
    long javaThreads = 0;
    for (long nanos : byGroup.values()) {
      javaThreads += nanos;
    }
    return processNanos - javaThreads;
  }

  /** The sentence under a processor-time table that counts the collections. */
  String collections() {
    return String.format(
        Locale.ROOT,
        "Garbage collections during the window: %d, %,d ms reported by the collectors.",
        gcCount,
        gcMillis);
  }

  /** Processor time so far: per live thread, the whole process, and the collectors. */
  record Snapshot(
      long nanoTime,
      Map<Long, Long> threadNanos,
      Map<Long, Long> threadBytes,
      Map<Long, String> threadNames,
      long process,
      long gcCount,
      long gcMillis) {

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
    static Snapshot take() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<Long, Long> cpu = new HashMap<>();
      Map<Long, Long> bytes = new HashMap<>();
      Map<Long, String> names = new HashMap<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        long id = t.getId();
        long nanos = threads.getThreadCpuTime(id);
        if (nanos >= 0) {
          cpu.put(id, nanos);
          names.put(id, t.getName());
          if (threads instanceof com.sun.management.ThreadMXBean sun) {
            long allocated = sun.getThreadAllocatedBytes(id);
            if (allocated >= 0) {
              bytes.put(id, allocated);
            }
          }
        }
      }
      long gcCount = 0;
      long gcMillis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcCount += Math.max(0, gc.getCollectionCount());
        gcMillis += Math.max(0, gc.getCollectionTime());
      }
      long process = -1;
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        process = os.getProcessCpuTime();
      }
      return new Snapshot(System.nanoTime(), cpu, bytes, names, process, gcCount, gcMillis);
    }

    /**
     * What was spent between {@code start} and this snapshot, by group of threads: {@code groups}
     * maps thread name prefixes to labels; other threads go to "other Java threads".
     */
    CpuUse since(Snapshot start, Map<String, String> groups) {
      Map<String, Long> byGroup = new TreeMap<>();
      Map<String, Long> allocated = new TreeMap<>();
      for (Map.Entry<Long, Long> e : threadNanos.entrySet()) {
        String name = threadNames.getOrDefault(e.getKey(), "");
        String label = "other Java threads";
        for (Map.Entry<String, String> g : groups.entrySet()) {
          if (name.startsWith(g.getKey())) {
            label = g.getValue();
            break;
          }
        }
        long spent = e.getValue() - start.threadNanos().getOrDefault(e.getKey(), 0L);
        byGroup.merge(label, spent, Long::sum);
        Long bytes = threadBytes.get(e.getKey());
        if (bytes != null) {
          allocated.merge(
              label, bytes - start.threadBytes().getOrDefault(e.getKey(), 0L), Long::sum);
        }
      }
      return new CpuUse(
          nanoTime - start.nanoTime(),
          process < 0 || start.process() < 0 ? -1 : process - start.process(),
          byGroup,
          allocated,
          gcCount - start.gcCount(),
          gcMillis - start.gcMillis());
    }
  }
}
