package io.deconflict.service.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Role;
import io.deconflict.service.retention.Retention;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: {@code Pictures.now} handed out a JSON tree that shared the fold's alert objects, and
 * the server wrote it out after the lock was released. A fact committed in between (an
 * acknowledgement, a live update: many a second under live load) changed the alerts in the tree, so
 * the picture showed facts after the position it named, and a client following the stream from that
 * position applied them twice (twice in the alert's history); at worst the writing failed on a map
 * changed under it. The picture is now taken apart from the fold under the lock ({@code
 * Knowledge.freeze}) and written from that copy.
 */
class PictureIsASnapshotOfItsPositionTest {

  @TempDir Path dir;

  @Test
  void aFactCommittedAfterThePictureIsNotInIt() throws Exception {
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
      Pictures pictures = new Pictures(journal, 0, Retention.DEFAULT);
      Member us = new Member("us-officer", "us", Role.OFFICER, "US duty officer", List.of());
      Instant t = Instant.parse("2027-10-08T05:00:00Z");
      // the party's picture is kept from here on (the journal is empty so far)
      assertThat(Json.MAPPER.readTree(pictures.now(us, Language.EN, 10)).path("alerts").size())
          .isZero();
      ObjectNode raised = Json.object();
      raised.put("id", "al-1").put("state", "open").put("level", 1);
      raised.put("raisedAt", t.toString());
      pictures.committed(
          List.of(new Event(1, t, "alert.raised", "system", Audience.of(Set.of("us")), raised)), 1);

      byte[] picture = pictures.now(us, Language.EN, Integer.MAX_VALUE);

      ObjectNode ack = Json.object();
      ack.put("id", "al-1");
      ack.putObject("result").put("alert", "al-1").put("acknowledgedBy", "us-officer");
      pictures.committed(
          List.of(
              new Event(
                  2,
                  t.plusSeconds(5),
                  "alert.acknowledge",
                  "us-officer",
                  Audience.of(Set.of("us")),
                  ack)),
          2);

      JsonNode then = Json.MAPPER.readTree(picture);
      assertThat(then.path("position").asLong()).isEqualTo(1);
      assertThat(then.path("alerts").get(0).path("state").asText()).isEqualTo("open");
      assertThat(then.path("alerts").get(0).path("history").size()).isEqualTo(1);
      JsonNode now = Json.MAPPER.readTree(pictures.now(us, Language.EN, Integer.MAX_VALUE));
      assertThat(now.path("position").asLong()).isEqualTo(2);
      assertThat(now.path("alerts").get(0).path("state").asText()).isEqualTo("acknowledged");
    }
  }
}
