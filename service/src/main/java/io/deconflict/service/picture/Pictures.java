package io.deconflict.service.picture;

import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.service.Application;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sign-in pictures of every audience (each party, and the operators), kept current: an
 * audience's {@link Knowledge} is folded from the journal the first time one of its members asks,
 * then every committed batch of facts is folded into every audience already folded, together with
 * the position, so that a picture and its position always agree. Pictures of the past ({@link #at})
 * are folded from the journal on each request.
 *
 * <p>Thread-safe: one lock guards every fold; a first request for an audience holds it while it
 * reads the journal (the writer then waits before it can publish its next batch).
 */
public final class Pictures {

  /** The key of the operators' picture; party ids never contain a colon. */
  private static final String OPERATORS = ":operators";

  private final Journal journal;
  private final Map<String, Knowledge> byAudience = new HashMap<>();
  private long position;

  /** Pictures of the facts in {@code journal}, which stands at {@code position}. */
  public Pictures(Journal journal, long position) {
    this.journal = journal;
    this.position = position;
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
  public synchronized byte[] now(Member member, Language language, int alertLimit) {
    String key = key(member);
    Knowledge k = byAudience.get(key);
    if (k == null) {
      k = fold(key, position, Instant.MAX);
      byAudience.put(key, k);
    }
    return Json.bytes(k.toJson(language, alertLimit));
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
    return Json.bytes(fold(key(member), upTo, at).toJson(language, alertLimit));
  }

  private Knowledge fold(String key, long upTo, Instant at) {
    Knowledge k = new Knowledge();
    if (upTo == 0) {
      return k;
    }
    long[] positionAt = {0};
    boolean[] past = {false};
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
    k.advanceTo(positionAt[0]);
    return k;
  }

  private static String key(Member member) {
    return member.isOperator() ? OPERATORS : member.party();
  }

  private static boolean told(Event e, String key) {
    return key.equals(OPERATORS) ? e.audience().operators() : e.audience().includesParty(key);
  }
}
