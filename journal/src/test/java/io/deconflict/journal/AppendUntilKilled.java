package io.deconflict.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A process for {@link CrashDurabilityTest}: appends from several threads until killed, and prints
 * {@code SEQ PAYLOAD} for every record whose append has returned.
 *
 * <p>Arguments: the journal file, the number of threads.
 */
public final class AppendUntilKilled {

  private AppendUntilKilled() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    PrintStream out = System.out;
    SqliteJournal journal = SqliteJournal.open(file);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread appender =
          new Thread(
              () -> {
                for (long n = 0; ; n++) {
                  String payload = "t" + thread + "-" + n;
                  Entry entry =
                      new Entry(
                          Instant.EPOCH.plusSeconds(n), "crash.test", payload.getBytes(UTF_8));
                  long seq = journal.append(List.of(entry)).get(0).seq();
                  synchronized (out) {
                    out.println(seq + " " + payload);
                    out.flush();
                  }
                }
              },
              "appender-" + t);
      appender.start();
    }
  }
}
