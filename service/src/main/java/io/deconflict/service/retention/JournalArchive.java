package io.deconflict.service.retention;

import io.deconflict.geojson.StrictJson;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.RecordIndex;
import io.deconflict.service.alert.Alert;
import io.deconflict.service.alert.ArchivedConflict;
import io.deconflict.service.snapshot.MalformedStateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Archive} in a journal: each lookup finds the {@link ArchivedConflict} fact through the
 * journal's {@link RecordIndex} (one indexed read and one record read; nothing is cached, so memory
 * stays flat).
 *
 * <p>Thread-safe, as the index is.
 */
public final class JournalArchive implements Archive {

  private final RecordIndex index;

  /** The archive whose facts {@code index} finds. */
  public JournalArchive(RecordIndex index) {
    this.index = index;
  }

  @Override
  public Optional<ArchivedConflict> conflict(long number) {
    return index.record(ArchivedConflict.conflictKey(number)).map(JournalArchive::read);
  }

  @Override
  public Optional<ArchivedConflict> conflictOfAlert(long alertNumber) {
    return index.record(ArchivedConflict.alertKey(alertNumber)).map(JournalArchive::read);
  }

  @Override
  public List<Alert> alerts(Optional<String> recipient, long below, int limit) {
    String prefix =
        recipient.map(ArchivedConflict::recipientPrefix).orElse(ArchivedConflict.ALERTS);
    String before =
        recipient
            .map(r -> ArchivedConflict.recipientKey(r, below))
            .orElse(ArchivedConflict.alertKey(below));
    List<Alert> out = new ArrayList<>();
    long lastSeq = -1;
    ArchivedConflict last = null;
    for (RecordIndex.Keyed k : index.descending(prefix, before, limit)) {
      if (last == null || k.seq() != lastSeq) {
        lastSeq = k.seq();
        last = index.record(k.seq()).map(JournalArchive::read).orElse(null);
      }
      long number = Long.parseLong(k.key().substring(prefix.length()));
      if (last != null) {
        last.alerts().stream()
            .filter(a -> ArchivedConflict.number(a.id()) == number)
            .findFirst()
            .ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The archived conflict a journal record holds.
   *
   * @throws MalformedStateException if the record is not such a fact
   */
  static ArchivedConflict read(JournalRecord record) {
    if (!record.type().equals(ArchivedConflict.TYPE)) {
      throw new MalformedStateException(
          "record " + record.seq() + " is " + record.type() + ", not " + ArchivedConflict.TYPE);
    }
    try {
      return ArchivedConflict.fromJson(StrictJson.readJournaled(record.payload()).path("body"));
    } catch (IOException e) {
      throw new MalformedStateException("record " + record.seq() + " is not JSON: " + e);
    }
  }
}
