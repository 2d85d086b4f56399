package io.deconflict.cli.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.journal.Entry;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

  @TempDir Path dir;

  private List<JournalRecord> journal(int records) {
    List<Entry> entries = new ArrayList<>();
    for (int n = 1; n <= records; n++) {
      entries.add(
          new Entry(
              Instant.parse("2022-10-08T09:00:00Z").plusSeconds(n),
              "movement.notified",
              ("{\"n\":" + n + "}").getBytes(UTF_8)));
    }
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
      return journal.append(entries);
    }
  }

  @Test
  void anIntactJournalPrintsItsCountAndLastHash() {
    List<JournalRecord> records = journal(12);

    Result result = Cli.run("audit", "verify", "--data", dir.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "journal "
                + dir.resolve("journal.db")
                + ": 12 records, chain intact, last hash "
                + records.get(11).hashHex()
                + System.lineSeparator());
  }

  @Test
  void anEmptyJournalHasNoLastHash() {
    journal(0);

    Result result = Cli.run("audit", "verify", "--data", dir.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains(": 0 records, chain intact, last hash none");
  }

  @Test
  void aBrokenChainNamesTheFirstBadRecordOnStandardError() throws SQLException {
    journal(12);
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TRIGGER records_no_update");
      statement.execute("UPDATE records SET payload = x'7b7d' WHERE seq = 5");
    }

    Result result = Cli.run("audit", "verify", "--data", dir.toString());

    assertThat(result.exitCode()).isEqualTo(AuditCommand.CHAIN_BROKEN).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains(
            "journal.db: chain broken at record 5; records 1 to 4 are intact",
            "record 5: hash does not match its content (stored ");
  }

  @Test
  void anUnreadableFileSaysWhy() throws IOException {
    Files.writeString(dir.resolve("journal.db"), "not a database; ".repeat(64));

    Result result = Cli.run("audit", "verify", "--data", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("the file is unreadable: file is not a database");
  }

  @Test
  void aMissingJournalIsExitStatus2AndCreatesNothing() throws IOException {
    Result noJournal = Cli.run("audit", "verify", "--data", dir.toString());
    Result noDirectory = Cli.run("audit", "verify", "--data", dir.resolve("absent").toString());

    assertThat(noJournal.exitCode()).isEqualTo(2);
    assertThat(noJournal.err()).contains("journal.db does not exist");
    assertThat(noDirectory.exitCode()).isEqualTo(2);
    assertThat(noDirectory.err()).contains("the data directory", "does not exist");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void helpDocumentsTheDefaultDataDirectoryAndExitCodes() {
    Result result = Cli.run("audit", "verify", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--data", "./data", "Exit codes:", "last hash");
  }

  @Test
  void auditWithoutASubcommandIsAUsageError() {
    Result result = Cli.run("audit");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing subcommand");
  }
}
