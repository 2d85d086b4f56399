package io.deconflict.tak;

import io.deconflict.service.Application;
import io.deconflict.service.ServiceException;
import io.deconflict.service.command.ReportPositions;
import io.deconflict.service.party.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers one member's position reports from all its connections into batches: while one batch is
 * being made durable, the next accumulates, so a busy member costs one journal record per batch
 * rather than per report. A report the service refuses is answered to the client that sent it and
 * the rest of its batch is stored without it.
 *
 * <p>Thread-safe.
 */
final class Batcher implements Runnable {

  /** The most reports in one command (the service's limit). */
  static final int MAX_BATCH = 20_000;

  private static final Pattern REPORT = Pattern.compile("/reports/(\\d+)(.*)");
  private static final int MAX_RETRIES = 8;

  private record Pending(ReportPositions.Report report, String uid, Session from) {}

  private final Application app;
  private final Member member;
  private final Executor executor;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicLong stored;
  private final AtomicInteger size = new AtomicInteger();
  private final Set<Session> paused = ConcurrentHashMap.newKeySet();

  /** Above this many waiting reports the connections sending them stop being read. */
  static final int HIGH_WATER = 2 * MAX_BATCH;

  /** Below this many they are read again. */
  static final int LOW_WATER = MAX_BATCH / 2;

  Batcher(Application app, Member member, Executor executor, AtomicLong stored) {
    this.app = app;
    this.member = member;
    this.executor = executor;
    this.stored = stored;
  }

  /**
   * Queues a report. When too many wait, the sending connection stops being read until the queue
   * has drained (TCP then slows the client down): backpressure instead of an unbounded queue.
   */
  void add(ReportPositions.Report report, String uid, Session from) {
    queue.add(new Pending(report, uid, from));
    if (size.incrementAndGet() > HIGH_WATER && paused.add(from)) {
      from.pauseReading();
      if (size.get() <= LOW_WATER) {
        resume();
      }
    }
    if (scheduled.compareAndSet(false, true)) {
      executor.execute(this);
    }
  }

  private void resume() {
    for (Session s : paused) {
      if (paused.remove(s)) {
        s.resumeReading();
      }
    }
  }

  @Override
  public void run() {
    try {
      List<Pending> batch = new ArrayList<>();
      Pending p;
      while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
        batch.add(p);
      }
      if (!batch.isEmpty()) {
        store(batch);
        if (size.addAndGet(-batch.size()) <= LOW_WATER && !paused.isEmpty()) {
          resume();
        }
      }
    } finally {
      scheduled.set(false);
      if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
        executor.execute(this);
      }
    }
  }

  private static ReportPositions.Report withoutMovement(ReportPositions.Report r) {
    return new ReportPositions.Report(
        r.unit(),
        r.time(),
        r.lon(),
        r.lat(),
        r.course(),
        r.speed(),
        r.accuracy(),
        java.util.Optional.empty(),
        r.cot());
  }

  private void store(List<Pending> batch) {
    for (int attempt = 0; !batch.isEmpty(); attempt++) {
      if (attempt == MAX_RETRIES) {
        // many bad reports: store the rest one by one, so each costs only itself
        for (Pending p : batch) {
          store(new ArrayList<>(List.of(p)));
        }
        return;
      }
      try {
        app.submit(member, new ReportPositions(batch.stream().map(Pending::report).toList()));
        stored.addAndGet(batch.size());
        return;
      } catch (ServiceException e) {
        Matcher m = REPORT.matcher(e.field());
        int index = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (index < 0 || index >= batch.size()) {
          for (Pending x : batch) {
            x.from()
                .reply(
                    x.uid(),
                    false,
                    "position of " + x.uid() + " refused: " + e.getMessage(),
                    e.field());
          }
          return;
        }
        String message =
            String.valueOf(e.getMessage())
                .replace("/reports/" + index, "event " + batch.get(index).uid());
        if (m.group(2).equals("/movement")) {
          // a route link the service cannot follow: keep the position, drop the link (D29)
          Pending linked = batch.get(index);
          batch.set(
              index, new Pending(withoutMovement(linked.report()), linked.uid(), linked.from()));
          linked
              .from()
              .reply(linked.uid(), false, message + "; position kept without it", "movement");
          continue;
        }
        Pending bad = batch.remove(index);
        bad.from().reply(bad.uid(), false, message, m.group(2).isEmpty() ? "" : m.group(2));
      }
    }
  }
}
