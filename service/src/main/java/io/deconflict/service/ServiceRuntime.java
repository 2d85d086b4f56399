package io.deconflict.service;

import io.deconflict.journal.Journal;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.party.Directory;
import io.deconflict.service.retention.Retention;
import io.deconflict.service.snapshot.SnapshotPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The composition root of the service: opens the journal, builds the {@link Deconfliction} state
 * machine over the configured parties and defaults, and opens the {@link Application} on them
 * (which replays the journal). Transports (HTTP, TAK) receive its {@link #application()} and never
 * open storage themselves; closing the runtime stops the application, then closes the journal.
 *
 * <p>The journal is chosen here and only here: the embedded SQLite file {@link #JOURNAL_FILE} in a
 * data directory, or any {@link Journal} given (the Kafka journal plugs in here).
 *
 * <p>Thread-safe.
 */
public final class ServiceRuntime implements AutoCloseable {

  /** The embedded journal's file name inside the data directory. */
  public static final String JOURNAL_FILE = "journal.db";

  /**
   * The file in a node's data directory that keeps its snapshots when the journal is elsewhere (on
   * Kafka, D40); the embedded journal keeps them in its own file.
   */
  public static final String SNAPSHOTS_FILE = "snapshots.db";

  /** The sign-in pictures' file in a data directory (D47). */
  public static final String PICTURES_FILE = "pictures.bin";

  /** How often the application looks for passed alert deadlines unless told otherwise. */
  public static final long DEFAULT_TICK_MILLIS = 1000;

  private final Journal journal;
  private final @Nullable Path journalFile;
  private final Directory directory;
  private final Clock clock;
  private final Application application;

  private ServiceRuntime(
      Journal journal,
      @Nullable Path journalFile,
      Directory directory,
      Defaults defaults,
      Clock clock,
      long tickMillis,
      long maxCommitBytes,
      SnapshotPolicy policy,
      Retention retention,
      @Nullable Path picturesFile) {
    this.journal = journal;
    this.journalFile = journalFile;
    this.directory = directory;
    this.clock = clock;
    Application opened;
    try {
      opened =
          Application.open(
              new Deconfliction(directory, defaults, retention),
              journal,
              clock,
              tickMillis,
              maxCommitBytes,
              policy,
              picturesFile);
    } catch (RuntimeException e) {
      journal.close();
      throw e;
    }
    this.application = opened;
  }

  /**
   * Opens (creating it if needed) the embedded journal {@code dataDirectory/journal.db}, replays it
   * and starts the application.
   *
   * @param tickMillis how often to look for passed alert deadlines
   * @throws UncheckedIOException if the data directory cannot be created
   * @throws IllegalStateException if the journal replays to a different result than it recorded
   * @throws io.deconflict.journal.JournalException if the journal cannot be opened or read
   */
  public static ServiceRuntime open(
      Path dataDirectory, Directory directory, Defaults defaults, Clock clock, long tickMillis) {
    return open(dataDirectory, directory, defaults, clock, tickMillis, SnapshotPolicy.DEFAULT);
  }

  /**
   * As {@link #open(Path, Directory, Defaults, Clock, long)}, snapshotting the state into the
   * journal as {@code policy} says; the newest usable snapshot is loaded whatever the policy.
   */
  public static ServiceRuntime open(
      Path dataDirectory,
      Directory directory,
      Defaults defaults,
      Clock clock,
      long tickMillis,
      SnapshotPolicy policy) {
    return open(dataDirectory, directory, defaults, clock, tickMillis, policy, Retention.DEFAULT);
  }

  /**
   * As {@link #open(Path, Directory, Defaults, Clock, long, SnapshotPolicy)}, keeping what is over
   * in memory as {@code retention} says (what leaves memory is read from the journal).
   */
  public static ServiceRuntime open(
      Path dataDirectory,
      Directory directory,
      Defaults defaults,
      Clock clock,
      long tickMillis,
      SnapshotPolicy policy,
      Retention retention) {
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory " + dataDirectory + ": " + e, e);
    }
    Path file = journalFile(dataDirectory);
    return new ServiceRuntime(
        SqliteJournal.open(file),
        file,
        directory,
        defaults,
        clock,
        tickMillis,
        Application.DEFAULT_MAX_COMMIT_BYTES,
        policy,
        retention,
        picturesFile(dataDirectory));
  }

  /**
   * Starts the application on a journal opened elsewhere; the runtime owns it from now on and
   * closes it on {@link #close()}.
   *
   * @param maxCommitBytes the bound on one group commit's journal payload ({@link
   *     Application#DEFAULT_MAX_COMMIT_BYTES})
   */
  public static ServiceRuntime open(
      Journal journal,
      Directory directory,
      Defaults defaults,
      Clock clock,
      long tickMillis,
      long maxCommitBytes) {
    return new ServiceRuntime(
        journal,
        null,
        directory,
        defaults,
        clock,
        tickMillis,
        maxCommitBytes,
        SnapshotPolicy.DEFAULT,
        Retention.DEFAULT,
        null);
  }

  /**
   * As {@link #open(Journal, Directory, Defaults, Clock, long, long)}, snapshotting the state into
   * the journal's {@link Journal#snapshots()} store (if it has one) as {@code policy} says: a node
   * on a Kafka journal with its local snapshot file (D40).
   */
  public static ServiceRuntime open(
      Journal journal,
      Directory directory,
      Defaults defaults,
      Clock clock,
      long tickMillis,
      long maxCommitBytes,
      SnapshotPolicy policy) {
    return new ServiceRuntime(
        journal,
        null,
        directory,
        defaults,
        clock,
        tickMillis,
        maxCommitBytes,
        policy,
        Retention.DEFAULT,
        null);
  }

  /**
   * As {@link #open(Journal, Directory, Defaults, Clock, long, long, SnapshotPolicy)}, saving the
   * sign-in pictures into the node's {@code dataDirectory} (D47).
   */
  public static ServiceRuntime open(
      Journal journal,
      Directory directory,
      Defaults defaults,
      Clock clock,
      long tickMillis,
      long maxCommitBytes,
      SnapshotPolicy policy,
      Path dataDirectory) {
    return new ServiceRuntime(
        journal,
        null,
        directory,
        defaults,
        clock,
        tickMillis,
        maxCommitBytes,
        policy,
        Retention.DEFAULT,
        picturesFile(dataDirectory));
  }

  /**
   * The file in a data directory where the sign-in pictures are saved (D47): a cache beside the
   * journal; deleting it costs the next start one fold of the whole journal.
   */
  public static Path picturesFile(Path dataDirectory) {
    return dataDirectory.resolve(PICTURES_FILE);
  }

  /** A node's snapshot file in a data directory, for a journal kept elsewhere (D40). */
  public static Path snapshotsFile(Path dataDirectory) {
    return dataDirectory.resolve(SNAPSHOTS_FILE);
  }

  /** The embedded journal's file in a data directory. */
  public static Path journalFile(Path dataDirectory) {
    return dataDirectory.resolve(JOURNAL_FILE);
  }

  /** The running application, for the transports. */
  public Application application() {
    return application;
  }

  /**
   * The journal, for what follows it beside the application (the feed of notifications to the
   * detection job, D32); the runtime still owns it.
   */
  public Journal journal() {
    return journal;
  }

  /** The parties and members. */
  public Directory directory() {
    return directory;
  }

  /** The clock the application runs on. */
  public Clock clock() {
    return clock;
  }

  /** The journal's file, if the journal is the embedded one. */
  public Optional<Path> journalFile() {
    return Optional.ofNullable(journalFile);
  }

  /** Stops the application (finishing queued commands), then closes the journal. */
  @Override
  public void close() {
    try {
      application.close();
    } finally {
      journal.close();
    }
  }
}
