package io.deconflict.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.journal.Entry;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Audience;
import io.deconflict.service.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayCommandTest {

  private static final Instant T0 = Instant.parse("2022-10-08T10:00:00Z");

  @TempDir Path dir;

  /** One journaled fact, as the test writes it. */
  private record Fact(Instant time, String type, Audience audience, ObjectNode body) {}

  private static Fact fact(
      int minutes, String type, Set<String> parties, boolean operators, String note) {
    return new Fact(
        T0.plusSeconds(60L * minutes),
        type,
        new Audience(parties, operators),
        Json.object().put("note", note));
  }

  /** The journal of the hand-written tests: five facts, told to different parties. */
  private static final List<Fact> FACTS =
      List.of(
          fact(0, "agreement.set", Set.of("us", "ru"), true, "agreement us-ru"),
          fact(5, "movement.notified", Set.of("us"), false, "us convoy"),
          fact(10, "movement.notified", Set.of("ru"), true, "ru patrol"),
          fact(15, "alert.raised", Set.of("us", "ru"), true, "convoy meets patrol"),
          fact(20, "movement.notified", Set.of("us"), false, "us convoy, later"));

  /** Writes the facts to {@code dir/journal.db} in the service's payload format. */
  private void journal(List<Fact> facts) {
    List<Entry> entries = new ArrayList<>();
    for (Fact f : facts) {
      ObjectNode payload = Json.object();
      payload.put("by", "system");
      payload.set("audience", f.audience().toJson());
      payload.set("body", f.body());
      entries.add(
          new Entry(f.time(), f.type(), payload.toString().getBytes(StandardCharsets.UTF_8)));
    }
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
      journal.append(entries);
    }
  }

  private Result replay(String party, String at, String... more) {
    List<String> args =
        new ArrayList<>(List.of("replay", "--data", dir.toString(), "--as", party, "--at", at));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /** The JSON lines of the output: every fact's line, then the summary's. */
  private static List<JsonNode> jsonLines(Result result) {
    return result
        .out()
        .lines()
        .map(
            line -> {
              try {
                return Json.MAPPER.readTree(line);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  private static List<Long> seqs(Result result) {
    List<JsonNode> lines = jsonLines(result);
    return lines.subList(0, lines.size() - 1).stream().map(l -> l.path("seq").asLong()).toList();
  }

  @Test
  void printsWhatAPartyWasToldUpToAndIncludingTheMoment() {
    journal(FACTS);

    Result result = replay("us", "2022-10-08T10:15:00Z");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
    List<JsonNode> lines = jsonLines(result);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).toString())
        .isEqualTo(
            "{\"seq\":1,\"time\":\"2022-10-08T10:00:00Z\",\"type\":\"agreement.set\","
                + "\"body\":{\"note\":\"agreement us-ru\"}}");
    assertThat(seqs(result)).containsExactly(1L, 2L, 4L);
    assertThat(lines.get(3).toString())
        .isEqualTo(
            "{\"summary\":{\"as\":\"us\",\"at\":\"2022-10-08T10:15:00Z\",\"facts\":3,"
                + "\"types\":{\"agreement.set\":1,\"alert.raised\":1,\"movement.notified\":1}}}");
    assertThat(result.out()).doesNotContain("ru patrol", "us convoy, later");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void excludesFactsAfterTheMomentEvenByAMillisecond() {
    journal(FACTS);

    assertThat(seqs(replay("us", "2022-10-08T10:14:59.999Z"))).containsExactly(1L, 2L);
    assertThat(seqs(replay("ru", "2022-10-08T10:15:00Z"))).containsExactly(1L, 3L, 4L);
    assertThat(seqs(replay("us", "2022-10-08T09:59:59Z"))).isEmpty();
  }

  @Test
  void operatorsSeeWhatTheirAudienceFlagSays() {
    journal(FACTS);

    assertThat(seqs(replay("operators", "2022-10-08T12:00:00Z"))).containsExactly(1L, 3L, 4L);
  }

  @Test
  void acceptsAMomentWithAnOffset() {
    journal(FACTS);

    assertThat(seqs(replay("us", "2022-10-08T13:05:00+03:00"))).containsExactly(1L, 2L);
  }

  @Test
  void textIsATableAndASummaryLine() {
    journal(FACTS);

    Result result = replay("ru", "2022-10-08T10:15:00Z", "--format", "text");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.out().lines().toList())
        .containsExactly(
            "SEQ  TIME                  TYPE               BODY",
            "  1  2022-10-08T10:00:00Z  agreement.set      {\"note\":\"agreement us-ru\"}",
            "  3  2022-10-08T10:10:00Z  movement.notified  {\"note\":\"ru patrol\"}",
            "  4  2022-10-08T10:15:00Z  alert.raised       {\"note\":\"convoy meets patrol\"}",
            "",
            "3 facts told to ru up to 2022-10-08T10:15:00Z:"
                + " 1 agreement.set, 1 alert.raised, 1 movement.notified");
  }

  @Test
  void nothingToldIsOneSummaryLine() {
    journal(FACTS);

    Result result = replay("ru", "2022-10-08T09:00:00Z", "--format", "text");

    assertThat(result.out()).isEqualTo("no fact told to ru up to 2022-10-08T09:00:00Z\n");
  }

  @Test
  void warnsWhenNoFactIsAddressedToTheParty() {
    journal(FACTS);

    Result result = replay("tr", "2022-10-08T12:00:00Z");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(seqs(result)).isEmpty();
    assertThat(result.err()).contains("warning", "\"tr\"");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 20221008})
  void agreesWithASimpleFilterOnRandomJournals(long seed) {
    Random random = new Random(seed);
    List<String> parties = List.of("us", "ru", "tr");
    List<Fact> facts = new ArrayList<>();
    int minute = 0;
    for (int i = 0; i < 40; i++) {
      minute += random.nextInt(3); // equal times happen
      Set<String> audience = new TreeSet<>();
      for (String p : parties) {
        if (random.nextBoolean()) {
          audience.add(p);
        }
      }
      facts.add(fact(minute, "type." + random.nextInt(4), audience, random.nextBoolean(), "f" + i));
    }
    journal(facts);
    for (int query = 0; query < 4; query++) {
      String party = List.of("us", "ru", "tr", "operators").get(query);
      Instant at = T0.plusSeconds(60L * random.nextInt(minute + 2));
      List<Long> expected = new ArrayList<>();
      for (int i = 0; i < facts.size(); i++) {
        Fact f = facts.get(i);
        boolean told =
            party.equals("operators")
                ? f.audience().operators()
                : f.audience().parties().contains(party);
        if (told && !f.time().isAfter(at)) {
          expected.add(i + 1L);
        }
      }

      Result result = replay(party, at.toString());

      assertThat(seqs(result)).as("seed %d, --as %s --at %s", seed, party, at).isEqualTo(expected);
      JsonNode summary = jsonLines(result).get(jsonLines(result).size() - 1).path("summary");
      assertThat(summary.path("facts").asInt()).as("seed %d", seed).isEqualTo(expected.size());
    }
  }

  @Test
  void refusesAMissingJournal() throws IOException {
    Result noDirectory =
        Cli.run(
            "replay",
            "--data",
            dir.resolve("none").toString(),
            "--as",
            "us",
            "--at",
            "2022-10-08T10:00:00Z");
    Result noJournal = replay("us", "2022-10-08T10:00:00Z");

    assertThat(noDirectory.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noDirectory.err()).contains("does not exist");
    assertThat(noJournal.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noJournal.err()).contains("journal.db does not exist");
    assertThat(noJournal.out()).isEmpty();
    try (var names = Files.list(dir)) {
      assertThat(names).as("no journal is created").isEmpty();
    }
  }

  @Test
  void aRecordThatIsNotAFactPrintsNothing() {
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
      journal.append(
          List.of(
              new Entry(
                  T0,
                  "ok",
                  "{\"by\":\"system\",\"audience\":{\"parties\":[\"us\"]},\"body\":{}}"
                      .getBytes(StandardCharsets.UTF_8)),
              new Entry(T0, "broken", "not json".getBytes(StandardCharsets.UTF_8))));
    }

    Result result = replay("us", "2022-10-08T12:00:00Z");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("record 2");
  }

  @Test
  void refusesABadMomentOrParty() {
    Result noOffset = replay("us", "2022-10-08T10:00:00");
    Result badParty = replay("US", "2022-10-08T10:00:00Z");

    assertThat(noOffset.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noOffset.err()).contains("--at", "ISO-8601");
    assertThat(badParty.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(badParty.err()).contains("--as \"US\"");
  }
}
