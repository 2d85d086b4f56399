package io.deconflict.service.snapshot;

import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.JournalVerifier;
import io.deconflict.journal.Snapshot;
import io.deconflict.journal.Snapshots;
import io.deconflict.journal.SqliteRecordIndex;
import io.deconflict.journal.SqliteSnapshots;
import io.deconflict.journal.Verification;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.retention.Archive;
import io.deconflict.service.retention.JournalArchive;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Proves that every snapshot stored in a journal file (or kept beside a journal elsewhere, D40)
 * equals a replay of the journal: the state after replaying records 1 to N, under the configuration
 * the snapshot names, encodes to exactly the bytes of the snapshot after record N. A snapshot whose
 * checksum fails, whose head hash is not record N's, whose state cannot be read, or that differs
 * from the replay is reported, naming the first section that differs.
 *
 * <p>Reads the file only (the replayed states are encoded into scratch files in the temporary
 * directory, one at a time). Cost: one replay of the journal per distinct configuration among the
 * snapshots (usually one), one encoding of the state per snapshot, and one snapshot in memory at a
 * time. Thread-safe: stateless.
 */
public final class SnapshotAudit {

  private SnapshotAudit() {}

  /**
   * What was found about one snapshot.
   *
   * @param seq the record it stands after
   * @param ok whether it equals the replay
   * @param message for people: {@code snapshot after record 120: equals a replay of records 1 to
   *     120}, or what is wrong
   */
  public record Finding(long seq, boolean ok, String message) {}

  /** Checks every snapshot of the journal in {@code file}, oldest first. */
  public static List<Finding> verify(Path file) {
    return verify(
        SqliteSnapshots.readOnly(file),
        sink -> JournalVerifier.verify(file, sink),
        new JournalArchive(SqliteRecordIndex.readOnly(file)));
  }

  /**
   * Walks a journal from record 1, handing every record that passed its chain check on, and says
   * what it found: {@code JournalVerifier.verify(file, sink)}, or {@code KafkaJournal.verify} for a
   * topic.
   */
  @FunctionalInterface
  public interface Walk {
    Verification walk(Consumer<JournalRecord> sink);
  }

  /**
   * Checks every snapshot in {@code store} against the journal {@code walk} reads, oldest first:
   * the snapshots a node keeps beside a journal on Kafka (D40) as those in a journal's own file.
   *
   * @param archive where the replayed state reads what left memory (the journal's index), or {@link
   *     Archive#NONE} for a journal without one
   */
  public static List<Finding> verify(Snapshots store, Walk walk, Archive archive) {
    List<Long> positions = new ArrayList<>(store.positions());
    positions.sort(null);
    Map<Long, Finding> findings = new TreeMap<>();
    Map<ByteBuffer, List<Long>> bySetting = new LinkedHashMap<>();
    Map<ByteBuffer, StateFormat.Setting> settings = new LinkedHashMap<>();
    for (long seq : positions) {
      Snapshots.Stored stored = store.load(seq);
      Snapshot snapshot = stored.snapshot().orElse(null);
      if (!stored.intact() || snapshot == null) {
        findings.put(seq, bad(seq, stored.problem().orElse("unreadable")));
        continue;
      }
      try (InputStream in = new BufferedInputStream(snapshot.openState())) {
        StateFormat.Setting setting = StateFormat.settingOf(in);
        ByteBuffer key =
            ByteBuffer.wrap(
                StateFormat.setting(setting.directory(), setting.defaults(), setting.retention()));
        settings.putIfAbsent(key, setting);
        bySetting.computeIfAbsent(key, k -> new ArrayList<>()).add(seq);
      } catch (MalformedStateException | IOException | UncheckedIOException e) {
        findings.put(seq, bad(seq, "its state cannot be read: " + e.getMessage()));
      }
    }
    for (Map.Entry<ByteBuffer, List<Long>> group : bySetting.entrySet()) {
      StateFormat.Setting setting = settings.get(group.getKey());
      if (setting != null) {
        replay(walk, archive, store, setting, group.getValue(), findings);
      }
    }
    return List.copyOf(findings.values());
  }

  private static void replay(
      Walk walk,
      Archive archive,
      Snapshots store,
      StateFormat.Setting setting,
      List<Long> positions,
      Map<Long, Finding> findings) {
    Deconfliction state =
        new Deconfliction(setting.directory(), setting.defaults(), setting.retention());
    state.archive(archive);
    int[] next = {0};
    String[] failed = {null};
    Verification chain =
        walk.walk(
            rec -> {
              if (failed[0] != null || next[0] >= positions.size()) {
                return;
              }
              try {
                Application.replay(state, rec);
              } catch (RuntimeException e) {
                failed[0] = "the replay failed at record " + rec.seq() + ": " + e.getMessage();
                return;
              }
              if (rec.seq() != positions.get(next[0])) {
                return;
              }
              long seq = positions.get(next[0]++);
              Snapshot snapshot = store.load(seq).snapshot().orElseThrow();
              if (!snapshot.follows(rec)) {
                findings.put(
                    seq,
                    bad(
                        seq,
                        "its head hash "
                            + abbreviated(snapshot.headHashHex())
                            + " is not record "
                            + seq
                            + "'s ("
                            + abbreviated(rec.hashHex())
                            + ")"));
                return;
              }
              findings.put(seq, compare(seq, snapshot, state));
            });
    for (int i = next[0]; i < positions.size(); i++) {
      long seq = positions.get(i);
      String why =
          failed[0] != null
              ? failed[0]
              : chain.ok()
                  ? "the journal has " + chain.recordsChecked() + " records"
                  : "the journal's chain breaks before it";
      findings.put(seq, bad(seq, "cannot be checked: " + why));
    }
  }

  /**
   * Compares the stored state with the replayed one section by section, by their SHA-256: the
   * replayed state is encoded into a scratch file, so neither is ever whole in memory.
   */
  private static Finding compare(long seq, Snapshot stored, Deconfliction replayed) {
    Map<String, byte[]> a;
    Map<String, byte[]> b;
    Path scratch = null;
    try {
      scratch = Files.createTempFile("deconflict-audit-" + seq + "-", ".state");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(scratch))) {
        replayed.snapshot(out);
      }
      try (InputStream in = new BufferedInputStream(Files.newInputStream(scratch))) {
        b = StateFormat.digests(in);
      }
      int version;
      try (InputStream in = new BufferedInputStream(stored.openState())) {
        version = StateFormat.version(in);
      } catch (MalformedStateException e) {
        return bad(seq, "its state cannot be read: " + e.getMessage());
      }
      if (version < StateFormat.VERSION) {
        // an older format still read: compare what a start makes of it, in this format
        Path older = Files.createTempFile("deconflict-audit-" + seq + "-", ".older");
        try {
          try (InputStream in = new BufferedInputStream(stored.openState());
              OutputStream out = new BufferedOutputStream(Files.newOutputStream(older))) {
            Deconfliction.restore(
                    replayed.directory(), replayed.defaults(), replayed.retention(), in)
                .snapshot(out);
          } catch (MalformedStateException e) {
            return bad(seq, "its state cannot be read: " + e.getMessage());
          }
          try (InputStream in = new BufferedInputStream(Files.newInputStream(older))) {
            a = StateFormat.digests(in);
          }
        } finally {
          Files.deleteIfExists(older);
        }
      } else {
        try (InputStream in = new BufferedInputStream(stored.openState())) {
          a = StateFormat.digests(in);
        } catch (MalformedStateException e) {
          return bad(seq, "its state cannot be read: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compare the snapshot after record " + seq, e);
    } finally {
      if (scratch != null) {
        try {
          Files.deleteIfExists(scratch);
        } catch (IOException e) {
          // a scratch file left in the temporary directory
        }
      }
    }
    List<String> differing = new ArrayList<>();
    for (String name : b.keySet()) {
      if (!Arrays.equals(a.get(name), b.get(name))) {
        differing.add(name);
      }
    }
    for (String name : a.keySet()) {
      if (!b.containsKey(name)) {
        differing.add(name);
      }
    }
    if (differing.isEmpty() && new ArrayList<>(a.keySet()).equals(new ArrayList<>(b.keySet()))) {
      return new Finding(
          seq, true, "snapshot after record " + seq + ": equals a replay of records 1 to " + seq);
    }
    return bad(
        seq,
        "differs from a replay of records 1 to "
            + seq
            + " (sections "
            + String.join(", ", differing)
            + ")");
  }

  private static Finding bad(long seq, String problem) {
    String message =
        problem.startsWith("snapshot after record")
            ? problem
            : "snapshot after record " + seq + ": " + problem;
    return new Finding(seq, false, message);
  }

  private static String abbreviated(String hex) {
    return hex.length() <= 12 ? hex : hex.substring(0, 12) + "...";
  }
}
