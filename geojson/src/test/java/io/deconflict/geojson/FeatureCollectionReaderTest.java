package io.deconflict.geojson;

import static io.deconflict.geojson.Features.MOVEMENT;
import static io.deconflict.geojson.Features.collection;
import static io.deconflict.geojson.Features.movement;
import static io.deconflict.geojson.Features.site;
import static io.deconflict.geojson.Features.zone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Zone;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeatureCollectionReaderTest {

  private static final String TIMES = "[\"2022-10-08T09:00:00Z\", \"2022-10-08T09:30:00Z\"]";

  @Test
  void readsMovementsSitesAndZonesInOrder() throws IOException {
    FeatureCollection read =
        read(
            collection(
                MOVEMENT,
                site("s", "RU", "[41.0, 37.0, 350]", "500", ""),
                zone(
                    "z",
                    "TR",
                    "[[[40.0, 36.0], [40.1, 36.0], [40.1, 36.1], [40.0, 36.1], [40.0, 36.0]],"
                        + " [[40.02, 36.02], [40.05, 36.02], [40.05, 36.05], [40.02, 36.02]]]",
                    "\"validUntil\": \"2022-10-09T00:00:00+00:00\", ")));

    assertThat(read.items()).hasSize(3);
    assertThat(read.movements()).isEqualTo(1);
    assertThat(read.sites()).isEqualTo(1);
    assertThat(read.zones()).isEqualTo(1);
    Movement movement = (Movement) read.items().get(0);
    assertThat(movement.id()).isEqualTo("m-0");
    assertThat(movement.party()).isEqualTo("US");
    assertThat(movement.separationMeters()).isEqualTo(ReadOptions.DEFAULT_SEPARATION_METERS);
    assertThat(movement.waypoints().get(1).point().lon()).isEqualTo(41.2);
    assertThat(movement.end()).isEqualTo(Instant.parse("2022-10-08T09:30:00Z"));
    Site site = (Site) read.items().get(1);
    assertThat(site.radiusMeters()).isEqualTo(500);
    assertThat(site.center().lat()).isEqualTo(37.0);
    assertThat(site.validity()).isEqualTo(Validity.always());
    Zone zone = (Zone) read.items().get(2);
    assertThat(zone.polygon().getNumInteriorRing()).isEqualTo(1);
    assertThat(zone.polygon().getExteriorRing().getCoordinateN(1).x).isEqualTo(40.1);
    assertThat(zone.validity())
        .isEqualTo(new Validity(Instant.MIN, Instant.parse("2022-10-09T00:00:00Z")));
  }

  @Test
  void usesTheDefaultSeparationOnlyForMovementsWithoutTheirOwn() throws IOException {
    String own = movement("m-1", "RU", "[[0, 0], [1, 1]]", TIMES, "\"separationMeters\": 250, ");
    FeatureCollection read =
        new FeatureCollectionReader(ReadOptions.withSeparation(3000))
            .read(stream(collection(MOVEMENT, own)));

    assertThat(((Movement) read.items().get(0)).separationMeters()).isEqualTo(3000);
    assertThat(((Movement) read.items().get(1)).separationMeters()).isEqualTo(250);
  }

  @Test
  void ignoresUnknownMembersAndNullOptionalProperties() throws IOException {
    String feature =
        movement(
            "m-1",
            "RU",
            "[[0, 0], [1, 1]]",
            TIMES,
            "\"name\": \"x\", \"separationMeters\": null, \"validFrom\": null, \"extra\": {\"a\":"
                + " [1, 2]}, ");
    String document =
        "{\"features\": ["
            + feature
            + "], \"bbox\": [0, 0, 1, 1], \"name\": {\"deep\": [1]}, \"type\": \"FeatureCollection\"}";

    FeatureCollection read = read(document);

    assertThat(read.items()).hasSize(1);
    assertThat(((Movement) read.items().get(0)).separationMeters()).isEqualTo(1000);
  }

  @Test
  void acceptsFractionalSecondsAndOffsetZero() throws IOException {
    String feature =
        movement(
            "m-1",
            "RU",
            "[[0, 0], [1, 1]]",
            "[\"2022-10-08T09:00:00.123Z\", \"2022-10-08T09:30:00.5+00:00\"]");

    Movement movement = (Movement) read(collection(feature)).items().get(0);

    assertThat(movement.start()).isEqualTo(Instant.parse("2022-10-08T09:00:00.123Z"));
    assertThat(movement.end()).isEqualTo(Instant.parse("2022-10-08T09:30:00.500Z"));
  }

  @Test
  void refusesMoreFeaturesThanTheLimit() {
    ReadOptions options = new ReadOptions(1000, 2, ReadOptions.MAX_BYTES);
    String three =
        collection(
            MOVEMENT,
            movement("m-1", "US", "[[0, 0], [1, 1]]", TIMES),
            movement("m-2", "US", "[[0, 0], [1, 1]]", TIMES));

    assertThatThrownBy(() -> new FeatureCollectionReader(options).read(stream(three)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("feature 2: more than 2 features, the limit");
  }

  @Test
  void refusesMoreBytesThanTheLimit() {
    ReadOptions options = new ReadOptions(1000, ReadOptions.MAX_FEATURES, 100);
    String document = collection(MOVEMENT);

    assertThatThrownBy(() -> new FeatureCollectionReader(options).read(stream(document)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the input is larger than 100 bytes, the limit");
  }

  @Test
  void reportsBytesRead() throws IOException {
    String document = collection(MOVEMENT);
    long[] last = {0};

    new FeatureCollectionReader(ReadOptions.withSeparation(1000))
        .read(stream(document), bytes -> last[0] = bytes);

    assertThat(last[0]).isEqualTo(document.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void quotesAndShortensIdsInMessages() {
    String id = "a\"b\n" + "x".repeat(100);
    String feature = movement("ID", "", "[[0, 0], [1, 1]]", TIMES).replace("\"ID\"", quoteJson(id));

    assertThatThrownBy(() -> read(collection(feature)))
        .hasMessage(
            "feature 0 (id \"a\\\"b\\n"
                + "x".repeat(76)
                + "...\"): properties.party must not be empty, got \"\"");
  }

  private static String quoteJson(String s) {
    return "\"" + s.replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static FeatureCollection read(String json) throws IOException {
    return new FeatureCollectionReader(ReadOptions.withSeparation(1000)).read(stream(json));
  }

  private static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
