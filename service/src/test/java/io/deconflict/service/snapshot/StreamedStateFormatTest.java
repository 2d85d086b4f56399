package io.deconflict.service.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Json;
import io.deconflict.service.golden.DemoSetting;
import io.deconflict.service.party.Directory;
import io.deconflict.service.retention.Retention;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot format read as a stream (D26, D28, D29): a state cut short anywhere, or of another
 * version or retention, is refused with a {@link MalformedStateException} saying what, never
 * another failure; a state read through a stream that hands out one byte at a time restores alike.
 * Versions 1 to 3 (before retention; before dead reckoning; formations in the configuration) and
 * versions after this program's are refused by name; version 4 (before reconfirmation and vertical
 * separations) is read.
 */
class StreamedStateFormatTest {

  @TempDir Path dir;

  private static final String GOLDEN = "/io/deconflict/service/golden/";

  private Directory directory = new Directory(java.util.List.of(), java.util.List.of());

  private byte[] state() throws IOException {
    Path file = dir.resolve("journal.db");
    try (InputStream in = resource("demo-journal.db")) {
      Files.copy(in, file);
    }
    directory = DemoSetting.directory(resource("demo-parties.json"));
    Deconfliction d = new Deconfliction(directory, Defaults.STANDARD);
    try (SqliteJournal journal = SqliteJournal.open(file)) {
      journal.read(
          1,
          200,
          (JournalRecord r) -> {
            if (Deconfliction.COMMANDS.contains(r.type())) {
              try {
                ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(r.payload());
                ObjectNode body = (ObjectNode) payload.path("body").deepCopy();
                body.remove("result");
                d.execute(r.type(), payload.path("by").asText(), body, r.time());
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            }
          });
    }
    return d.snapshot();
  }

  @Test
  void aStateCutShortAnywhereIsRefusedAsMalformed() throws IOException {
    byte[] state = state();
    assertThat(state.length).isGreaterThan(10_000);
    for (int cut = 0; cut < state.length; cut += Math.max(1, state.length / 300)) {
      byte[] part = Arrays.copyOf(state, cut);
      assertThatThrownBy(() -> Deconfliction.restore(directory, Defaults.STANDARD, part))
          .as("cut at %d of %d", cut, state.length)
          .isInstanceOf(MalformedStateException.class);
    }
  }

  @Test
  void aStateReadOneByteAtATimeRestoresToTheSameBytes() throws IOException {
    byte[] state = state();
    InputStream trickle =
        new ByteArrayInputStream(state) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    Deconfliction restored =
        Deconfliction.restore(directory, Defaults.STANDARD, Retention.DEFAULT, trickle);
    assertThat(restored.snapshot()).isEqualTo(state);
    Map<String, byte[]> digests = StateFormat.digests(new ByteArrayInputStream(state));
    assertThat(digests.keySet()).first().isEqualTo(StateFormat.SETTING);
    assertThat(digests).containsKeys("alerts", "live", "retention");
  }

  @Test
  void aFormat4StateIsStillReadAndGivesTheSameState() throws IOException {
    // demo-state-v4-streamed.bin: the golden demo journal's state written by the program before
    // format 5
    // (commit 8ab5fbe), when no agreement or movement had a vertical separation of its own.
    byte[] current = state();
    byte[] v4;
    try (InputStream in = resource("demo-state-v4-streamed.bin")) {
      v4 = in.readAllBytes();
    }

    Deconfliction restored = Deconfliction.restore(directory, Defaults.STANDARD, v4);

    assertThat(restored.snapshot()).isEqualTo(current);
  }

  @Test
  void anotherVersionOrRetentionIsRefusedSayingWhich() throws IOException {
    byte[] state = state();
    int version = 4 + StateFormat.MAGIC.length() + 3; // after the magic's length and text
    for (int other : new int[] {1, 2, 3, StateFormat.VERSION + 1}) {
      byte[] old = state.clone();
      old[version] = (byte) other;
      assertThatThrownBy(() -> Deconfliction.restore(directory, Defaults.STANDARD, old))
          .isInstanceOf(MalformedStateException.class)
          .hasMessageContaining(
              "state format version "
                  + other
                  + "; this program reads "
                  + StateFormat.OLDEST_READ
                  + " to "
                  + StateFormat.VERSION);
    }
    assertThatThrownBy(
            () ->
                Deconfliction.restore(
                    directory, Defaults.STANDARD, new Retention(Duration.ofHours(1)), state))
        .isInstanceOf(MalformedStateException.class)
        .hasMessageContaining("retention");
  }

  private static InputStream resource(String name) {
    return Objects.requireNonNull(
        StreamedStateFormatTest.class.getResourceAsStream(GOLDEN + name), name);
  }
}
