package io.deconflict.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link RecordIndex} of a journal in an SQLite file: the table {@code record_keys} (key, seq)
 * beside {@code records}, written by the journal's writer in the transaction of the records (schema
 * in {@code docs/journal.md}). Reads open a read-only connection each.
 *
 * <p>Thread-safe: SQLite serialises the connections.
 */
public final class SqliteRecordIndex implements RecordIndex {

  static final String INSERT = "INSERT INTO record_keys (key, seq) VALUES (?, ?)";

  private final Path file;

  SqliteRecordIndex(Path file) {
    this.file = file;
  }

  /**
   * The index of the journal in {@code file}, for reading only (an audit); a journal file written
   * before the index existed has no keys.
   */
  public static SqliteRecordIndex readOnly(Path file) {
    return new SqliteRecordIndex(file);
  }

  @Override
  public Optional<JournalRecord> record(String key) {
    Optional<Long> seq = find(key);
    return seq.isEmpty() ? Optional.empty() : record(seq.get());
  }

  @Override
  public Optional<JournalRecord> record(long seq) {
    try (Connection connection = Sqlite.openReader(file);
        PreparedStatement select =
            connection.prepareStatement(Sqlite.SELECT_RECORDS + " WHERE seq = ?")) {
      select.setLong(1, seq);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(Chain.startingAt(seq).accept(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new JournalException(
          "cannot read record " + seq + " of " + file + ": " + Sqlite.reason(e), e);
    } catch (Chain.Break e) {
      throw new JournalException(
          "journal " + file + " is damaged: " + e.problem() + "; run deconflict audit verify", e);
    }
  }

  @Override
  public Optional<Long> find(String key) {
    try (Connection connection = Sqlite.openReader(file);
        PreparedStatement select =
            connection.prepareStatement("SELECT seq FROM record_keys WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new JournalException(
          "cannot read the keys of " + file + ": " + Sqlite.reason(e) + " (key " + key + ")", e);
    }
  }

  @Override
  public List<Keyed> descending(String prefix, String before, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
    }
    List<Keyed> out = new ArrayList<>();
    if (limit == 0) {
      return out;
    }
    String upper = before.startsWith(prefix) ? before : prefix + '\u007f';
    try (Connection connection = Sqlite.openReader(file);
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT key, seq FROM record_keys WHERE key >= ? AND key < ?"
                    + " ORDER BY key DESC LIMIT ?")) {
      select.setString(1, prefix);
      select.setString(2, upper.compareTo(before) < 0 ? upper : before);
      select.setInt(3, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          out.add(new Keyed(rows.getString(1), rows.getLong(2)));
        }
      }
    } catch (SQLException e) {
      throw new JournalException("cannot read the keys of " + file + ": " + Sqlite.reason(e), e);
    }
    return out;
  }

  @Override
  public String toString() {
    return "SqliteRecordIndex[" + file + "]";
  }
}
