package io.deconflict.service.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * D45: the folds told one fact in one pass share the alert as raised (its tree while hot, its
 * packed text once cold) until it changes in one of them. Checked against the reference, each fold
 * told every fact on its own: seeded random facts (raises, live refreshes, acknowledgements,
 * escalations, resolutions) to a party's fold and the operators', some told to one fold only, and
 * enough alerts that most go cold; the pictures must be the same bytes, at every checkpoint.
 */
class FoldsShareTheAlertAsRaisedTest {

  private static final Instant T = Instant.parse("2027-10-08T05:00:00Z");
  private static final Audience US = new Audience(Set.of("us"), true);
  private static final Audience OPERATORS = new Audience(Set.of(), true);

  @ParameterizedTest
  @ValueSource(longs = {20221008L, 1L, 42L})
  void sharingFoldsGiveTheSamePicturesAsFoldsAlone(long seed) {
    Random random = new Random(seed);
    Knowledge sharedParty = new Knowledge();
    Knowledge sharedOperators = new Knowledge();
    Knowledge aloneParty = new Knowledge();
    Knowledge aloneOperators = new Knowledge();
    List<String> ids = new ArrayList<>();
    int facts = Knowledge.HOT * 3;
    for (int seq = 1; seq <= facts; seq++) {
      Instant at = T.plusSeconds(seq);
      Event e = next(random, seq, at, ids);
      Knowledge.Told told = new Knowledge.Told(e);
      boolean party = e.audience().includesParty("us");
      if (party) {
        sharedParty.apply(told);
        aloneParty.apply(e);
      }
      sharedOperators.apply(told);
      aloneOperators.apply(e);
      if (seq % 2_000 == 0 || seq == facts) {
        assertThat(text(sharedParty))
            .as("party's picture, seed %d at %d", seed, seq)
            .isEqualTo(text(aloneParty));
        assertThat(text(sharedOperators))
            .as("operators' picture, seed %d at %d", seed, seq)
            .isEqualTo(text(aloneOperators));
      }
    }
  }

  /** A raise half the time; else a change to a random earlier alert, to both folds or one. */
  private static Event next(Random random, long seq, Instant at, List<String> ids) {
    if (ids.isEmpty() || random.nextBoolean()) {
      String id = "al-" + seq;
      ids.add(id);
      ObjectNode b = Json.object();
      b.put("id", id).put("conflictId", "cf-" + seq).put("recipient", "us");
      b.put("state", "open").put("level", 1).put("raisedAt", at.toString());
      b.putObject("own").put("item", "m" + random.nextInt(1_000));
      return new Event(seq, at, "alert.raised", "system", US, b);
    }
    String id = ids.get(random.nextInt(ids.size()));
    Audience to = random.nextInt(4) == 0 ? OPERATORS : US;
    ObjectNode b = Json.object().put("alert", id);
    return switch (random.nextInt(4)) {
      case 0 -> {
        b.putObject("live").put("level", "warning").put("at", at.toString());
        yield new Event(seq, at, "alert.updated", "system", to, b);
      }
      case 1 -> {
        b.putObject("result").put("alert", id).put("acknowledgedBy", "us-officer");
        yield new Event(seq, at, "alert.acknowledge", "us-officer", to, b);
      }
      case 2 -> {
        b.put("level", 2).put("to", "us").put("deadline", at.plusSeconds(600).toString());
        yield new Event(seq, at, "alert.escalated", "system", to, b);
      }
      default -> {
        b.put("resolution", "passed");
        yield new Event(seq, at, "alert.resolved", "system", to, b);
      }
    };
  }

  private static String text(Knowledge k) {
    return new String(Json.bytes(k.toJson(Language.EN)), StandardCharsets.UTF_8);
  }
}
