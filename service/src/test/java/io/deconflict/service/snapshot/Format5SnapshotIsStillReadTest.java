package io.deconflict.service.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.JournalRecord;
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
 * A snapshot of format 5 (before joint movements, D39) is still read: {@code demo-state-v5.bin} is
 * the state the code of format 5 wrote after replaying the whole demo journal ({@code
 * demo-journal.db}). Restored by this code it is the state a replay of that journal gives, byte for
 * byte in format 6, and both go on to the same facts when a joint patrol is notified, answered and
 * crossed. A joint movement's state also survives a snapshot of format 6.
 */
class Format5SnapshotIsStillReadTest {

  private static final String GOLDEN = "/io/deconflict/service/golden/";

  @TempDir Path dir;

  @Test
  void aFormat5StateRestoresToWhatAReplayGivesAndGoesOnAlike() throws IOException {
    byte[] v5;
    try (InputStream in = resource("demo-state-v5.bin")) {
      v5 = in.readAllBytes();
    }
    assertThat(StateFormat.version(new ByteArrayInputStream(v5))).isEqualTo(5);
    Directory directory = DemoSetting.directory(resource("demo-parties.json"));
    Instant[] last = {Instant.EPOCH};
    Deconfliction replayed = replay(directory, last);
    Deconfliction restored = Deconfliction.restore(directory, Defaults.STANDARD, v5);
    assertThat(restored.snapshot()).isEqualTo(replayed.snapshot());
    assertThat(StateFormat.version(new ByteArrayInputStream(restored.snapshot())))
        .isEqualTo(StateFormat.VERSION);

    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    Instant at = last[0].plusSeconds(1);
    for (Deconfliction d : List.of(replayed, restored)) {
      List<String> out = d == replayed ? a : b;
      out.addAll(jointPatrolAnsweredAndCrossed(d, at));
    }
    assertThat(b).isEqualTo(a);
    assertThat(a).anyMatch(f -> f.startsWith(Deconfliction.MOVEMENT_PARTICIPATION));
    assertThat(a)
        .as("Turkey is told of the US crossing as a participant")
        .anyMatch(f -> f.startsWith("alert.raised {\"parties\":[\"tr\"]") && f.contains("ru/rt-9"));

    // and a state with a joint movement in it comes back from format 6 as it was
    Deconfliction again = Deconfliction.restore(directory, Defaults.STANDARD, restored.snapshot());
    assertThat(again.snapshot()).isEqualTo(restored.snapshot());
    assertThat(
            again
                .item(directory.member("tr-officer").orElseThrow(), "movement", "ru", "rt-9")
                .path("joint")
                .path("status")
                .asText())
        .isEqualTo("joint");
  }

  /** A Russian patrol with Turkey, Turkey's acceptance, and a US crossing; the facts as text. */
  private static List<String> jointPatrolAnsweredAndCrossed(Deconfliction d, Instant at)
      throws IOException {
    Instant start = at.plus(Duration.ofHours(6));
    String patrol =
        "{\"kind\": \"movement\", \"replace\": false, \"feature\": {\"type\": \"Feature\", \"id\":"
            + " \"rt-9\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[40.0, 36.8],"
            + " [40.4, 36.8]]}, \"properties\": {\"times\": [\""
            + start
            + "\", \""
            + start.plus(Duration.ofHours(1))
            + "\"], \"participants\": [\"tr\"]}}}";
    String crossing =
        "{\"kind\": \"movement\", \"replace\": false, \"feature\": {\"type\": \"Feature\", \"id\":"
            + " \"us-x9\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[40.2, 36.7],"
            + " [40.2, 36.9]]}, \"properties\": {\"times\": [\""
            + start.plus(Duration.ofMinutes(20))
            + "\", \""
            + start.plus(Duration.ofMinutes(40))
            + "\"]}}}";
    List<String> out = new ArrayList<>();
    out.addAll(json(d.execute(Deconfliction.ITEM_NOTIFY, "ru-officer", object(patrol), at)));
    out.addAll(
        json(
            d.execute(
                Deconfliction.MOVEMENT_PARTICIPATION,
                "tr-officer",
                object("{\"party\": \"ru\", \"id\": \"rt-9\", \"decision\": \"accept\"}"),
                at.plusSeconds(1))));
    out.addAll(
        json(
            d.execute(
                Deconfliction.ITEM_NOTIFY, "us-officer", object(crossing), at.plusSeconds(2))));
    return out;
  }

  private static Deconfliction replay(Directory directory, Instant[] last) throws IOException {
    Path file = Files.createTempFile("demo-journal", ".db");
    Files.delete(file);
    try (InputStream in = resource("demo-journal.db")) {
      Files.copy(in, file);
    }
    Deconfliction replayed = new Deconfliction(directory, Defaults.STANDARD);
    try (SqliteJournal journal = SqliteJournal.open(file)) {
      journal.read(
          1,
          (JournalRecord r) -> {
            if (Deconfliction.COMMANDS.contains(r.type())) {
              ObjectNode payload =
                  object(new String(r.payload(), java.nio.charset.StandardCharsets.UTF_8));
              ObjectNode body = (ObjectNode) payload.path("body").deepCopy();
              body.remove("result");
              replayed.execute(r.type(), payload.path("by").asText(), body, r.time());
              last[0] = r.time();
            }
          });
    } finally {
      Files.deleteIfExists(file);
    }
    return replayed;
  }

  private static ObjectNode object(String text) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
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
        Format5SnapshotIsStillReadTest.class.getResourceAsStream(GOLDEN + name), name);
  }
}
