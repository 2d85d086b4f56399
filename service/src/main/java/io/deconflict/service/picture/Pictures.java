package io.deconflict.service.picture;

import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.service.Application;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.deconflict.service.retention.Retention;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The sign-in pictures of every audience (each party, and the operators), kept current: an
 * audience's {@link Knowledge} is folded from the journal the first time one of its members asks,
 * or ahead of that by {@link #warm}, then every committed batch of facts is folded into every
 * audience already folded, together with the position, so that a picture and its position always
 * agree. Pictures of the past ({@link #at}) are folded from the journal on each request.
 *
 * <p>Thread-safe: one lock guards the folds kept current. A first fold reads the journal outside
 * it, up to the position of the moment, then catches up under it with the records committed
 * meanwhile (few: a first fold of a long journal takes seconds, and the writer, which publishes
 * every batch here, must not wait for it). Two requests for one audience share one fold.
 */
public final class Pictures {

  /** The key of the operators' picture; party ids never contain a colon. */
  private static final String OPERATORS = ":operators";

  private final Journal journal;
  private final Retention retention;
  private final Map<String, Knowledge> byAudience = new HashMap<>();
  private final Map<String, CompletableFuture<Knowledge>> folding = new HashMap<>();
  private long position;

  /**
   * Pictures of the facts in {@code journal}, which stands at {@code position}, forgetting what
   * {@code retention} retires (as the state does: resolved alerts and silent units' reports).
   */
  public Pictures(Journal journal, long position, Retention retention) {
    this.journal = journal;
    this.position = position;
    this.retention = retention;
  }

  /**
   * Folds a batch of committed facts, in journal order, into every audience already folded, and
   * moves the position to {@code seq} (the batch's last record).
   */
  public synchronized void committed(List<Event> batch, long seq) {
    for (Event e : batch) {
      for (Map.Entry<String, Knowledge> audience : byAudience.entrySet()) {
        if (told(e, audience.getKey())) {
          audience.getValue().apply(e);
        }
      }
    }
    position = Math.max(position, seq);
    byAudience.values().forEach(k -> k.advanceTo(position));
  }

  /**
   * The member's picture now, as JSON ({@link Knowledge#toJson(Language, int)}, at most {@code
   * alertLimit} alerts in full), written out while the lock is held: the fold's alerts change in
   * place as facts are committed, so a tree handed out and written later could show facts after the
   * position it names, which a client following the stream from there would then apply twice.
   */
  public byte[] now(Member member, Language language, int alertLimit) {
    Knowledge k = ready(key(member));
    synchronized (this) {
      return Json.bytes(k.toJson(language, alertLimit));
    }
  }

  /**
   * Folds, in one pass over the journal, the pictures of the audiences of {@code members} that are
   * not kept yet (a start calls it so that no member's first sign-in waits for a fold).
   *
   * @throws io.deconflict.journal.JournalException if the journal cannot be read (a later request
   *     folds again)
   */
  public void warm(Collection<Member> members) {
    Map<String, CompletableFuture<Knowledge>> mine = new LinkedHashMap<>();
    synchronized (this) {
      for (Member m : members) {
        String key = key(m);
        if (!byAudience.containsKey(key) && !folding.containsKey(key) && !mine.containsKey(key)) {
          CompletableFuture<Knowledge> f = new CompletableFuture<>();
          folding.put(key, f);
          mine.put(key, f);
        }
      }
    }
    foldAndKeep(mine);
  }

  /**
   * The member's picture as it stood at {@code at}: every fact told by then (journal times never go
   * backwards), positioned at the last record accepted by then. Reads the journal up to there.
   */
  public byte[] at(Member member, Instant at, Language language, int alertLimit) {
    long upTo;
    synchronized (this) {
      upTo = position;
    }
    String key = key(member);
    // the past as the journal holds it, retention or not (docs/api.md, ?at=)
    Knowledge k = new Knowledge();
    long[] positionAt = {0};
    boolean[] past = {false};
    if (upTo > 0) {
      journal.read(
          1,
          upTo,
          (JournalRecord rec) -> {
            if (past[0] || rec.time().isAfter(at)) {
              past[0] = true;
              return;
            }
            positionAt[0] = rec.seq();
            Event e = Application.toEvent(rec);
            if (told(e, key)) {
              k.apply(e);
            }
          });
    }
    k.advanceTo(positionAt[0]);
    return Json.bytes(k.toJson(language, alertLimit));
  }

  /** The audience's kept fold; folds it first if nobody has, or waits for the fold under way. */
  private Knowledge ready(String key) {
    CompletableFuture<Knowledge> f;
    Map<String, CompletableFuture<Knowledge>> mine = Map.of();
    synchronized (this) {
      Knowledge k = byAudience.get(key);
      if (k != null) {
        return k;
      }
      f = folding.get(key);
      if (f == null) {
        f = new CompletableFuture<>();
        folding.put(key, f);
        mine = Map.of(key, f);
      }
    }
    foldAndKeep(mine);
    try {
      return f.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Folds the journal into a new picture per key: up to the position of the moment outside the
   * lock, then the records committed since under it; keeps them and completes their futures.
   */
  private void foldAndKeep(Map<String, CompletableFuture<Knowledge>> mine) {
    if (mine.isEmpty()) {
      return;
    }
    Map<String, Knowledge> folds = new LinkedHashMap<>();
    mine.keySet().forEach(key -> folds.put(key, new Knowledge(retention)));
    try {
      long upTo;
      synchronized (this) {
        upTo = position;
      }
      fold(folds, 1, upTo);
      synchronized (this) {
        fold(folds, upTo + 1, position);
        for (Map.Entry<String, CompletableFuture<Knowledge>> e : mine.entrySet()) {
          Knowledge k = Objects.requireNonNull(folds.get(e.getKey()));
          k.advanceTo(position);
          byAudience.put(e.getKey(), k);
          folding.remove(e.getKey());
          e.getValue().complete(k);
        }
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        mine.keySet().forEach(folding::remove);
      }
      mine.values().forEach(f -> f.completeExceptionally(e));
      throw e;
    }
  }

  /** Applies the journal's records {@code from} to {@code to} to the folds of their audiences. */
  private void fold(Map<String, Knowledge> folds, long from, long to) {
    if (from > to) {
      return;
    }
    journal.read(
        from,
        to,
        (JournalRecord rec) -> {
          Event e = Application.toEvent(rec);
          for (Map.Entry<String, Knowledge> audience : folds.entrySet()) {
            if (told(e, audience.getKey())) {
              audience.getValue().apply(e);
            }
          }
        });
  }

  private static String key(Member member) {
    return member.isOperator() ? OPERATORS : member.party();
  }

  private static boolean told(Event e, String key) {
    return key.equals(OPERATORS) ? e.audience().operators() : e.audience().includesParty(key);
  }
}
