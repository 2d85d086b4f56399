package io.deconflict.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A benchmark's progress lines on its log (standard error), stamped with the seconds since the run
 * started, and the notes that go under its tables. Thread-safe.
 */
final class BenchLog {

  private final PrintStream log;
  private final long startNanos = System.nanoTime();
  private final List<String> notes = new CopyOnWriteArrayList<>();

  BenchLog(PrintStream log) {
    this.log = log;
  }

  /** A progress line: {@code [ 12.3 s] what}. */
  void progress(String format, Object... args) {
    log.printf(
        Locale.ROOT, "[%7.1f s] %s%n", elapsedSeconds(), String.format(Locale.ROOT, format, args));
  }

  /** A line as it is, without the time. */
  void println(String line) {
    log.println(line);
  }

  /** Seconds since the run started. */
  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** A note for the run's report. */
  void note(String note) {
    notes.add(note);
  }

  /** A note for the run's report, formatted as {@link String#format} does, in the root locale. */
  void note(String format, @Nullable Object... args) {
    notes.add(String.format(Locale.ROOT, format, args));
  }

  /** The notes so far, in the order they were made. */
  List<String> notes() {
    return List.copyOf(notes);
  }
}
