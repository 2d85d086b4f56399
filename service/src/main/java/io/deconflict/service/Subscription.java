package io.deconflict.service;

import io.deconflict.journal.Journal;
import io.deconflict.service.party.Member;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One member's stream of facts: every journaled fact after the one it asked to start after, then
 * live ones, in sequence order, each once, only those whose audience includes the member.
 *
 * <p>Two modes. <b>Live</b>: the writer offers each fact as it is committed and the subscription
 * queues the member's. <b>Behind</b>: the subscription takes nothing from the writer and the
 * reader's own thread reads the journal, {@link #PAGE_RECORDS} records at a time, in {@link #next}.
 * A subscription starts behind (it first reads what it asked to catch up on) and falls behind again
 * whenever {@link #CAPACITY} events wait unread, so a burst of facts (a batch of position reports
 * that raises thousands of alerts) never closes a slow stream, and the writer never waits for a
 * reader. Once a page reaches the journal's head it goes live again: a fact the writer offers after
 * that has a higher sequence number than every fact read, and one read from the journal and offered
 * late is recognised by its number and dropped.
 *
 * <p>Thread-safe: the writer calls {@link #offer}; one reader calls {@link #next}.
 */
public final class Subscription {

  /** The most events queued for a reader before it is left to read the journal itself. */
  public static final int CAPACITY = 10_000;

  /** How many journal records one catch-up page reads. */
  static final int PAGE_RECORDS = 4_096;

  private static final Event CLOSED =
      new Event(
          -1,
          java.time.Instant.EPOCH,
          "closed",
          "",
          Audience.of(java.util.Set.of()),
          Json.object());

  private final Member member;
  private final Journal journal;
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private boolean behind = true; // guarded by this
  private long lastQueued; // guarded by this: every fact up to here is queued or not the member's
  private volatile boolean closed;

  Subscription(Member member, long afterSeq, Journal journal) {
    this.member = member;
    this.journal = journal;
    this.lastQueued = afterSeq;
  }

  /** The member. */
  public Member member() {
    return member;
  }

  /** A fact the writer committed; queued if the member is told it and the reader keeps up. */
  synchronized void offer(Event e) {
    if (closed || behind || e.seq() <= lastQueued) {
      return;
    }
    if (!e.audience().includes(member)) {
      lastQueued = e.seq();
      return;
    }
    if (queue.size() >= CAPACITY) {
      behind = true; // the reader will find this one and what follows in the journal
      return;
    }
    queue.add(e);
    lastQueued = e.seq();
  }

  /**
   * The next event, waiting up to {@code timeoutMillis}; empty on timeout. While the subscription
   * is behind, reads the journal on the calling thread first.
   *
   * @throws IllegalStateException once the subscription is closed
   * @throws io.deconflict.journal.JournalException if the journal cannot be read
   */
  public Optional<Event> next(long timeoutMillis) throws InterruptedException {
    while (queue.isEmpty() && isBehind() && !closed) {
      readPage();
    }
    Event e = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    if (e == CLOSED || (e == null && closed)) {
      closed = true;
      throw new IllegalStateException("subscription closed");
    }
    return Optional.ofNullable(e);
  }

  private synchronized boolean isBehind() {
    return behind;
  }

  /** Reads the next page of the journal into the queue; goes live once it reaches the head. */
  private void readPage() {
    long from;
    synchronized (this) {
      from = lastQueued + 1;
    }
    long to = from + PAGE_RECORDS - 1;
    long[] read = {from - 1};
    journal.read(
        from,
        to,
        rec -> {
          Event event = Application.toEvent(rec);
          if (event.audience().includes(member)) {
            queue.add(event);
          }
          read[0] = rec.seq();
        });
    synchronized (this) {
      lastQueued = Math.max(lastQueued, read[0]);
      // with the lock held, the writer cannot offer: anything committed from here on is offered
      // later with a higher sequence number than the head read now
      if (journal.lastSeq() <= lastQueued) {
        behind = false;
      }
    }
  }

  /** Whether it was closed (by the service). */
  public boolean isClosed() {
    return closed;
  }

  /** Ends the stream. */
  public void close() {
    closed = true;
    queue.add(CLOSED);
  }
}
