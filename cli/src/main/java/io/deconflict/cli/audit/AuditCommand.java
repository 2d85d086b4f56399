package io.deconflict.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.VersionProvider;
import io.deconflict.cli.journal.JournalChoice;
import io.deconflict.journal.JournalException;
import io.deconflict.journal.JournalVerifier;
import io.deconflict.journal.SqliteSnapshots;
import io.deconflict.journal.Verification;
import io.deconflict.journal.kafka.KafkaJournal;
import io.deconflict.journal.kafka.KafkaJournalSettings;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.config.ConfigurationException;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.picture.PictureAudit;
import io.deconflict.service.retention.Archive;
import io.deconflict.service.snapshot.SnapshotAudit;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code deconflict audit}: checks of the journal. It does nothing itself; {@code audit verify}
 * walks the hash chain of {@code DIR/journal.db} with {@link JournalVerifier}.
 *
 * <p>What verification can and cannot detect is in {@code docs/journal.md}.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Checks the journal: the tamper-evident record of every command the service accepted"
            + " and every fact it sent.",
    subcommands = {AuditCommand.Verify.class})
public final class AuditCommand implements Runnable {

  /** The journal's file name in the data directory. */
  public static final String JOURNAL_FILE = ServiceRuntime.JOURNAL_FILE;

  /** The exit status of {@code audit verify} when the chain is broken or the file unreadable. */
  public static final int CHAIN_BROKEN = 1;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli before run()
  private CommandSpec spec;

  /** Instantiated by {@code Main}. */
  public AuditCommand() {}

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /**
   * {@code deconflict audit verify [--data DIR]}: verifies the journal's hash chain from its first
   * record to its last and prints its head hash.
   */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Verifies the hash chain of DIR/journal.db from the first record to the last: every"
            + " record's hash, its link to the record before, and that no sequence number is"
            + " missing. The file is only read; it may be the journal of a running service.",
        "Records cut off the end leave an intact chain: keep the printed last hash and its"
            + " record count elsewhere, and compare them later.",
        "Then proves that every stored snapshot of the service's state equals a replay of the"
            + " journal up to its record, under the configuration it was taken under."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:the chain is intact and every snapshot equals a replay; standard output gives the"
            + " record count, the last hash and one line per snapshot",
        "1:the chain is broken or the file unreadable (standard error names the first bad"
            + " record and the problem), or a snapshot is damaged or differs from a replay"
            + " (standard error names it)",
        "2:DIR/journal.db does not exist, or a bad option",
        "3:internal error"
      })
  public static final class Verify implements Callable<Integer> {

    @Option(
        names = "--data",
        paramLabel = "DIR",
        defaultValue = "./data",
        description =
            "The data directory holding journal.db (default: ${DEFAULT-VALUE}); with a journal"
                + " on Kafka, the node's data directory holding its snapshots.db (default: the"
                + " configuration's).")
    private Path data = Path.of("./data");

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description =
            "The configuration file: with a journal.kafka section, the journal on Kafka is"
                + " verified instead of DIR/journal.db, and the node's snapshots in"
                + " DIR/snapshots.db against it; without one, its data directory.")
    private @Nullable Path config;

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before call()
    private CommandSpec spec;

    /** Instantiated by picocli. */
    public Verify() {}

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Path dataDirectory = data;
      Path configFile = config;
      if (configFile != null) {
        try {
          JsonNode document = Configuration.readDocument(configFile);
          Optional<KafkaJournalSettings> kafka = JournalChoice.kafka(configFile, document);
          Path configured = Configuration.read(configFile, document, Map.of()).dataDirectory();
          if (kafka.isPresent()) {
            boolean given = spec.commandLine().getParseResult().hasMatchedOption("--data");
            return verifyKafka(kafka.get(), given ? data : configured, err);
          }
          dataDirectory = configured;
        } catch (ConfigurationException e) {
          err.println("error: " + e.getMessage());
          err.flush();
          return ExitCodes.INVALID_INPUT;
        }
      }
      return verifyFile(dataDirectory, err);
    }

    /**
     * Verifies the journal on Kafka, then the snapshots a node keeps beside it in {@code
     * DIR/snapshots.db} (D40), if that file exists, against a replay of the topic.
     */
    private int verifyKafka(KafkaJournalSettings settings, Path dataDirectory, PrintWriter err) {
      String where = settings.where();
      try {
        Optional<String> missing = JournalChoice.missingTopic(settings);
        if (missing.isPresent()) {
          err.println("error: " + missing.get());
          err.flush();
          return ExitCodes.INVALID_INPUT;
        }
      } catch (JournalException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return ExitCodes.INVALID_INPUT;
      }
      Verification verification = KafkaJournal.verify(settings, record -> {});
      Path snapshots = ServiceRuntime.snapshotsFile(dataDirectory);
      return report(
          where,
          verification,
          err,
          verification.ok()
              ? withPictures(
                  Files.isRegularFile(snapshots)
                      ? SnapshotAudit.verify(
                          SqliteSnapshots.readOnly(snapshots),
                          sink -> KafkaJournal.verify(settings, sink),
                          Archive.NONE)
                      : List.of(),
                  dataDirectory,
                  sink -> KafkaJournal.verify(settings, sink))
              : List.of());
    }

    /**
     * The snapshots' findings, then the saved sign-in pictures' ({@code DIR/pictures.bin}, D47), if
     * that file exists: each audience's picture against a fold of the journal {@code walk} reads.
     */
    private static List<SnapshotAudit.Finding> withPictures(
        List<SnapshotAudit.Finding> snapshots, Path dataDirectory, SnapshotAudit.Walk walk) {
      Optional<SnapshotAudit.Finding> pictures =
          PictureAudit.verify(ServiceRuntime.picturesFile(dataDirectory), walk);
      if (pictures.isEmpty()) {
        return snapshots;
      }
      List<SnapshotAudit.Finding> all = new java.util.ArrayList<>(snapshots);
      all.add(pictures.get());
      return all;
    }

    private int verifyFile(Path dataDirectory, PrintWriter err) {
      Path file = ServiceRuntime.journalFile(dataDirectory);
      Optional<String> missing = JournalChoice.missingFile(dataDirectory);
      if (missing.isPresent()) {
        err.println("error: " + missing.get());
        err.flush();
        return ExitCodes.INVALID_INPUT;
      }
      Verification verification = JournalVerifier.verify(file);
      return report(
          file.toString(),
          verification,
          err,
          verification.ok()
              ? withPictures(
                  SnapshotAudit.verify(file),
                  dataDirectory,
                  sink -> JournalVerifier.verify(file, sink))
              : List.of());
    }

    /** Prints what the verification found, then the snapshots' findings; the exit status. */
    private int report(
        String journal,
        Verification verification,
        PrintWriter err,
        List<SnapshotAudit.Finding> snapshots) {
      if (verification.ok()) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "journal "
                + journal
                + ": "
                + verification.recordsChecked()
                + (verification.recordsChecked() == 1 ? " record" : " records")
                + ", chain intact, last hash "
                + verification.lastHashHex().orElse("none"));
        out.flush();
        boolean snapshotsOk = true;
        for (SnapshotAudit.Finding finding : snapshots) {
          PrintWriter to = finding.ok() ? out : err;
          to.println(finding.message());
          to.flush();
          snapshotsOk &= finding.ok();
        }
        return snapshotsOk ? ExitCodes.OK : CHAIN_BROKEN;
      }
      String problem = verification.problem().orElse("unknown problem");
      if (verification.firstBadSeq().isPresent()) {
        long firstBad = verification.firstBadSeq().get();
        err.println(
            "journal "
                + journal
                + ": chain broken at record "
                + firstBad
                + "; "
                + intact(firstBad - 1));
        err.println(problem);
      } else {
        err.println("journal " + journal + ": " + problem);
      }
      err.flush();
      return CHAIN_BROKEN;
    }

    private static String intact(long records) {
      if (records == 0) {
        return "no record is intact";
      }
      return records == 1 ? "record 1 is intact" : "records 1 to " + records + " are intact";
    }
  }
}
