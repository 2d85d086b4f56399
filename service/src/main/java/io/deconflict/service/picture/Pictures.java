package io.deconflict.service.picture;

import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.Viewer;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.deconflict.service.retention.Retention;
import io.deconflict.service.snapshot.SnapshotPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in pictures of every audience (each party, and the operators), kept current: an
 * audience's {@link Knowledge} is folded from the journal the first time one of its members asks,
 * or ahead of that by {@link #warm}, then every committed batch of facts is folded into every
 * audience already folded, together with the position, so that a picture and its position always
 * agree. Pictures of the past ({@link #at}) are folded from the journal on each request. Each fact
 * is told to all the folds of its audiences in one pass, through one {@link Knowledge.Told}, so an
 * alert is built and packed once for its party's picture and the operators' (D45).
 *
 * <p>The folding runs on a thread of its own ("deconflict-picture-folds"), never the writer's: the
 * writer hands each committed batch over ({@link #committed}, a queue) and goes on. Up to {@link
 * #QUEUED} events wait in memory; past that the queue is dropped and the thread reads the journal
 * from its position instead until it has caught up (a picture is valid at any position: the client
 * follows the stream from the one it names). A request for a picture waits up to {@link
 * #FRESH_WAIT} for the folds to reach what was committed when it came, so that a caller finds its
 * own last command in it, and otherwise answers at the position reached; when the folds are more
 * than {@link #CLOSE_BEHIND} records behind, it waits only for its member's own last command.
 *
 * <p>Thread-safe: one lock guards the folds kept current, another the queue (taken in that order
 * when both are held). A first fold reads the journal outside the first, up to the position of the
 * moment, then catches up under it with the records folded meanwhile. Two requests for one audience
 * share one fold.
 */
public final class Pictures implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pictures.class);

  /** Events queued for the folds before the queue is dropped for the journal. */
  static final int QUEUED = 200_000;

  /** Records folded under one hold of the lock while catching up from the journal. */
  private static final int CATCH_UP_CHUNK = 5_000;

  /** How long a request for a picture waits for the folds to reach the last commit. */
  public static final Duration FRESH_WAIT = Duration.ofSeconds(5);

  /**
   * How far behind the last commit, in records, the folds may be for a request to wait for all of
   * it; further behind (a bulk load being worked off), a request waits only for its member's own
   * last command ({@link #freshTarget}).
   */
  static final long CLOSE_BEHIND = 5_000;

  /** A committed batch of facts waiting to be folded. */
  private record Batch(List<Event> events, long seq) {}

  private final Journal journal;
  private final Retention retention;
  private final int queued;
  private final Map<Viewer, Knowledge> byAudience = new HashMap<>();
  private final Map<Viewer, CompletableFuture<Knowledge>> folding = new HashMap<>();
  private final Thread folder;

  /** Guards the queue, {@code published}, {@code behind} and {@code closed}. */
  private final Object queue = new Object();

  private final ArrayDeque<Batch> pending = new ArrayDeque<>();
  private long pendingEvents;
  private long published;

  /** The last batch that held a command of each member, by member id (guarded by the queue). */
  private final Map<String, Long> lastOwn = new HashMap<>();

  private boolean behind;
  private boolean closed;

  /** The position the folds stand at (guarded by {@code this}). */
  private long position;

  /** Where the folds are saved (D47), or null; when, as for the state's snapshots. */
  private final @Nullable Path file;

  private final SnapshotPolicy policy;

  /** The position and event time of the last save (the folding thread's, and close's after it). */
  private volatile long savedPosition;

  private volatile @Nullable Instant savedTime;

  /** The time of the newest fact folded (the folding thread's). */
  private @Nullable Instant foldedTime;

  /**
   * Pictures of the facts in {@code journal}, which stands at {@code position}, forgetting what
   * {@code retention} retires (as the state does: resolved alerts and silent units' reports).
   * Starts the folding thread; {@link #close} stops it.
   */
  public Pictures(Journal journal, long position, Retention retention) {
    this(journal, position, retention, QUEUED);
  }

  /**
   * As above, saving the folds into {@code file} (D47) as {@code policy} says for the state's
   * snapshots (every so many records or so much event time folded, and on {@link #close}), and
   * starting a {@link #warm} from the folds saved there when they fit this journal.
   */
  public Pictures(
      Journal journal,
      long position,
      Retention retention,
      @Nullable Path file,
      SnapshotPolicy policy) {
    this(journal, position, retention, QUEUED, file, policy);
  }

  /** As above, with at most {@code queued} events queued before the folds read the journal. */
  Pictures(Journal journal, long position, Retention retention, int queued) {
    this(journal, position, retention, queued, null, SnapshotPolicy.NEVER);
  }

  private Pictures(
      Journal journal,
      long position,
      Retention retention,
      int queued,
      @Nullable Path file,
      SnapshotPolicy policy) {
    this.file = file;
    this.policy = policy;
    this.savedPosition = position;
    this.queued = queued;
    this.journal = journal;
    this.position = position;
    this.published = position;
    this.retention = retention;
    this.folder = new Thread(this::foldLoop, "deconflict-picture-folds");
    folder.setDaemon(true);
    folder.start();
  }

  /**
   * Hands a batch of committed facts, in journal order, to the folding thread, which folds them
   * into every audience already folded and moves the position to {@code seq} (the batch's last
   * record). Returns at once.
   */
  public void committed(List<Event> batch, long seq) {
    synchronized (queue) {
      published = Math.max(published, seq);
      for (Event e : batch) {
        if (!Deconfliction.SYSTEM.equals(e.by())) {
          lastOwn.merge(e.by(), seq, Math::max);
        }
      }
      if (!behind) {
        pending.addLast(new Batch(batch, seq));
        pendingEvents += batch.size();
        if (pendingEvents > queued) {
          pending.clear();
          pendingEvents = 0;
          behind = true;
        }
      }
      queue.notifyAll();
    }
  }

  /**
   * Stops the folding thread; then, if the folds are saved, saves them at the position they reached
   * (the policy's {@code onClose}).
   */
  @Override
  public void close() {
    synchronized (queue) {
      closed = true;
      queue.notifyAll();
    }
    if (file != null && policy.onClose() && Thread.currentThread() != folder) {
      try {
        folder.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!folder.isAlive()) {
        save(true);
      }
    }
  }

  /**
   * Saves the kept folds if they are saved at all and the policy says a save is due (with {@code
   * force}: if anything was folded since the last). Runs on the folding thread, the only one that
   * changes kept folds, or after it stopped: the folds are read outside the lock (readers only
   * freeze them); a failure is logged, and the next start folds more of the journal.
   */
  private void save(boolean force) {
    Path target = file;
    if (target == null) {
      return;
    }
    long at;
    synchronized (this) {
      at = position;
    }
    Instant now = foldedTime;
    if (at <= savedPosition) {
      return;
    }
    if (!force) {
      if (now == null) {
        return;
      }
      Instant since = savedTime;
      if (since == null) {
        since = now;
        savedTime = now;
      }
      if (!policy.due(at - savedPosition, Duration.between(since, now))) {
        return;
      }
    }
    // the folds are copied only when a save is due (this runs after every batch folded)
    Map<Viewer, Knowledge> folds;
    synchronized (this) {
      at = position;
      folds = new LinkedHashMap<>(byAudience);
    }
    if (folds.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    try {
      PictureFile.save(target, journal, at, retention, folds);
      savedPosition = at;
      savedTime = now;
      LOG.info(
          "saved the sign-in pictures of {} audiences after record {} in {} ms",
          folds.size(),
          at,
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot save the sign-in pictures after record {}: {}", at, e.toString());
    }
  }

  private void foldLoop() {
    try {
      while (true) {
        List<Batch> batches;
        long target;
        synchronized (queue) {
          while (pending.isEmpty() && !behind && !closed) {
            queue.wait();
          }
          if (closed) {
            return;
          }
          batches = new ArrayList<>(pending);
          pending.clear();
          pendingEvents = 0;
          target = published;
        }
        if (batches.isEmpty()) {
          catchUp(target);
          synchronized (this) {
            synchronized (queue) {
              if (position >= published) {
                behind = false;
              }
            }
          }
        } else {
          for (Batch b : batches) {
            fold(b);
          }
        }
        save(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error(
          "the sign-in pictures stopped following the journal; each folds anew on request", e);
      synchronized (this) {
        byAudience.clear();
      }
    }
  }

  /** Folds one batch into every kept audience, past what is folded already. */
  private synchronized void fold(Batch b) {
    if (b.seq() <= position) {
      return; // folded from the journal already
    }
    for (Event e : b.events()) {
      if (e.seq() <= position) {
        continue;
      }
      Knowledge.Told told = new Knowledge.Told(e);
      for (Map.Entry<Viewer, Knowledge> audience : byAudience.entrySet()) {
        if (told(e, audience.getKey())) {
          audience.getValue().apply(told);
        }
      }
    }
    position = b.seq();
    byAudience.values().forEach(k -> k.advanceTo(position));
    if (!b.events().isEmpty()) {
      foldedTime = b.events().get(b.events().size() - 1).time();
    }
    notifyAll();
  }

  /** Folds the journal's records after the position up to {@code target}, a chunk a hold. */
  private void catchUp(long target) {
    while (true) {
      long from;
      synchronized (this) {
        from = position + 1;
      }
      if (from > target) {
        return;
      }
      synchronized (queue) {
        if (closed) {
          return;
        }
      }
      long to = Math.min(target, from + CATCH_UP_CHUNK - 1);
      List<Event> events = new ArrayList<>();
      journal.read(from, to, (JournalRecord rec) -> events.add(Application.toEvent(rec)));
      fold(new Batch(events, to));
    }
  }

  /**
   * The position a request of {@code member} waits for: what is committed now when the folds are
   * within {@link #CLOSE_BEHIND} records of it, else the last batch that held one of the member's
   * own commands (0 if none), so that a member signing in while another member's bulk load is
   * worked off is not held behind it, and still finds its own last command.
   */
  long freshTarget(Member member) {
    long all;
    long own;
    synchronized (queue) {
      all = published;
      own = lastOwn.getOrDefault(member.id(), 0L);
    }
    synchronized (this) {
      return all - position <= CLOSE_BEHIND ? all : Math.min(all, own);
    }
  }

  /** Waits, up to {@code wait}, for the folds to reach {@link #freshTarget}. */
  private void awaitFresh(Member member, Duration wait) {
    if (wait.isZero()) {
      return;
    }
    long want = freshTarget(member);
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (this) {
      long left = deadline - System.nanoTime();
      while (position < want && left > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        left = deadline - System.nanoTime();
      }
    }
  }

  /**
   * The member's picture now, as JSON ({@link Knowledge#toJson(Language, int)}, at most {@code
   * alertLimit} alerts in full): taken apart from the fold while the lock is held ({@link
   * Knowledge#freeze}; the fold's alerts change in place as facts are committed, so a tree handed
   * out as it is could show facts after the position it names, which a client following the stream
   * from there would then apply twice), written out after it is released, so that a large picture
   * does not hold the folds of every audience while it is written.
   */
  public byte[] now(Member member, Language language, int alertLimit) {
    return now(member, language, alertLimit, FRESH_WAIT);
  }

  /**
   * As {@link #now(Member, Language, int)}, waiting at most {@code wait} (at most {@link
   * #FRESH_WAIT}) for the folds to reach what was committed when it came; zero answers at once at
   * the position the folds stand at, for a client that follows the stream from there anyway.
   *
   * @throws IllegalArgumentException if {@code wait} is negative or longer than {@link #FRESH_WAIT}
   */
  public byte[] now(Member member, Language language, int alertLimit, Duration wait) {
    if (wait.isNegative() || wait.compareTo(FRESH_WAIT) > 0) {
      throw new IllegalArgumentException(
          "wait must be within PT0S and " + FRESH_WAIT + ": " + wait);
    }
    Knowledge k = ready(Viewer.of(member));
    awaitFresh(member, wait);
    Knowledge.Frozen frozen;
    synchronized (this) {
      frozen = k.freeze(language, alertLimit);
    }
    return Json.bytes(frozen.toJson());
  }

  /**
   * Folds, in one pass over the journal, the pictures of the audiences of {@code members} that are
   * not kept yet (a start calls it so that no member's first sign-in waits for a fold).
   *
   * @throws io.deconflict.journal.JournalException if the journal cannot be read (a later request
   *     folds again)
   */
  public void warm(Collection<Member> members) {
    Map<Viewer, CompletableFuture<Knowledge>> mine = new LinkedHashMap<>();
    synchronized (this) {
      for (Member m : members) {
        Viewer key = Viewer.of(m);
        if (!byAudience.containsKey(key) && !folding.containsKey(key) && !mine.containsKey(key)) {
          CompletableFuture<Knowledge> f = new CompletableFuture<>();
          folding.put(key, f);
          mine.put(key, f);
        }
      }
    }
    // the folds saved by the last run (D47) go on from where they stand; the others from record 1
    Path saved = file;
    long started = System.nanoTime();
    PictureFile.Saved loaded =
        saved == null || mine.isEmpty()
            ? null
            : PictureFile.load(saved, journal, retention).orElse(null);
    if (loaded != null) {
      Map<Viewer, CompletableFuture<Knowledge>> resumed = new LinkedHashMap<>();
      mine.entrySet()
          .removeIf(
              e ->
                  loaded.folds().containsKey(e.getKey())
                      && resumed.put(e.getKey(), e.getValue()) == null);
      savedPosition = Math.min(savedPosition, loaded.position());
      foldAndKeep(resumed, loaded.folds(), loaded.position() + 1);
      LOG.info(
          "resumed the sign-in pictures of {} audiences saved after record {} in {} ms (read and caught up)",
          resumed.size(),
          loaded.position(),
          (System.nanoTime() - started) / 1_000_000);
    }
    foldAndKeep(mine);
  }

  /**
   * The member's picture as it stood at {@code at}: every fact told by then (journal times never go
   * backwards), positioned at the last record accepted by then. Reads the journal up to there.
   */
  public byte[] at(Member member, Instant at, Language language, int alertLimit) {
    long upTo;
    synchronized (queue) {
      upTo = published;
    }
    Viewer key = Viewer.of(member);
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
  private Knowledge ready(Viewer key) {
    CompletableFuture<Knowledge> f;
    Map<Viewer, CompletableFuture<Knowledge>> mine = Map.of();
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
  private void foldAndKeep(Map<Viewer, CompletableFuture<Knowledge>> mine) {
    foldAndKeep(mine, Map.of(), 1);
  }

  /**
   * As above, each key's fold starting from {@code start}'s, which stand at record {@code from} -
   * 1, or from nothing (then {@code from} is 1).
   */
  private void foldAndKeep(
      Map<Viewer, CompletableFuture<Knowledge>> mine, Map<Viewer, Knowledge> start, long from) {
    if (mine.isEmpty()) {
      return;
    }
    Map<Viewer, Knowledge> folds = new LinkedHashMap<>();
    mine.keySet().forEach(key -> folds.put(key, start.getOrDefault(key, new Knowledge(retention))));
    try {
      long upTo;
      synchronized (this) {
        upTo = position;
      }
      fold(folds, from, upTo);
      synchronized (this) {
        fold(folds, upTo + 1, position);
        for (Map.Entry<Viewer, CompletableFuture<Knowledge>> e : mine.entrySet()) {
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
  private void fold(Map<Viewer, Knowledge> folds, long from, long to) {
    if (from > to) {
      return;
    }
    journal.read(
        from,
        to,
        (JournalRecord rec) -> {
          Event e = Application.toEvent(rec);
          Knowledge.Told told = new Knowledge.Told(e);
          for (Map.Entry<Viewer, Knowledge> audience : folds.entrySet()) {
            if (told(e, audience.getKey())) {
              audience.getValue().apply(told);
            }
          }
        });
  }

  private static boolean told(Event e, Viewer viewer) {
    return viewer.told(e.audience());
  }
}
