package io.deconflict.geojson;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.item.Zone;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

/**
 * Fuzzes {@link FeatureCollectionReader} (docs/fuzzing.md). Property: every input is either refused
 * with an {@link InvalidInputException} whose message names the feature and the field (or says what
 * is wrong with the document as a whole), or accepted, and then the items written back as GeoJSON
 * read again to equal items. Seeds: {@code FeatureCollectionReaderFuzzTestInputs/read}.
 */
class FeatureCollectionReaderFuzzTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A small limit, so that the fuzzer hits it; the default separation is not a round number. */
  private static final ReadOptions OPTIONS = new ReadOptions(1234.5, 16, 1 << 16);

  /** A refusal of the document as a whole. */
  private static final Pattern DOCUMENT =
      Pattern.compile(
          "(the input is empty; .+|the input is not a GeoJSON FeatureCollection: .+"
              + "|the input is not UTF-8 JSON text: .+"
              + "|the input is larger than \\d+ bytes, the limit|malformed JSON.*"
              + "|unexpected .+ after the FeatureCollection at line \\d+, column \\d+)",
          Pattern.DOTALL);

  /** A refusal of one feature: its index, its id if it has a valid one, the field at fault. */
  private static final Pattern FEATURE =
      Pattern.compile(
          "feature \\d+( \\(id \".*\"\\))?: "
              + "(id|type|properties|geometry|must be a GeoJSON Feature|more than \\d+ features)"
              + "\\b.+",
          Pattern.DOTALL);

  @FuzzTest
  @DictionaryEntries({
    "\"type\"",
    "\"FeatureCollection\"",
    "\"features\"",
    "\"Feature\"",
    "\"id\"",
    "\"properties\"",
    "\"kind\"",
    "\"movement\"",
    "\"site\"",
    "\"zone\"",
    "\"party\"",
    "\"times\"",
    "\"separationMeters\"",
    "\"radiusMeters\"",
    "\"validFrom\"",
    "\"validUntil\"",
    "\"geometry\"",
    "\"LineString\"",
    "\"Point\"",
    "\"Polygon\"",
    "\"coordinates\"",
    "\"2022-10-08T09:00:00Z\"",
    "+00:00",
    "-0.0",
    "1e308",
    "null"
  })
  void read(byte[] input) throws IOException {
    FeatureCollectionReader reader = new FeatureCollectionReader(OPTIONS);
    FeatureCollection read;
    try {
      read = reader.read(new ByteArrayInputStream(input));
    } catch (InvalidInputException e) {
      String message = String.valueOf(e.getMessage());
      assertThat(DOCUMENT.matcher(message).matches() || FEATURE.matcher(message).matches())
          .as("a refusal names what is wrong: %s", message)
          .isTrue();
      return;
    }
    byte[] written = write(read);
    FeatureCollection again;
    try {
      again = reader.read(new ByteArrayInputStream(written));
    } catch (InvalidInputException e) {
      throw new AssertionError(
          "accepted input written back is refused: "
              + e.getMessage()
              + "\n"
              + new String(written, StandardCharsets.UTF_8),
          e);
    }
    assertThat(again.items()).isEqualTo(read.items());
  }

  /** The items as a GeoJSON FeatureCollection, every field explicit. */
  static byte[] write(FeatureCollection collection) throws IOException {
    ObjectNode root = MAPPER.createObjectNode().put("type", "FeatureCollection");
    ArrayNode features = root.putArray("features");
    for (Item item : collection.items()) {
      features.add(feature(item));
    }
    return MAPPER.writeValueAsBytes(root);
  }

  private static ObjectNode feature(Item item) {
    ObjectNode f = MAPPER.createObjectNode().put("type", "Feature");
    ObjectNode properties = MAPPER.createObjectNode();
    ObjectNode geometry = MAPPER.createObjectNode();
    if (item instanceof Movement m) {
      f.put("id", m.id());
      properties.put("kind", "movement").put("party", m.party());
      ArrayNode times = properties.putArray("times");
      properties.put("separationMeters", m.separationMeters());
      geometry.put("type", "LineString");
      ArrayNode coordinates = geometry.putArray("coordinates");
      for (Waypoint w : m.waypoints()) {
        times.add(w.time().toString());
        coordinates.add(position(w.point()));
      }
    } else if (item instanceof Site s) {
      f.put("id", s.id());
      properties.put("kind", "site").put("party", s.party());
      properties.put("radiusMeters", s.radiusMeters());
      validity(properties, s.validity());
      geometry.put("type", "Point");
      geometry.set("coordinates", position(s.center()));
    } else if (item instanceof Zone z) {
      f.put("id", z.id());
      properties.put("kind", "zone").put("party", z.party());
      validity(properties, z.validity());
      geometry.put("type", "Polygon");
      ArrayNode rings = geometry.putArray("coordinates");
      rings.add(ring(z.polygon().getExteriorRing()));
      for (int i = 0; i < z.polygon().getNumInteriorRing(); i++) {
        rings.add(ring(z.polygon().getInteriorRingN(i)));
      }
    }
    f.set("properties", properties);
    f.set("geometry", geometry);
    return f;
  }

  private static void validity(ObjectNode properties, Validity validity) {
    if (!validity.from().equals(Instant.MIN)) {
      properties.put("validFrom", validity.from().toString());
    }
    if (!validity.until().equals(Instant.MAX)) {
      properties.put("validUntil", validity.until().toString());
    }
  }

  private static ArrayNode position(GeoPoint p) {
    return MAPPER.createArrayNode().add(p.lon()).add(p.lat());
  }

  private static ArrayNode ring(LineString ring) {
    ArrayNode out = MAPPER.createArrayNode();
    for (Coordinate c : ring.getCoordinates()) {
      out.add(MAPPER.createArrayNode().add(c.x).add(c.y));
    }
    return out;
  }
}
