package io.deconflict.service.regressions;

import io.deconflict.journal.Entry;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import java.util.List;
import java.util.function.Consumer;

/** A journal that passes every call to another; tests override what they watch or hold. */
public abstract class ForwardingJournal implements Journal {

  /** The journal every call goes to. */
  protected final Journal inner;

  /** Passes every call to {@code inner}. */
  protected ForwardingJournal(Journal inner) {
    this.inner = inner;
  }

  @Override
  public List<JournalRecord> append(List<Entry> entries) {
    return inner.append(entries);
  }

  @Override
  public List<JournalRecord> appendAfter(long expectedLastSeq, List<Entry> entries) {
    return inner.appendAfter(expectedLastSeq, entries);
  }

  @Override
  public void read(long fromSeq, long toSeq, Consumer<JournalRecord> sink) {
    inner.read(fromSeq, toSeq, sink);
  }

  @Override
  public long lastSeq() {
    return inner.lastSeq();
  }

  @Override
  public void close() {
    inner.close();
  }
}
