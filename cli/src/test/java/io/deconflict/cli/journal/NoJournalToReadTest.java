package io.deconflict.cli.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands that read a journal ({@code audit verify}, {@code replay}, {@code review}) say in
 * the same words that there is none to read ({@link JournalChoice#missingFile}): the data directory
 * that does not exist, or the journal file missing from it; and create nothing.
 */
class NoJournalToReadTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"audit", "replay", "review"})
  void aMissingDataDirectoryOrJournalIsNamedInTheSameWords(String command) throws IOException {
    Path absent = dir.resolve("absent");
    Path empty = Files.createDirectory(dir.resolve("empty"));

    Result noDirectory = Cli.run(args(command, absent));
    Result noJournal = Cli.run(args(command, empty));

    assertThat(noDirectory.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noDirectory.err())
        .contains("error: the data directory " + absent + " does not exist");
    assertThat(noJournal.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noJournal.err())
        .contains(
            "error: no journal in "
                + empty
                + ": "
                + empty.resolve("journal.db")
                + " does not exist");
    assertThat(Files.exists(absent)).isFalse();
    try (var names = Files.list(empty)) {
      assertThat(names).as("no journal is created").isEmpty();
    }
  }

  private static String[] args(String command, Path data) {
    List<String> args = new ArrayList<>();
    switch (command) {
      case "audit" -> args.addAll(List.of("audit", "verify"));
      case "replay" -> args.addAll(List.of("replay", "--as", "us", "--at", "2022-10-08T10:00:00Z"));
      case "review" -> args.addAll(List.of("review", "--week", "2022-W41", "--agreement", "ag-1"));
      default -> throw new IllegalArgumentException("no such command: " + command);
    }
    args.addAll(List.of("--data", data.toString()));
    return args.toArray(String[]::new);
  }
}
