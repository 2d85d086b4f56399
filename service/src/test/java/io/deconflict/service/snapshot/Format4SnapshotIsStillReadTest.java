package io.deconflict.service.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.Snapshot;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Fact;
import io.deconflict.service.Json;
import io.deconflict.service.Outcome;
import io.deconflict.service.golden.DemoSetting;
import io.deconflict.service.party.Directory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot of format 4 (before reconfirmation, D36) is still read: {@code demo-state-v4.bin} is
 * the state the code of format 4 wrote after replaying the whole demo journal ({@code
 * demo-journal.db}). Restored by this code it is the state a replay of that journal gives, byte for
 * byte in format 5 (every site and zone last confirmed when its current version was notified), and
 * it goes on to the same facts when an agreement asks for reconfirmation.
 */
class Format4SnapshotIsStillReadTest {

  private static final String GOLDEN = "/io/deconflict/service/golden/";

  @TempDir Path dir;

  @Test
  void aFormat4StateRestoresToWhatAReplayGives() throws IOException {
    byte[] v4;
    try (InputStream in = resource("demo-state-v4.bin")) {
      v4 = in.readAllBytes();
    }
    assertThat(StateFormat.version(new ByteArrayInputStream(v4))).isEqualTo(4);
    Directory directory = DemoSetting.directory(resource("demo-parties.json"));
    Path file = dir.resolve("journal.db");
    try (InputStream in = resource("demo-journal.db")) {
      Files.copy(in, file);
    }
    Deconfliction replayed = new Deconfliction(directory, Defaults.STANDARD);
    Instant[] last = {Instant.EPOCH};
    try (SqliteJournal journal = SqliteJournal.open(file)) {
      journal.read(
          1,
          (JournalRecord r) -> {
            if (Deconfliction.COMMANDS.contains(r.type())) {
              try {
                ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(r.payload());
                ObjectNode body = (ObjectNode) payload.path("body").deepCopy();
                body.remove("result");
                replayed.execute(r.type(), payload.path("by").asText(), body, r.time());
                last[0] = r.time();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            }
          });
    }
    Deconfliction restored = Deconfliction.restore(directory, Defaults.STANDARD, v4);
    assertThat(restored.snapshot()).isEqualTo(replayed.snapshot());
    assertThat(StateFormat.version(new ByteArrayInputStream(restored.snapshot())))
        .isEqualTo(StateFormat.VERSION);

    // then an agreement asks the demo's parties to reconfirm daily: both lapse alike
    String parties =
        String.join(
            "\", \"",
            directory.parties().stream()
                .map(p -> p.id())
                .filter(p -> !p.equals("mechanism"))
                .toList());
    ObjectNode agreement =
        (ObjectNode)
            Json.MAPPER.readTree(
                "{\"parties\": [\"" + parties + "\"], \"reconfirmEvery\": \"P1D\"}");
    String operator =
        directory.members().stream().filter(m -> m.isOperator()).findFirst().orElseThrow().id();
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    Instant at = last[0].plusSeconds(1);
    for (Deconfliction d : List.of(replayed, restored)) {
      List<String> out = d == replayed ? a : b;
      out.addAll(json(d.execute(Deconfliction.AGREEMENT_SET, operator, agreement, at)));
      out.addAll(
          json(
              d.execute(
                  Deconfliction.CLOCK_TICK,
                  Deconfliction.SYSTEM,
                  Json.object(),
                  at.plus(Duration.ofDays(2)))));
    }
    assertThat(b).isEqualTo(a);
    assertThat(a).anyMatch(f -> f.startsWith(Deconfliction.ITEM_LAPSED));
  }

  @Test
  void theAuditComparesAFormat4SnapshotByWhatAStartMakesOfIt() throws IOException {
    Path file = dir.resolve("journal.db");
    try (InputStream in = resource("demo-journal.db")) {
      Files.copy(in, file);
    }
    byte[] v4;
    try (InputStream in = resource("demo-state-v4.bin")) {
      v4 = in.readAllBytes();
    }
    try (SqliteJournal journal = SqliteJournal.open(file)) {
      JournalRecord[] last = {null};
      journal.read(1, r -> last[0] = r);
      JournalRecord head = Objects.requireNonNull(last[0]);
      journal
          .snapshots()
          .orElseThrow()
          .save(new Snapshot(head.seq(), head.time(), head.hash(), v4), 3);
    }
    assertThat(SnapshotAudit.verify(file))
        .singleElement()
        .satisfies(f -> assertThat(f.ok()).as(f.message()).isTrue());
  }

  private static List<String> json(Outcome o) {
    List<String> out = new ArrayList<>();
    for (Fact f : o.facts()) {
      out.add(f.type() + " " + f.audience().toJson() + " " + f.body());
    }
    return out;
  }

  private static InputStream resource(String name) {
    return Objects.requireNonNull(
        Format4SnapshotIsStillReadTest.class.getResourceAsStream(GOLDEN + name), name);
  }
}
