package io.deconflict.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.Snapshot;
import io.deconflict.journal.Snapshots;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import io.deconflict.service.snapshot.SnapshotPolicy;
import io.deconflict.service.snapshot.StateFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deconflict audit verify} proves each stored snapshot equals a replay of the journal up to
 * its record, and names the one that does not: a state forged with a valid checksum (a message the
 * journal never held), a snapshot moved to another record, a damaged one.
 */
class TamperedSnapshotIsDetectedByAuditTest {

  @TempDir Path dir;

  private final Directory directory =
      new Directory(
          List.of(new Party("us", "US", "en"), new Party("ru", "RU", "ru")),
          List.of(
              new Member("us-officer", "us", Role.OFFICER, "us", Tokens.sha256("t-us")),
              new Member("ru-officer", "ru", Role.OFFICER, "ru", Tokens.sha256("t-ru"))));

  private List<Long> positions = List.of();

  @BeforeEach
  void aServiceStoppedFourTimesLeavesFourSnapshots() {
    Instant start = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Member us = directory.member("us-officer").orElseThrow();
    Member ru = directory.member("ru-officer").orElseThrow();
    List<List<Runnable>> sessions = new ArrayList<>();
    ServiceRuntime[] runtime = new ServiceRuntime[1];
    sessions.add(
        List.of(
            () -> submit(runtime[0], us, Deconfliction.ITEM_NOTIFY, notify("m1", start, 40, 41)),
            () -> submit(runtime[0], ru, Deconfliction.ITEM_NOTIFY, notify("m2", start, 41, 40))));
    sessions.add(List.of(() -> submit(runtime[0], us, Deconfliction.HOTLINE_POST, post("seen"))));
    sessions.add(
        List.of(() -> submit(runtime[0], ru, Deconfliction.HOTLINE_POST, post("seen too"))));
    sessions.add(
        List.of(
            () -> submit(runtime[0], us, Deconfliction.ITEM_NOTIFY, notify("m3", start, 40, 41))));
    for (List<Runnable> session : sessions) {
      // each stop snapshots the state (onClose), periodic ones are off
      try (ServiceRuntime opened =
          ServiceRuntime.open(
              dir,
              directory,
              Defaults.STANDARD,
              Clock.systemUTC(),
              ServiceRuntime.DEFAULT_TICK_MILLIS,
              new SnapshotPolicy(0, Duration.ZERO, 10, true))) {
        runtime[0] = opened;
        session.forEach(Runnable::run);
      }
    }
    List<Long> newestFirst = snapshots().positions();
    positions = new ArrayList<>(newestFirst);
    positions.sort(null);
    assertThat(positions).hasSize(4);
  }

  private static void submit(ServiceRuntime runtime, Member by, String type, ObjectNode body) {
    runtime.application().submit(by, type, body);
  }

  @Test
  void untouchedSnapshotsEachEqualAReplay() {
    Result result = Cli.run("audit", "verify", "--data", dir.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    for (long seq : positions) {
      assertThat(result.out())
          .contains("snapshot after record " + seq + ": equals a replay of records 1 to " + seq);
    }
  }

  @Test
  void aForgedStateWithAValidChecksumIsNamedWithTheSectionThatDiffers() {
    long seq = positions.get(1);
    Snapshot real = snapshots().load(seq).snapshot().orElseThrow();
    StateFormat.Setting setting = StateFormat.settingOf(real.state());
    Deconfliction forged =
        Deconfliction.restore(setting.directory(), setting.defaults(), real.state());
    forged.execute(Deconfliction.HOTLINE_POST, "us-officer", post("never said"), real.time());
    save(new Snapshot(seq, real.time(), real.headHash(), forged.snapshot()));

    Result result = Cli.run("audit", "verify", "--data", dir.toString());

    assertThat(result.exitCode()).isEqualTo(AuditCommand.CHAIN_BROKEN);
    assertThat(result.out()).contains("chain intact");
    assertThat(result.err())
        .contains(
            "snapshot after record "
                + seq
                + ": differs from a replay of records 1 to "
                + seq
                + " (sections hotline)");
    assertThat(result.out())
        .as("the others are still proven")
        .contains("snapshot after record " + positions.get(0) + ": equals a replay");
  }

  @Test
  void aSnapshotMovedToAnotherRecordIsNamed() {
    long seq = positions.get(2);
    Snapshot real = snapshots().load(seq).snapshot().orElseThrow();
    JournalRecord before = record(seq - 1);
    save(new Snapshot(seq, real.time(), before.hash(), real.state()));

    Result result = Cli.run("audit", "verify", "--data", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("snapshot after record " + seq + ": its head hash ")
        .contains(" is not record " + seq + "'s");
  }

  @Test
  void aDamagedSnapshotFailsItsChecksum() throws Exception {
    long seq = positions.get(0);
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
        var s = c.createStatement()) {
      // the state is stored in chunks (D26): its last byte goes
      s.executeUpdate(
          "UPDATE snapshot_chunks SET bytes = substr(bytes, 1, length(bytes) - 1) WHERE seq = "
              + seq
              + " AND n = (SELECT max(n) FROM snapshot_chunks WHERE seq = "
              + seq
              + ")");
    }

    Result result = Cli.run("audit", "verify", "--data", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("snapshot after record " + seq + ": checksum does not match its content");
  }

  private static ObjectNode notify(String id, Instant start, double lonFrom, double lonTo) {
    ObjectNode feature = Json.object().put("type", "Feature").put("id", id);
    feature
        .putObject("properties")
        .putArray("times")
        .add(start.toString())
        .add(start.plus(1, ChronoUnit.HOURS).toString());
    feature
        .putObject("geometry")
        .put("type", "LineString")
        .putArray("coordinates")
        .add(Json.array().add(lonFrom).add(36.5))
        .add(Json.array().add(lonTo).add(36.5));
    ObjectNode body = Json.object().put("kind", "movement").put("replace", false);
    body.set("feature", feature);
    return body;
  }

  @Test
  void theSavedSignInPicturesEqualAFoldAndAForgedMessageInThemIsNamed() throws Exception {
    Path file = ServiceRuntime.picturesFile(dir);
    long last = positions.get(positions.size() - 1);
    Result untouched = Cli.run("audit", "verify", "--data", dir.toString());
    assertThat(untouched.exitCode()).as(untouched.err()).isZero();
    assertThat(untouched.out())
        .contains(
            "sign-in pictures after record "
                + last
                + " (pictures.bin): 2 audiences, each equals a fold of records 1 to "
                + last);

    // what Russia said, changed in the file, its checksum made to match
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("seen too");
    assertThat(at).isPositive();
    byte[] body = java.util.Arrays.copyOf(bytes, bytes.length - 32);
    body[at + 2] = 'm'; // "seem too"
    byte[] sum = java.security.MessageDigest.getInstance("SHA-256").digest(body);
    byte[] forged = java.util.Arrays.copyOf(body, bytes.length);
    System.arraycopy(sum, 0, forged, body.length, 32);
    java.nio.file.Files.write(file, forged);

    Result result = Cli.run("audit", "verify", "--data", dir.toString());

    assertThat(result.exitCode()).isEqualTo(AuditCommand.CHAIN_BROKEN);
    // both parties were told the thread; the file holds one of them first
    assertThat(result.err())
        .containsPattern(
            "sign-in pictures after record "
                + last
                + " \\(pictures.bin\\): (us|ru)'s picture differs from a fold of records 1 to "
                + last);
  }

  private static ObjectNode post(String text) {
    return Json.object().put("thread", "pair:ru:us").put("text", text);
  }

  private Snapshots snapshots() {
    return io.deconflict.journal.SqliteSnapshots.readOnly(dir.resolve("journal.db"));
  }

  private void save(Snapshot snapshot) {
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
      journal.snapshots().orElseThrow().save(snapshot, 100);
    }
  }

  private JournalRecord record(long seq) {
    List<JournalRecord> out = new ArrayList<>();
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
      journal.read(seq, seq, out::add);
    }
    return out.get(0);
  }
}
