package io.deconflict.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks a journal file from its first record to its last: every record's hash recomputes from its
 * content, sequence numbers run 1, 2, 3 ... without gaps, and every record's previous hash is the
 * hash of the record before (32 zero bytes for record 1).
 *
 * <p>It therefore finds, and names the first record affected by, any change to a record's bytes,
 * and any record removed, inserted or moved, unless every later record was re-hashed too. Nothing
 * inside the file can reveal records cut off its end, or a chain rebuilt from some record on: for
 * that, compare {@link Verification#lastHashHex()} with a head hash kept elsewhere (see {@code
 * docs/journal.md}).
 *
 * <p>The file is opened read-only and never changed; SQLite may create empty {@code -wal} and
 * {@code -shm} files beside it. Verifying while a {@link SqliteJournal} appends is safe and checks
 * the records committed when the walk began. Cost: one pass over the file, one SHA-256 per record,
 * constant memory. Thread-safe: stateless.
 */
public final class JournalVerifier {

  private JournalVerifier() {}

  /**
   * Verifies the journal in {@code file}.
   *
   * @return what was found; a file that does not exist, is not an SQLite database, is damaged
   *     beyond reading, or is not a journal gives a {@link Verification} with a problem and no
   *     first bad record
   */
  public static Verification verify(Path file) {
    return verify(file, record -> {});
  }

  /**
   * Verifies the journal in {@code file} as {@link #verify(Path)} does, and hands every record that
   * passed its checks to {@code sink}, in order, as it goes (an audit that replays the journal
   * reads it once). Records after the first bad one never reach the sink.
   */
  public static Verification verify(Path file, Consumer<JournalRecord> sink) {
    if (!Files.exists(file)) {
      return unreadable(0, "no such file", Optional.empty());
    }
    if (Files.isDirectory(file)) {
      return unreadable(0, "it is a directory", Optional.empty());
    }
    Connection connection;
    try {
      connection = Sqlite.openReader(file);
    } catch (SQLException e) {
      return unreadable(0, Sqlite.reason(e), Optional.empty());
    }
    try {
      Optional<String> schemaProblem = Sqlite.schemaProblem(connection);
      if (schemaProblem.isPresent()) {
        return Verification.unreadable(
            0, "the file is not a journal: " + schemaProblem.get(), Optional.empty());
      }
    } catch (SQLException e) {
      Sqlite.closeQuietly(connection);
      return unreadable(0, Sqlite.reason(e), Optional.empty());
    }
    Chain chain = Chain.fromStart();
    try (connection;
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(Sqlite.SELECT_RECORDS + " ORDER BY seq")) {
      while (rows.next()) {
        sink.accept(chain.accept(rows));
      }
    } catch (Chain.Break e) {
      return Verification.broken(
          chain.accepted(), e.firstBadSeq(), e.problem(), chain.lastHashHex());
    } catch (SQLException e) {
      return unreadable(chain.accepted(), Sqlite.reason(e), chain.lastHashHex());
    }
    return Verification.intact(chain.accepted(), chain.lastHashHex());
  }

  private static Verification unreadable(
      long recordsChecked, String reason, Optional<String> lastHashHex) {
    String where = recordsChecked == 0 ? "" : " after record " + recordsChecked;
    return Verification.unreadable(
        recordsChecked, "the file is unreadable" + where + ": " + reason, lastHashHex);
  }
}
