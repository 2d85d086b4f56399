package io.deconflict.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A process for {@link KillDuringSnapshotWriteTest}: one thread appends records without pause, the
 * main thread appends one and saves a snapshot of several megabytes after it, over and over
 * (keeping 3), and prints {@code SEQ} for every snapshot whose save has returned, until killed.
 *
 * <p>Arguments: the journal file.
 */
public final class SnapshotUntilKilled {

  /** The size of each snapshot's state. */
  static final int STATE_BYTES = 8 << 20;

  private SnapshotUntilKilled() {}

  /** The state saved after record {@code seq}: the same bytes whenever asked. */
  static byte[] state(long seq) {
    byte[] state = new byte[STATE_BYTES];
    for (int i = 0; i < state.length; i++) {
      state[i] = (byte) (seq * 31 + i * 7);
    }
    return state;
  }

  public static void main(String[] args) {
    SqliteJournal journal = SqliteJournal.open(Path.of(args[0]));
    PrintStream out = System.out;
    Thread appender =
        new Thread(
            () -> {
              for (long n = 0; ; n++) {
                journal.append(
                    List.of(new Entry(Instant.EPOCH.plusSeconds(n), "load", "x".getBytes(UTF_8))));
              }
            },
            "appender");
    appender.start();
    for (long n = 0; ; n++) {
      JournalRecord head =
          journal
              .append(List.of(new Entry(Instant.EPOCH.plusSeconds(n), "mark", "m".getBytes(UTF_8))))
              .get(0);
      journal
          .snapshots()
          .orElseThrow()
          .save(new Snapshot(head.seq(), head.time(), head.hash(), state(head.seq())), 3);
      out.println(head.seq());
      out.flush();
    }
  }
}
