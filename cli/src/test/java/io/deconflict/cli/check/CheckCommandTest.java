package io.deconflict.cli.check;

import static io.deconflict.geojson.Features.MOVEMENT;
import static io.deconflict.geojson.Features.collection;
import static io.deconflict.geojson.Features.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.Main;
import io.deconflict.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Same road as {@link io.deconflict.cli.Features#MOVEMENT}, an hour later, another party. */
  private static final String LATER_MOVEMENT =
      movement(
          "m-1",
          "RU",
          "[[41.2, 37.0], [41.0, 37.0]]",
          "[\"2022-10-08T10:30:00Z\", \"2022-10-08T11:00:00Z\"]");

  /** Beside {@link io.deconflict.cli.Features#MOVEMENT}, about 1,499 m north, at the same time. */
  private static final String PARALLEL_MOVEMENT =
      movement(
          "m-2",
          "RU",
          "[[41.0, 37.0135], [41.2, 37.0135]]",
          "[\"2022-10-08T09:00:00Z\", \"2022-10-08T09:30:00Z\"]");

  @TempDir Path dir;

  @Test
  void sampleHasTheThreeDocumentedConflictsInOrder() throws IOException {
    Result result = Cli.run("check", Cli.sample().toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode conflicts = JSON.readTree(result.out()).get("conflicts");
    List<String> pairs = new ArrayList<>();
    for (JsonNode c : conflicts) {
      pairs.add(c.get("kind").asText() + " " + c.get("a").asText() + " " + c.get("b").asText());
    }
    assertThat(pairs)
        .containsExactly(
            "movement-movement ru-patrol-1 us-patrol-1",
            "movement-site ru-patrol-1 us-rmelan-station",
            "movement-zone us-convoy-1 ru-aoo-tal-tamr");
    assertThat(result.out()).doesNotContain("us-patrol-2");
    assertSorted(conflicts);
    JsonNode first = conflicts.get(0);
    assertThat(first.get("parties")).hasSize(2);
    assertThat(first.get("parties").get(0).asText()).isEqualTo("RU");
    assertThat(first.get("parties").get(1).asText()).isEqualTo("US");
    assertThat(first.get("closest").get("distanceMeters").asDouble()).isLessThan(1500);
    JsonNode site = conflicts.get(1).get("closest");
    assertThat(site.get("distanceMeters").asDouble()).isBetween(250.0, 320.0);
    assertThat(site.get("b").get(0).asDouble()).isEqualTo(41.8);
    assertThat(site.get("b").get(1).asDouble()).isEqualTo(37.0017);
    assertThat(conflicts.get(2).has("closest")).isFalse();
  }

  @Test
  void jsonOutputHasOneConflictPerLine() {
    Result result = Cli.run("check", Cli.sample().toString());

    assertThat(result.out().lines()).hasSize(5).first().isEqualTo("{\"conflicts\": [");
    assertThat(result.out()).endsWith("\n]}\n");
    assertThat(result.out().lines().skip(1).limit(3))
        .allSatisfy(line -> assertThat(line).startsWith("  {\"kind\": \"movement-"));
  }

  @Test
  void noConflictExitsZeroWithAnEmptyList() throws IOException {
    Path file = write(collection(MOVEMENT, LATER_MOVEMENT));

    Result result = Cli.run("check", file.toString());

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).isEqualTo("{\"conflicts\": []}\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void emptyCollectionHasNoConflict() throws IOException {
    Result result = Cli.run("check", write(collection()).toString());

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).isEqualTo("{\"conflicts\": []}\n");
  }

  @Test
  void readsStandardInputGivenDash() throws IOException {
    String sample = Files.readString(Cli.sample(), StandardCharsets.UTF_8);

    Result fromStdin = Cli.runWithStdin(sample, "check", "-");
    Result fromFile = Cli.run("check", Cli.sample().toString());

    assertThat(fromStdin.exitCode()).isEqualTo(1);
    assertThat(fromStdin.err()).isEmpty();
    assertThat(fromStdin.out()).isEqualTo(fromFile.out());
  }

  @Test
  void invalidStandardInputSaysSo() {
    Result result = Cli.runWithStdin("{\"type\": \"FeatureCollection\", ", "check", "-");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("error: malformed JSON at line 1, column ");
  }

  @Test
  void textFormatPrintsATableAndASummary() {
    Result result = Cli.run("check", "--format", "text", Cli.sample().toString());

    assertThat(result.exitCode()).isEqualTo(1);
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("KIND")
        .contains("A", "B", "PARTIES", "START", "END", "DURATION", "CLOSEST", "DISTANCE (m)");
    assertThat(lines.get(1)).startsWith("movement-movement  ru-patrol-1  us-patrol-1");
    assertThat(lines.get(1)).contains("RU/US", "2022-10-08T08:");
    assertThat(lines.get(3)).startsWith("movement-zone").endsWith("-");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("3 conflicts among 6 items (4 movements, 1 site, 1 zone)");
  }

  @Test
  void textFormatWithoutConflictIsOnlyTheSummary() throws IOException {
    Path file = write(collection(MOVEMENT, LATER_MOVEMENT));

    Result result = Cli.run("check", "--format=TEXT", file.toString());

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out())
        .isEqualTo("0 conflicts among 2 items (2 movements, 0 sites, 0 zones)\n");
  }

  @Test
  void separationOptionAppliesToMovementsWithoutTheirOwn() throws IOException {
    Path file = write(collection(MOVEMENT, PARALLEL_MOVEMENT));

    Result byDefault = Cli.run("check", file.toString());
    Result wider = Cli.run("check", "--separation", "2000", file.toString());
    Result narrower = Cli.run("check", "--separation=1400", file.toString());

    assertThat(byDefault.exitCode()).isEqualTo(0);
    assertThat(narrower.exitCode()).isEqualTo(0);
    assertThat(wider.exitCode()).isEqualTo(1);
    assertThat(wider.out()).contains("\"a\": \"m-0\", \"b\": \"m-2\"");
  }

  @Test
  void ownSeparationOverridesTheOption() throws IOException {
    String wide =
        movement(
            "m-2",
            "RU",
            "[[41.0, 37.0135], [41.2, 37.0135]]",
            "[\"2022-10-08T09:00:00Z\", \"2022-10-08T09:30:00Z\"]",
            "\"separationMeters\": 1600, ");
    Path file = write(collection(MOVEMENT, wide));

    assertThat(Cli.run("check", file.toString()).exitCode()).isEqualTo(1);
  }

  @Test
  void separationOptionMustBePositive() throws IOException {
    Path file = write(collection(MOVEMENT));

    for (String bad : List.of("0", "-5", "NaN", "100001")) {
      Result result = Cli.run("check", "--separation", bad, file.toString());
      assertThat(result.exitCode()).as(bad).isEqualTo(2);
      assertThat(result.out()).as(bad).isEmpty();
      assertThat(result.err()).as(bad).contains("--separation");
    }
  }

  @Test
  void drawsProgressOnATerminalWhenTheRunIsSlow() {
    long[] now = {0};
    // every clock read is half a second later: the run looks slow
    Terminal slowTerminal =
        new Terminal(new ByteArrayInputStream(new byte[0]), true, () -> now[0] += 500_000_000L);
    CommandLine commandLine = Main.commandLine(slowTerminal);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int exitCode = commandLine.execute("check", Cli.sample().toString());

    assertThat(exitCode).isEqualTo(1);
    // The search runs in parts (their number follows the threads); the last bar is the full one.
    java.util.regex.Matcher last =
        java.util.regex.Pattern.compile("\rchecking \\[#{30}\\] 100% (\\d+) / \\1 parts\r( +)\r$")
            .matcher(err.toString());
    assertThat(last.find()).as(err.toString()).isTrue();
    assertThat(out.toString()).startsWith("{\"conflicts\": [");
  }

  @Test
  void outputIsTheSameForAnyNumberOfThreads() {
    Result one = Cli.run("check", "--threads", "1", Cli.sample().toString());
    for (String threads : new String[] {"2", "7"}) {
      Result many = Cli.run("check", "--threads", threads, Cli.sample().toString());
      assertThat(many.exitCode()).isEqualTo(one.exitCode()).isEqualTo(1);
      assertThat(many.out()).as("--threads %s", threads).isEqualTo(one.out());
    }
  }

  @Test
  void threadsOutOfRangeIsAUsageError() {
    for (String bad : new String[] {"-1", "257"}) {
      Result result = Cli.run("check", "--threads", bad, Cli.sample().toString());
      assertThat(result.exitCode()).as(bad).isEqualTo(2);
      assertThat(result.out()).as(bad).isEmpty();
      assertThat(result.err()).as(bad).contains("--threads must be between 1 and 256, got " + bad);
    }
  }

  @Test
  void unknownFormatIsAUsageError() throws IOException {
    Result result = Cli.run("check", "--format", "xml", write(collection()).toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("--format");
  }

  @Test
  void missingFileSaysSo() {
    Path missing = dir.resolve("nope.geojson");

    Result result = Cli.run("check", missing.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("error: cannot read " + missing + ": no such file\n");
  }

  @Test
  void directorySaysSo() {
    Result result = Cli.run("check", dir.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("error: cannot read " + dir + ": it is a directory\n");
  }

  @Test
  void missingFileArgumentIsAUsageError() {
    Result result = Cli.run("check");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("FILE");
  }

  private static void assertSorted(JsonNode conflicts) {
    List<JsonNode> list = new ArrayList<>();
    conflicts.forEach(list::add);
    Comparator<JsonNode> order =
        Comparator.<JsonNode, Instant>comparing(c -> Instant.parse(c.get("start").asText()))
            .thenComparing(c -> c.get("a").asText())
            .thenComparing(c -> c.get("b").asText());
    assertThat(list).isSortedAccordingTo(order);
    Set<String> kinds = list.stream().map(c -> c.get("kind").asText()).collect(Collectors.toSet());
    assertThat(kinds)
        .containsExactlyInAnyOrder("movement-movement", "movement-site", "movement-zone");
  }

  private Path write(String json) throws IOException {
    Path file = Files.createTempFile(dir, "input", ".geojson");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }
}
