package io.deconflict.service;

import io.deconflict.service.party.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One member's stream of facts: the journaled ones it asked to catch up on, then live ones, in
 * sequence order, each once, only those whose audience includes the member.
 *
 * <p>A subscriber that falls more than {@link #CAPACITY} events behind is closed; it reconnects
 * with the last id it saw and catches up from the journal. Thread-safe.
 */
public final class Subscription {

  /** The most events held for a slow subscriber. */
  public static final int CAPACITY = 10_000;

  private static final Event CLOSED =
      new Event(
          -1,
          java.time.Instant.EPOCH,
          "closed",
          "",
          Audience.of(java.util.Set.of()),
          Json.object());

  private final Member member;
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final List<Event> early = new ArrayList<>();
  private boolean caughtUp;
  private long lastQueued;
  private volatile boolean closed;

  Subscription(Member member) {
    this.member = member;
  }

  /** The member. */
  public Member member() {
    return member;
  }

  synchronized void catchUp(Event e) {
    enqueue(e);
  }

  synchronized void caughtUp(long upTo) {
    lastQueued = Math.max(lastQueued, upTo);
    caughtUp = true;
    for (Event e : early) {
      enqueue(e);
    }
    early.clear();
  }

  synchronized void offer(Event e) {
    if (!caughtUp) {
      early.add(e);
    } else {
      enqueue(e);
    }
  }

  private void enqueue(Event e) {
    if (closed || e.seq() <= lastQueued && caughtUp) {
      return;
    }
    if (!e.audience().includes(member)) {
      lastQueued = Math.max(lastQueued, e.seq());
      return;
    }
    if (queue.size() >= CAPACITY) {
      close();
      return;
    }
    queue.add(e);
    lastQueued = Math.max(lastQueued, e.seq());
  }

  /**
   * The next event, waiting up to {@code timeoutMillis}; empty on timeout.
   *
   * @throws IllegalStateException once the subscription is closed
   */
  public Optional<Event> next(long timeoutMillis) throws InterruptedException {
    Event e = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    if (e == CLOSED || (e == null && closed)) {
      closed = true;
      throw new IllegalStateException("subscription closed");
    }
    return Optional.ofNullable(e);
  }

  /** Whether it was closed (by the service, or for falling behind). */
  public boolean isClosed() {
    return closed;
  }

  /** Ends the stream. */
  public void close() {
    closed = true;
    queue.add(CLOSED);
  }
}
