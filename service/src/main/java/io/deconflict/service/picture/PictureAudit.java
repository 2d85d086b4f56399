package io.deconflict.service.picture;

import io.deconflict.journal.Verification;
import io.deconflict.service.Application;
import io.deconflict.service.Event;
import io.deconflict.service.Viewer;
import io.deconflict.service.retention.Retention;
import io.deconflict.service.snapshot.SnapshotAudit;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Proves that the sign-in pictures saved in a data directory ({@code pictures.bin}, D47) equal a
 * fold of the journal: each audience's fold of records 1 to the file's position, under the
 * retention the file names, writes exactly the bytes the file holds for it, and the journal's
 * record at that position has the hash the file names. What a party would be shown at its next
 * sign-in is then what the journal told it, as for the state's snapshots ({@link SnapshotAudit}).
 *
 * <p>Cost: one pass over the journal up to the file's position, every audience folded. Stateless;
 * thread-safe.
 */
public final class PictureAudit {

  private PictureAudit() {}

  /**
   * What {@code file} holds, checked against the journal {@code walk} reads from record 1; empty if
   * there is no such file.
   */
  public static Optional<SnapshotAudit.Finding> verify(Path file, SnapshotAudit.Walk walk) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    PictureFile.Parsed saved;
    try {
      saved = PictureFile.read(file, Retention.DEFAULT);
    } catch (IOException e) {
      return Optional.of(
          new SnapshotAudit.Finding(0, false, "sign-in pictures " + file + ": " + e.getMessage()));
    }
    long at = saved.position();
    String what = "sign-in pictures after record " + at + " (" + file.getFileName() + ")";
    Retention retention = new Retention(Duration.ofMillis(saved.keepMillis()));
    Map<Viewer, Knowledge> folds = new LinkedHashMap<>();
    saved.folds().keySet().forEach(v -> folds.put(v, new Knowledge(retention)));
    byte[][] head = {null};
    Verification chain =
        walk.walk(
            rec -> {
              if (rec.seq() > at) {
                return;
              }
              Event e = Application.toEvent(rec);
              for (Map.Entry<Viewer, Knowledge> f : folds.entrySet()) {
                if (f.getKey().told(e.audience())) {
                  f.getValue().apply(e);
                }
              }
              if (rec.seq() == at) {
                head[0] = rec.hash();
              }
            });
    if (head[0] == null) {
      return Optional.of(
          new SnapshotAudit.Finding(
              at,
              false,
              what + ": the journal " + (chain.ok() ? "has no record " + at : "breaks before it")));
    }
    if (!Arrays.equals(head[0], saved.head())) {
      return Optional.of(
          new SnapshotAudit.Finding(at, false, what + ": the journal has another record at " + at));
    }
    for (Map.Entry<Viewer, Knowledge> f : folds.entrySet()) {
      f.getValue().advanceTo(at);
      Knowledge kept = java.util.Objects.requireNonNull(saved.folds().get(f.getKey()));
      if (!Arrays.equals(bytes(f.getValue()), bytes(kept))) {
        return Optional.of(
            new SnapshotAudit.Finding(
                at,
                false,
                what
                    + ": "
                    + f.getKey().party()
                    + "'s picture differs from a fold of records 1 to "
                    + at));
      }
    }
    return Optional.of(
        new SnapshotAudit.Finding(
            at,
            true,
            what + ": " + folds.size() + " audiences, each equals a fold of records 1 to " + at));
  }

  private static byte[] bytes(Knowledge k) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      k.writeTo(new DataOutputStream(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
