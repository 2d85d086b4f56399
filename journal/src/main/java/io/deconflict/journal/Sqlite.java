package io.deconflict.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite side of the journal: how connections are opened, the schema, and SQLite's error
 * messages made readable. The schema is described in {@code docs/journal.md}.
 */
final class Sqlite {

  /** The version of the file format this code writes and reads, stored in {@code meta}. */
  static final int FORMAT_VERSION = 1;

  /** The columns {@link Chain#accept} reads, in its order; append a WHERE or ORDER BY clause. */
  static final String SELECT_RECORDS =
      "SELECT seq, time_seconds, time_nanos, type, payload, previous_hash, hash FROM records";

  static final String INSERT_RECORD =
      "INSERT INTO records (seq, time_seconds, time_nanos, type, payload, previous_hash, hash)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  static final String SELECT_LAST_SEQ = "SELECT coalesce(max(seq), 0) FROM records";

  private static final List<String> CREATE_SCHEMA =
      List.of(
          "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
          "INSERT INTO meta (key, value) VALUES ('format_version', '" + FORMAT_VERSION + "')",
          "CREATE TABLE records ("
              + "seq INTEGER PRIMARY KEY, "
              + "time_seconds INTEGER NOT NULL, "
              + "time_nanos INTEGER NOT NULL, "
              + "type TEXT NOT NULL, "
              + "payload BLOB NOT NULL, "
              + "previous_hash BLOB NOT NULL, "
              + "hash BLOB NOT NULL) STRICT",
          // Guards against mistakes, not against an attacker, who can drop them; the chain is the
          // defence against the attacker.
          "CREATE TRIGGER records_no_update BEFORE UPDATE ON records"
              + " BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END",
          "CREATE TRIGGER records_no_delete BEFORE DELETE ON records"
              + " BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END");

  /**
   * The snapshots beside the records (see {@link SqliteSnapshots}); created in every journal file
   * that lacks it, old ones included: it adds to format version 1 without changing the records.
   */
  static final String CREATE_SNAPSHOTS =
      "CREATE TABLE IF NOT EXISTS snapshots ("
          + "seq INTEGER PRIMARY KEY, "
          + "time_seconds INTEGER NOT NULL, "
          + "time_nanos INTEGER NOT NULL, "
          + "head_hash BLOB NOT NULL, "
          + "state BLOB NOT NULL, "
          + "checksum BLOB NOT NULL) STRICT";

  /**
   * The states of {@link #CREATE_SNAPSHOTS}'s rows, in chunks numbered from 0 (a row's own {@code
   * state} is then empty; snapshots stored before chunks keep their state there).
   */
  static final String CREATE_SNAPSHOT_CHUNKS =
      "CREATE TABLE IF NOT EXISTS snapshot_chunks ("
          + "seq INTEGER NOT NULL, "
          + "n INTEGER NOT NULL, "
          + "bytes BLOB NOT NULL, "
          + "PRIMARY KEY (seq, n)) STRICT, WITHOUT ROWID";

  /**
   * The keys records were appended under ({@link SqliteRecordIndex}); created in every journal file
   * that lacks it, as {@link #CREATE_SNAPSHOTS} is. Records appended before it existed have no
   * keys.
   */
  static final String CREATE_RECORD_KEYS =
      "CREATE TABLE IF NOT EXISTS record_keys ("
          + "key TEXT PRIMARY KEY, "
          + "seq INTEGER NOT NULL) STRICT, WITHOUT ROWID";

  /** {@code PRAGMA synchronous} reports FULL as 2. */
  private static final String SYNCHRONOUS_FULL = "2";

  /** How long a connection waits for another process's lock before failing. */
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  /** sqlite-jdbc's messages: {@code [SQLITE_CODE] Description (sqlite3_errmsg)}. */
  private static final Pattern DRIVER_MESSAGE = Pattern.compile("\\[\\w+\\][^(]*\\((.*)\\)\\s*");

  private Sqlite() {}

  /**
   * A read-write connection in WAL mode with {@code synchronous=FULL}: a commit returns after the
   * write-ahead log is synced. Creates the file if absent.
   */
  static Connection openWriter(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    Connection connection = config.createConnection(url(file));
    try {
      String journalMode = pragma(connection, "journal_mode");
      if (!"wal".equalsIgnoreCase(journalMode)) {
        throw new SQLException("journal_mode is " + journalMode + ", not wal (not a local disk?)");
      }
      String synchronous = pragma(connection, "synchronous");
      if (!SYNCHRONOUS_FULL.equals(synchronous)) {
        throw new SQLException("synchronous is " + synchronous + ", not FULL");
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** A read-only connection; it never changes the database file. */
  static Connection openReader(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    Connection connection = config.createConnection(url(file));
    try (Statement statement = connection.createStatement()) {
      // detect damaged pages early instead of reading past them
      statement.execute("PRAGMA cell_size_check = ON");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /**
   * Creates the schema in an empty database, or checks that an existing one is a journal of this
   * format.
   *
   * @throws JournalException if the database holds something else, or another format version
   */
  static void createOrCheckSchema(Connection connection, Path file) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      boolean committed = false;
      try {
        List<String> tables = tables(connection);
        if (tables.isEmpty()) {
          for (String sql : CREATE_SCHEMA) {
            statement.execute(sql);
          }
        } else {
          Optional<String> problem = schemaProblem(connection, tables);
          if (problem.isPresent()) {
            throw new JournalException("cannot open journal " + file + ": " + problem.get());
          }
        }
        statement.execute(CREATE_SNAPSHOTS);
        statement.execute(CREATE_RECORD_KEYS);
        statement.execute(CREATE_SNAPSHOT_CHUNKS);
        statement.execute("COMMIT");
        committed = true;
      } finally {
        if (!committed) {
          rollbackQuietly(connection);
        }
      }
    }
  }

  /**
   * Creates the snapshot tables if absent, in a file that holds snapshots only ({@link
   * SqliteSnapshots#inFile}).
   */
  static void createSnapshotTables(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(CREATE_SNAPSHOTS);
      statement.execute(CREATE_SNAPSHOT_CHUNKS);
    }
  }

  /**
   * What makes the database not a journal this code can read, if anything: missing tables or
   * another format version.
   */
  static Optional<String> schemaProblem(Connection connection) throws SQLException {
    return schemaProblem(connection, tables(connection));
  }

  private static Optional<String> schemaProblem(Connection connection, List<String> tables)
      throws SQLException {
    if (!tables.contains("records") || !tables.contains("meta")) {
      return Optional.of(
          "it is an SQLite database but not a journal (tables: "
              + (tables.isEmpty() ? "none" : String.join(", ", tables))
              + ")");
    }
    String version;
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT value FROM meta WHERE key = 'format_version'")) {
      version = rows.next() ? rows.getString(1) : null;
    }
    if (version == null) {
      return Optional.of("its meta table has no format_version");
    }
    if (!version.equals(Integer.toString(FORMAT_VERSION))) {
      return Optional.of(
          "it has journal format version "
              + version
              + "; this program reads version "
              + FORMAT_VERSION);
    }
    return Optional.empty();
  }

  /** Whether the database has the table {@code snapshots} (journals written before it may not). */
  static boolean hasSnapshotTable(Connection connection) throws SQLException {
    return hasTable(connection, "snapshots");
  }

  /** Whether the database has the table {@code name}. */
  static boolean hasTable(Connection connection, String name) throws SQLException {
    return tables(connection).contains(name);
  }

  /** The sequence number of the last record, 0 when there is none. */
  static long lastSeq(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(SELECT_LAST_SEQ)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Rolls back the open transaction, if any; a failure here changes nothing already reported. */
  static void rollbackQuietly(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      // no transaction was open (SQLite already rolled back after an I/O error), or the
      // connection is unusable and the next statement will say so
    }
  }

  /** Closes the connection; a failure to close a connection has nothing left to report to. */
  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing is lost: every statement was committed or rolled back
    }
  }

  /** SQLite's own words for the failure, such as {@code file is not a database}. */
  static String reason(SQLException e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    Matcher matcher = DRIVER_MESSAGE.matcher(message);
    return matcher.matches() ? matcher.group(1) : message;
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
      return rows.next() ? rows.getString(1) : "unknown";
    }
  }

  private static List<String> tables(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  private static String url(Path file) {
    String name = file.toString();
    if (name.contains("?")) {
      // sqlite-jdbc would take what follows for connection parameters
      throw new IllegalArgumentException("a journal path must not contain '?', got " + name);
    }
    return "jdbc:sqlite:" + name;
  }
}
