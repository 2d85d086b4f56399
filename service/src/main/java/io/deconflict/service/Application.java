package io.deconflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.geojson.StrictJson;
import io.deconflict.journal.Entry;
import io.deconflict.journal.HeadMovedException;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalException;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.Snapshot;
import io.deconflict.journal.Snapshots;
import io.deconflict.service.alert.ArchivedConflict;
import io.deconflict.service.command.ChangeSettings;
import io.deconflict.service.command.Command;
import io.deconflict.service.command.CommandCodec;
import io.deconflict.service.command.FindConflict;
import io.deconflict.service.command.RecordRefusedSignIn;
import io.deconflict.service.command.ReportPositions;
import io.deconflict.service.command.Tick;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.deconflict.service.picture.Pictures;
import io.deconflict.service.proposal.Acceptance;
import io.deconflict.service.retention.Archive;
import io.deconflict.service.retention.JournalArchive;
import io.deconflict.service.review.IsoWeek;
import io.deconflict.service.review.Reviews;
import io.deconflict.service.snapshot.MalformedStateException;
import io.deconflict.service.snapshot.SnapshotPolicy;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Deconfliction} state machine for a live service: commands from many threads go
 * through one writer, which executes a batch of them, appends all their facts to the journal in one
 * durable commit (group commit), and only then answers the callers and pushes the facts to
 * subscribers. Reads run under a read lock and never see a fact that is not yet durable.
 *
 * <p>The writer's queue is fair ({@link WriteQueue}): interactive commands (acknowledgements,
 * hotline posts, notifications, a single position report) go before bulk position batches, and bulk
 * batches take turns by member, so a member's bulk load costs its own latency.
 *
 * <p>On open it loads the newest intact snapshot the journal holds that was taken under the same
 * configuration and still matches the journal (its record has its head hash), then replays the
 * journal's commands after it (all of them without a snapshot) at their recorded times, and checks
 * that each gives the result it gave the first time. A snapshot that cannot be used is skipped with
 * a log line. While it runs it snapshots the state as its {@link SnapshotPolicy} says: the state is
 * encoded on the writer thread between two commits, and stored by a background thread.
 *
 * <p>Thread-safe.
 */
public final class Application implements AutoCloseable {

  private static final int MAX_BATCH = 1024;

  /**
   * The reports of bulk position batches one group commit takes at most (one larger batch goes
   * alone): what an interactive command that arrives during a commit may have to wait for.
   */
  static final int BULK_REPORTS_PER_COMMIT = 2_048;

  /**
   * The default bound on one group commit's journal payload: once the facts of the commands taken
   * into a commit reach it, the commit is written and the remaining commands go into the next. One
   * command's facts are never split.
   */
  public static final long DEFAULT_MAX_COMMIT_BYTES = 16L << 20;

  /** How often a batch is executed again after other nodes appended first, at most. */
  static final int MAX_TRIES = 50;

  /** On a shared journal, how many records the rollback point may fall behind the head. */
  static final int CHECKPOINT_EVERY = 4_096;

  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private Deconfliction state;
  private final Journal journal;
  private final SnapshotPolicy policy;
  private final ExecutorService saver;
  private final AtomicBoolean saving = new AtomicBoolean();

  /** The last record appended or replayed; the writer thread's once it runs. */
  private @Nullable JournalRecord head;

  /** Where the last snapshot taken or loaded stands. */
  private long snapshotSeq;

  private @Nullable Instant snapshotTime;
  private long loadedSnapshot;
  private @Nullable Pictures pictures;
  private final Reviews reviews;
  private final Clock clock;
  private final long maxCommitBytes;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final WriteQueue<Pending> queue =
      new WriteQueue<>(MAX_BATCH, BULK_REPORTS_PER_COMMIT, Pending::by, Pending::bulkReports);
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final Thread writer;
  private final ScheduledExecutorService ticker;
  private volatile WriterObserver observer = WriterObserver.NONE;
  private volatile @Nullable String failure;
  private volatile boolean closed;
  private Instant lastTime = Instant.EPOCH;
  private long replayed;

  /** Whether other processes append to the journal too (D27, part 2): the writer folds theirs. */
  private final boolean shared;

  /** How long the writer waits for commands before it looks for other nodes' records. */
  private final long idleMillis;

  /**
   * Whether the settings that change outcomes the configuration asks for ({@link
   * OutcomeSettings#of} of the defaults' dead reckoning) are in force in the journal: journaled at
   * the first write when they differ from what the journal last recorded. The writer's.
   */
  private boolean settled;

  /** Where a rollback starts, on a shared journal; the writer's. */
  private @Nullable Checkpoint checkpoint;

  record Pending(Command command, String by, CompletableFuture<JsonNode> done) {

    /** The reports of a position batch of more than one, else 0 (the interactive lane). */
    int bulkReports() {
      return command instanceof ReportPositions r && r.reports().size() > 1
          ? r.reports().size()
          : 0;
    }
  }

  private Application(
      Deconfliction state,
      Journal journal,
      Clock clock,
      long tickMillis,
      long maxCommitBytes,
      SnapshotPolicy policy,
      @Nullable Path picturesFile) {
    if (maxCommitBytes < 1) {
      throw new IllegalArgumentException("maxCommitBytes must be positive, got " + maxCommitBytes);
    }
    this.state = state;
    this.journal = journal;
    this.policy = policy;
    this.saver =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "deconflict-snapshot");
              t.setDaemon(true);
              return t;
            });
    this.clock = clock;
    this.maxCommitBytes = maxCommitBytes;
    this.shared = journal.followEvery().isPresent();
    this.reviews = new Reviews(journal, member -> read(q -> directoryMember(member)));
    this.idleMillis = journal.followEvery().map(d -> Math.max(1, d.toMillis())).orElse(100L);
    state.archive(journal.index().<Archive>map(JournalArchive::new).orElse(Archive.NONE));
    recover();
    checkpointIfDue();
    JournalRecord recovered = head;
    Pictures kept =
        new Pictures(
            journal,
            recovered == null ? 0 : recovered.seq(),
            state.retention(),
            picturesFile,
            policy);
    this.pictures = kept;
    this.writer = new Thread(this::writeLoop, "deconflict-writer");
    writer.setDaemon(true);
    writer.start();
    warm(kept, state.directory().members());
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "deconflict-clock");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(this::tickIfDue, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Rebuilds the state from the journal and starts the writer and the deadline clock.
   *
   * @param tickMillis how often to look for passed alert deadlines
   */
  public static Application open(
      Deconfliction state, Journal journal, Clock clock, long tickMillis) {
    return new Application(
        state, journal, clock, tickMillis, DEFAULT_MAX_COMMIT_BYTES, SnapshotPolicy.DEFAULT, null);
  }

  /**
   * As {@link #open(Deconfliction, Journal, Clock, long)}, with another bound on the journal
   * payload of one group commit ({@link #DEFAULT_MAX_COMMIT_BYTES}).
   */
  public static Application open(
      Deconfliction state, Journal journal, Clock clock, long tickMillis, long maxCommitBytes) {
    return new Application(
        state, journal, clock, tickMillis, maxCommitBytes, SnapshotPolicy.DEFAULT, null);
  }

  /**
   * As {@link #open(Deconfliction, Journal, Clock, long, long)}, snapshotting as {@code policy}
   * says. {@code state} must be empty: the state comes from the journal (and its snapshots).
   */
  public static Application open(
      Deconfliction state,
      Journal journal,
      Clock clock,
      long tickMillis,
      long maxCommitBytes,
      SnapshotPolicy policy) {
    return new Application(state, journal, clock, tickMillis, maxCommitBytes, policy, null);
  }

  /**
   * As {@link #open(Deconfliction, Journal, Clock, long, long, SnapshotPolicy)}, saving the sign-in
   * pictures into {@code picturesFile} as {@code policy} says for the state's snapshots, so that a
   * start folds only the journal's records after them (D47); null saves none.
   */
  public static Application open(
      Deconfliction state,
      Journal journal,
      Clock clock,
      long tickMillis,
      long maxCommitBytes,
      SnapshotPolicy policy,
      @Nullable Path picturesFile) {
    return new Application(state, journal, clock, tickMillis, maxCommitBytes, policy, picturesFile);
  }

  /** The record after which the snapshot loaded on open stands, if one was loaded. */
  public Optional<Long> loadedSnapshot() {
    return loadedSnapshot == 0 ? Optional.empty() : Optional.of(loadedSnapshot);
  }

  /**
   * Reports the writer's work to {@code o} from now on (one observer; a later call replaces it).
   */
  public void observe(WriterObserver o) {
    this.observer = o;
  }

  /**
   * Why the application takes no writes now (its journal failed, or it is shutting down), or empty
   * if it takes them: what the readiness endpoint asks.
   */
  public Optional<String> notWritable() {
    String failed = failure;
    if (failed != null) {
      return Optional.of(failed);
    }
    return closed ? Optional.of("shutting down") : Optional.empty();
  }

  /** How many commands were replayed from the journal on open. */
  public long replayedCommands() {
    return replayed;
  }

  /**
   * Runs a command; returns its reply once its facts are durable.
   *
   * @throws ServiceException if it is refused (nothing stored) or the service cannot write
   */
  public JsonNode submit(Member by, Command command) {
    return submit(command, by.id());
  }

  /**
   * Runs a command given as its JSON body, read by {@link CommandCodec} (for tools and tests that
   * hold JSON; transports decode or build the {@link Command} themselves).
   *
   * @throws ServiceException if it is refused (nothing stored) or the service cannot write
   */
  public JsonNode submit(Member by, String type, JsonNode body) {
    requireWritable();
    return submit(by, CommandCodec.decode(type, body));
  }

  /**
   * Journals a refused sign-in as the service itself (for the access gate, which bounds how many);
   * returns once it is durable.
   *
   * @throws ServiceException if the service cannot write
   */
  public JsonNode record(RecordRefusedSignIn refusal) {
    return submit(refusal, Deconfliction.SYSTEM);
  }

  /**
   * Accepts a resolution proposal for the member's own movement in an alert (D41), by the member's
   * own action: checks it under the read lock, then submits the movement's new version ({@code
   * item.notify}, the normal path) and the coded reply to the conflict's thread ({@code
   * hotline.post}), each journaled as the member's command. Between the check and the new version
   * another command may change the picture; the new version is then detected as every version is.
   *
   * @param body {@code {"delayMinutes": n}} or {@code {"advanceMinutes": n}}
   * @return the alert, the movement's id and new version, and the message posted
   * @throws ServiceException as {@link Queries#acceptance} and {@link Acceptance#shift}
   */
  public JsonNode acceptProposal(Member by, String alert, JsonNode body) {
    Duration shift = Acceptance.shift(body);
    Instant now = clock.instant();
    Acceptance a = read(q -> q.acceptance(by, alert, shift, now));
    JsonNode notified = submit(by, a.newVersion());
    JsonNode posted = submit(by, a.reply());
    ObjectNode out = Json.object().put("alert", a.alert()).put("item", a.item());
    out.set("version", notified.path("version"));
    out.put(shift.isNegative() ? "advanceMinutes" : "delayMinutes", shift.abs().toMinutes());
    out.set("message", posted);
    return out;
  }

  /**
   * Journals a conflict the detection job reported (D32) as the service itself; returns once it is
   * durable, with the conflict id its alerts were raised under.
   *
   * @throws ServiceException conflict if the state's items do not give it or it is raised already
   *     (nothing stored), or unavailable if the service cannot write
   */
  public JsonNode found(FindConflict conflict) {
    return submit(conflict, Deconfliction.SYSTEM);
  }

  private void requireWritable() {
    String failed = failure;
    if (failed != null || closed) {
      throw ServiceException.unavailable(
          "the service is not accepting writes: " + (failed != null ? failed : "shutting down"));
    }
  }

  private JsonNode submit(Command command, String by) {
    requireWritable();
    CompletableFuture<JsonNode> done = new CompletableFuture<>();
    queue.add(new Pending(command, by, done));
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServiceException.unavailable("interrupted while waiting for the journal");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Runs {@code query} on the read side of the state under the read lock. */
  public <T> T read(Function<Queries, T> query) {
    lock.readLock().lock();
    try {
      return query.apply(state);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Folds every audience's sign-in picture in the background, in one pass over the journal, so that
   * no member's first sign-in after a start waits for it (the first at 30,000 units took minutes).
   */
  private static void warm(Pictures pictures, List<Member> members) {
    Thread warmer =
        new Thread(
            () -> {
              try {
                pictures.warm(members);
              } catch (RuntimeException e) { // closed meanwhile, or unreadable: asked again later
                LOG.debug("did not fold the sign-in pictures ahead: {}", e.toString());
              }
            },
            "deconflict-pictures");
    warmer.setDaemon(true);
    warmer.setPriority(Thread.MIN_PRIORITY);
    warmer.start();
  }

  /**
   * The member's sign-in picture now ({@link Pictures}), as JSON: its party's event stream folded
   * (at most {@code alertLimit} alerts in full), and the position to follow the stream from.
   */
  public byte[] picture(Member member, Language language, int alertLimit) {
    return Objects.requireNonNull(pictures).now(member, language, alertLimit);
  }

  /**
   * As {@link #picture(Member, Language, int)}, waiting at most {@code wait} (zero to {@link
   * Pictures#FRESH_WAIT}) for the pictures to reach the member's last commit.
   */
  public byte[] picture(Member member, Language language, int alertLimit, Duration wait) {
    return Objects.requireNonNull(pictures).now(member, language, alertLimit, wait);
  }

  /**
   * The member's picture as it stood at {@code at}: the facts told by then, folded (at most {@code
   * alertLimit} alerts in full).
   */
  public byte[] picture(Member member, Instant at, Language language, int alertLimit) {
    return Objects.requireNonNull(pictures).at(member, at, language, alertLimit);
  }

  /**
   * The weekly review of an agreement as the member's audience was told of it ({@link Reviews}):
   * computed from the journal, kept once the week is over.
   *
   * @throws ServiceException (not found) if the member's audience was never told of the agreement
   */
  public ObjectNode review(Member member, String agreement, IsoWeek week) {
    return reviews.review(agreement, week, Viewer.of(member), clock.instant());
  }

  private Optional<Member> directoryMember(String id) {
    return state.directory().member(id);
  }

  /**
   * The sequence number of the last record folded into the state: on a shared journal (D27) it
   * trails {@link #lastSeq()} while this node has not yet folded what others appended.
   */
  public long foldedSeq() {
    lock.readLock().lock();
    try {
      return headSeq();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The sequence number of the newest durable fact. */
  public long lastSeq() {
    return journal.lastSeq();
  }

  /**
   * Subscribes to facts for {@code member}: first every journaled fact after {@code afterSeq} the
   * member's audience includes, then live ones, without gap or repeat.
   */
  public Subscription subscribe(Member member, long afterSeq) {
    // it starts behind: the reader's first call to next() reads the journal after afterSeq on its
    // own thread (a long backlog never stalls the writer), then the subscription goes live
    Subscription s = new Subscription(member, afterSeq, journal);
    subscriptions.add(s);
    return s;
  }

  /** Stops delivering to {@code s}. */
  public void unsubscribe(Subscription s) {
    subscriptions.remove(s);
  }

  /** Submits a clock tick if an alert deadline has passed. */
  public void tickIfDue() {
    try {
      Optional<Instant> due = read(Queries::nextDeadline);
      if (due.isPresent() && !due.get().isAfter(clock.instant()) && failure == null && !closed) {
        submit(new Tick(), Deconfliction.SYSTEM);
      }
    } catch (RuntimeException e) {
      // the next tick tries again; a failed journal is reported through failure
    }
  }

  private void recover() {
    long from = loadSnapshot() + 1;
    journal.read(
        from,
        rec -> {
          head = rec;
          if (replay(state, rec)) {
            lastTime = rec.time();
            replayed++;
          }
        });
  }

  /**
   * Applies a journal record to a state as a start does: a command is executed again at its
   * recorded time and must give the result it gave then; a derived fact changes nothing.
   *
   * @return whether the record was a command
   * @throws IllegalStateException if the command is refused now, or gives another result
   */
  public static boolean replay(Deconfliction state, JournalRecord rec) {
    if (!Deconfliction.COMMANDS.contains(rec.type())) {
      if (rec.type().equals(ArchivedConflict.TYPE)) {
        state.journaled(parse(rec).path("body").path("conflictId").asText());
      }
      return false;
    }
    ObjectNode payload = parse(rec);
    ObjectNode body = (ObjectNode) payload.path("body").deepCopy();
    JsonNode expected = body.remove("result");
    Outcome outcome;
    try {
      outcome = state.execute(rec.type(), payload.path("by").asText(), body, rec.time());
    } catch (ServiceException e) {
      throw new IllegalStateException(
          "journal record "
              + rec.seq()
              + " was accepted once but is refused on replay: "
              + e.getMessage(),
          e);
    }
    JsonNode again = outcome.facts().get(0).body().path("result");
    if (expected != null && !expected.equals(again)) {
      throw new IllegalStateException(
          "journal record "
              + rec.seq()
              + " replays to a different result: "
              + expected
              + " then, "
              + again
              + " now");
    }
    return true;
  }

  /**
   * Loads the newest usable snapshot, if any, into {@link #state}; returns the record it stands
   * after, or 0.
   */
  private long loadSnapshot() {
    Snapshots store = journal.snapshots().orElse(null);
    if (store == null) {
      return 0;
    }
    for (long seq : store.positions()) {
      long started = System.nanoTime();
      Snapshots.Stored stored = store.load(seq);
      Snapshot snapshot = stored.snapshot().orElse(null);
      if (!stored.intact() || snapshot == null) {
        LOG.warn("skipping the {}; trying an older one", stored.problem().orElse("snapshot"));
        continue;
      }
      List<JournalRecord> at = new ArrayList<>(1);
      journal.read(seq, seq, at::add);
      if (at.isEmpty() || !snapshot.follows(at.get(0))) {
        LOG.warn(
            "skipping the snapshot after record {}: the journal {}; trying an older one",
            seq,
            at.isEmpty() ? "has no such record" : "has another record there");
        continue;
      }
      long read = System.nanoTime();
      Deconfliction restored;
      try (InputStream in = new BufferedInputStream(snapshot.openState(), 1 << 16)) {
        restored =
            Deconfliction.restore(state.directory(), state.defaults(), state.retention(), in);
        restored.archive(state.archive());
      } catch (IOException | UncheckedIOException e) {
        LOG.warn(
            "skipping the snapshot after record {}: cannot read it: {}; trying an older one",
            seq,
            e.toString());
        continue;
      } catch (MalformedStateException e) {
        LOG.warn(
            "skipping the snapshot after record {}: {}; trying an older one", seq, e.getMessage());
        continue;
      }
      state = restored;
      head = at.get(0);
      lastTime = snapshot.time();
      snapshotSeq = seq;
      snapshotTime = snapshot.time();
      loadedSnapshot = seq;
      LOG.info(
          "loaded the snapshot after record {} ({} bytes) in {} ms ({} ms to read and check it,"
              + " {} ms to restore the state)",
          seq,
          snapshot.stateLength(),
          (System.nanoTime() - started) / 1_000_000,
          (read - started) / 1_000_000,
          (System.nanoTime() - read) / 1_000_000);
      return seq;
    }
    return 0;
  }

  /**
   * Takes a snapshot if the policy says one is due and none is being stored (with {@code force}: if
   * anything was appended since the last, after the one being stored): encodes the state on the
   * calling thread, which must be the only one changing the state, and stores it on the saver's.
   */
  private void maybeSnapshot(boolean force) {
    JournalRecord last = head;
    Snapshots store = journal.snapshots().orElse(null);
    if (last == null || store == null || failure != null || last.seq() <= snapshotSeq) {
      return;
    }
    Instant since = snapshotTime;
    if (since == null) {
      since = last.time();
      snapshotTime = since;
    }
    if (!force && !policy.due(last.seq() - snapshotSeq, Duration.between(since, last.time()))) {
      return;
    }
    if (!saving.compareAndSet(false, true) && !force) {
      return; // the previous one is still being stored: the next commit tries again
    }
    Snapshot snapshot;
    Path file = null;
    try {
      // into a file, one chunk of the state in memory at a time; stored from there by the saver
      file = Files.createTempFile("deconflict-snapshot-" + last.seq() + "-", ".state");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        state.snapshot(out);
      }
      snapshot = Snapshot.ofFile(last.seq(), last.time(), last.hash(), file);
    } catch (IOException | RuntimeException e) {
      saving.set(false);
      deleteQuietly(file);
      LOG.error("cannot encode a snapshot after record {}", last.seq(), e);
      return;
    }
    Path written = file;
    snapshotSeq = last.seq();
    snapshotTime = last.time();
    saver.execute(
        () -> {
          try {
            store.save(snapshot, policy.keep());
          } catch (RuntimeException e) {
            LOG.warn("cannot store the snapshot after record {}", snapshot.seq(), e);
          } finally {
            deleteQuietly(written);
            saving.set(false);
          }
        });
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("cannot delete the snapshot's scratch file {}: {}", file, e.toString());
      }
    }
  }

  private void writeLoop() {
    while (!closed || queue.size() > 0) {
      Deque<Pending> waiting;
      try {
        waiting = new ArrayDeque<>(queue.take(idleMillis, TimeUnit.MILLISECONDS));
      } catch (InterruptedException e) {
        break;
      }
      if (waiting.isEmpty()) {
        if (shared) {
          follow();
          maybeSnapshot(false); // a node that only follows others snapshots too (D40)
        }
        continue;
      }
      writeBatch(waiting);
      maybeSnapshot(false);
      // past the commit's byte bound: back to the front of their lanes for the next commit
      queue.putBack(new ArrayList<>(waiting));
    }
    for (Pending p : queue.drain()) {
      p.done.completeExceptionally(ServiceException.unavailable("the service is shutting down"));
    }
  }

  /** How many commands wait for the writer, not counting those of the commit in progress. */
  public int queuedCommands() {
    return queue.size();
  }

  /**
   * Applies commands from the front of {@code waiting} and writes their facts in one durable
   * commit, taking no more commands once the facts reach {@link #maxCommitBytes}. On a shared
   * journal it first folds what other nodes appended, and appends only if nobody appended since;
   * else it rolls the state back, folds their records and executes the same commands again.
   */
  private void writeBatch(Deque<Pending> waiting) {
    WriterObserver watch = observer;
    List<Event> followed = new ArrayList<>();
    Attempt<Pending> attempt;
    List<JournalRecord> records = List.of();
    lock.writeLock().lock();
    try {
      followed.addAll(catchUp());
      boolean settling = settle(waiting);
      attempt = execute(waiting, true, watch);
      for (int tries = 1; !attempt.entries.isEmpty(); tries++) {
        long appending = System.nanoTime();
        try {
          records =
              shared
                  ? journal.appendAfter(headSeq(), attempt.entries)
                  : journal.append(attempt.entries);
          committed(watch, records.size(), System.nanoTime() - appending);
          head = records.get(records.size() - 1);
          settled |= settling;
          for (Fact f : attempt.facts) {
            if (f.type().equals(ArchivedConflict.TYPE)) {
              state.journaled(f.body().path("conflictId").asText());
            }
          }
          break;
        } catch (HeadMovedException moved) {
          if (tries >= MAX_TRIES) {
            busy(attempt, moved);
            return;
          }
          rollBack();
          followed.addAll(catchUp());
          ArrayDeque<Pending> again = new ArrayDeque<>(attempt.batch);
          if (settling && wantedSettings().equals(state.settings())) {
            again.removeFirst(); // another node journaled the same settings first
            settling = false;
            settled = true;
          }
          attempt = execute(again, false, watch);
        } catch (RuntimeException e) {
          failure = "the journal failed: " + e.getMessage();
          for (int i = 0; i < attempt.batch.size(); i++) {
            if (attempt.replies.get(i) != null) {
              attempt
                  .batch
                  .get(i)
                  .done
                  .completeExceptionally(ServiceException.unavailable(failure));
            }
          }
          records = List.of();
          attempt.replies.replaceAll(r -> null);
          break;
        }
      }
      checkpointIfDue();
    } finally {
      lock.writeLock().unlock();
      publish(followed);
    }
    if (shared) {
      attempt.answerRefusals(attempt.batch.stream().map(Pending::done).toList());
    }
    if (records.isEmpty()) {
      return;
    }
    List<Event> events = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      Fact f = attempt.facts.get(i);
      events.add(
          new Event(
              records.get(i).seq(),
              attempt.times.get(i),
              f.type(),
              f.by(),
              f.audience(),
              f.body()));
    }
    // handed to the pictures' own thread; a request for a picture waits for it (Pictures.now)
    Pictures p = pictures;
    if (p != null) {
      p.committed(events, records.get(records.size() - 1).seq());
    }
    for (int i = 0; i < attempt.batch.size(); i++) {
      JsonNode reply = attempt.replies.get(i);
      if (reply != null) {
        attempt.batch.get(i).done.complete(reply);
      }
    }
    for (Event event : events) {
      for (Subscription s : subscriptions) {
        s.offer(event);
      }
    }
  }

  /**
   * Puts the journaling of the configured settings at the front of {@code waiting}, unless they are
   * in force already (then nothing is journaled, now or later); returns whether it did.
   */
  private boolean settle(Deque<Pending> waiting) {
    if (settled || failure != null) {
      return false;
    }
    OutcomeSettings wanted = wantedSettings();
    if (wanted.equals(state.settings())) {
      settled = true;
      return false;
    }
    waiting.addFirst(
        new Pending(new ChangeSettings(wanted), Deconfliction.SYSTEM, new CompletableFuture<>()));
    return true;
  }

  /** The settings the configuration asks for: its dead reckoning and formations. */
  private OutcomeSettings wantedSettings() {
    Defaults d = state.defaults();
    return OutcomeSettings.of(d.deadReckoning(), d.formations());
  }

  /**
   * Executes commands from the front of {@code source} on the state (with {@code bounded}, until
   * their facts reach {@link #maxCommitBytes}). A refusal is answered at once on a journal of this
   * process alone, and after the append on a shared one (a retry may accept the command).
   */
  private Attempt<Pending> execute(Deque<Pending> source, boolean bounded, WriterObserver watch) {
    Attempt<Pending> a = new Attempt<>();
    while (!source.isEmpty() && (!bounded || a.bytes < maxCommitBytes)) {
      Pending p = source.poll();
      a.batch.add(p);
      String failed = failure;
      if (failed != null) {
        refuse(a, p, ServiceException.unavailable(failed));
        continue;
      }
      Instant now = clock.instant();
      if (now.isBefore(lastTime)) {
        now = lastTime; // the journal's times never go backwards
      }
      long started = System.nanoTime();
      try {
        Outcome outcome = state.execute(p.command, p.by, now);
        lastTime = now;
        for (Fact f : outcome.facts()) {
          byte[] payload = payload(f);
          a.bytes += payload.length;
          a.entries.add(new Entry(now, f.type(), payload, f.keys()));
          a.facts.add(f);
          a.times.add(now);
        }
        a.replied(outcome.reply());
      } catch (ServiceException e) {
        refuse(a, p, e);
      } catch (RuntimeException e) {
        // a bug: the command was checked, then failed while changing state
        failure = "internal error while applying a command: " + e;
        refuse(a, p, e);
      } finally {
        executed(watch, p.command.type(), System.nanoTime() - started);
      }
    }
    return a;
  }

  private void refuse(Attempt<Pending> a, Pending p, RuntimeException why) {
    a.refused(why);
    if (!shared) {
      p.done.completeExceptionally(why);
    }
  }

  /** Other nodes kept appending first: the batch's commands are answered 503, nothing stored. */
  private void busy(Attempt<Pending> a, HeadMovedException moved) {
    LOG.warn("gave up a batch of {} commands after {} tries: {}", a.batch.size(), MAX_TRIES, moved);
    rollBack();
    for (Pending p : a.batch) {
      p.done.completeExceptionally(
          ServiceException.unavailable(
              "other service nodes kept appending to the journal first; nothing was stored, try"
                  + " again"));
    }
  }

  private long headSeq() {
    JournalRecord h = head;
    return h == null ? 0 : h.seq();
  }

  /**
   * On a shared journal, folds the records other nodes appended after {@link #head} into the state,
   * as a start replays them, and returns them as events to publish. The writer's, under the write
   * lock. A record that replays to another result stops the writer ({@link #failure}); a journal
   * that cannot be read now is tried again at the next batch (the append after a stale head is
   * refused anyway).
   */
  private List<Event> catchUp() {
    if (!shared || failure != null) {
      return List.of();
    }
    List<Event> events = new ArrayList<>();
    try {
      journal.read(
          headSeq() + 1,
          rec -> {
            fold(rec);
            events.add(toEvent(rec));
          });
    } catch (JournalException e) {
      LOG.warn(
          "cannot read the records other nodes appended after {}: {}", headSeq(), e.toString());
    } catch (RuntimeException e) {
      failure = "cannot fold the journal: " + e.getMessage();
      LOG.error("cannot fold the records other nodes appended", e);
    }
    return events;
  }

  private void fold(JournalRecord rec) {
    replay(state, rec);
    head = rec;
    if (rec.time().isAfter(lastTime)) {
      lastTime = rec.time();
    }
  }

  /**
   * Puts the state back where it stood after the records appended (the commands just executed were
   * not stored): restores the last checkpoint and folds the journal up to {@link #head} again.
   */
  private void rollBack() {
    long to = headSeq();
    Checkpoint c = Objects.requireNonNull(checkpoint, "no checkpoint on a shared journal");
    try {
      Deconfliction restored =
          Deconfliction.restore(state.directory(), state.defaults(), state.retention(), c.state());
      restored.archive(state.archive()); // what left memory is still read from the journal
      state = restored;
      head = c.head();
      lastTime = c.lastTime();
      if (to > headSeq()) {
        journal.read(headSeq() + 1, to, this::fold);
      }
    } catch (RuntimeException e) {
      failure = "cannot roll the state back after another node appended: " + e.getMessage();
      LOG.error("cannot roll the state back", e);
    }
  }

  /** On a shared journal, encodes the state as the rollback point once it is far enough behind. */
  private void checkpointIfDue() {
    if (!shared || failure != null) {
      return;
    }
    Checkpoint c = checkpoint;
    if (c == null || headSeq() - c.seq() >= CHECKPOINT_EVERY) {
      checkpoint = new Checkpoint(head, lastTime, state.snapshot());
    }
  }

  /** Hands records other nodes appended to the pictures and the subscribers. */
  private void publish(List<Event> followed) {
    if (followed.isEmpty()) {
      return;
    }
    Pictures p = pictures;
    if (p != null) {
      p.committed(followed, followed.get(followed.size() - 1).seq());
    }
    for (Event event : followed) {
      for (Subscription s : subscriptions) {
        s.offer(event);
      }
    }
  }

  /** While idle on a shared journal: folds and publishes what other nodes appended. */
  private void follow() {
    List<Event> followed;
    lock.writeLock().lock();
    try {
      followed = catchUp();
      checkpointIfDue();
    } finally {
      lock.writeLock().unlock();
    }
    publish(followed);
  }

  /** The state as it stood after {@code head}: where a rollback starts. */
  private record Checkpoint(@Nullable JournalRecord head, Instant lastTime, byte[] state) {
    long seq() {
      return head == null ? 0 : head.seq();
    }
  }

  /** Tells the observer; an observer's failure is not the command's. */
  private static void executed(WriterObserver watch, String type, long nanos) {
    try {
      watch.executed(type, nanos);
    } catch (RuntimeException e) {
      // metrics lost, nothing else
    }
  }

  private static void committed(WriterObserver watch, int records, long nanos) {
    try {
      watch.committed(records, nanos);
    } catch (RuntimeException e) {
      // metrics lost, nothing else
    }
  }

  private static byte[] payload(Fact fact) {
    ObjectNode payload = Json.object();
    payload.put("by", fact.by());
    payload.set("audience", fact.audience().toJson());
    payload.set("body", fact.body());
    return Json.bytes(payload);
  }

  private static ObjectNode parse(JournalRecord rec) {
    try {
      return (ObjectNode) StrictJson.readJournaled(rec.payload());
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("journal record " + rec.seq() + " is not a JSON object", e);
    }
  }

  /** A journal record as an event. */
  public static Event toEvent(JournalRecord rec) {
    ObjectNode payload = parse(rec);
    return new Event(
        rec.seq(),
        rec.time(),
        rec.type(),
        payload.path("by").asText(),
        Audience.fromJson(payload.path("audience")),
        (ObjectNode) payload.path("body"));
  }

  /** Stops taking commands, finishes the queued ones, stops the clock. The journal stays open. */
  @Override
  public void close() {
    closed = true;
    ticker.shutdownNow();
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (policy.onClose() && !writer.isAlive()) {
      maybeSnapshot(true); // stored after any periodic one still being stored
    }
    saver.shutdown();
    try {
      if (!saver.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("a snapshot was still being stored after 60 s; the next start may not use it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Subscription s : subscriptions) {
      s.close();
    }
    Pictures p = pictures;
    if (p != null) {
      p.close();
    }
  }
}
