package io.deconflict.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.resolve.Shifts;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes conflicts as the JSON document of {@code docs/formats.md}: {@code {"conflicts": [...]}}
 * with one conflict per line, distances rounded to 0.01 m and positions to 1e-7 degrees.
 */
public final class JsonReport {

  /** Decimal places of distances in metres: centimetres. */
  static final int DISTANCE_SCALE = 2;

  /** Decimal places of longitudes and latitudes in degrees: about a centimetre. */
  static final int DEGREE_SCALE = 7;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private JsonReport() {}

  /** Writes the document and a final newline to {@code out}, and flushes it. */
  public static void write(List<Conflict> conflicts, Writer out) throws IOException {
    Stream stream = open(out);
    for (Conflict conflict : conflicts) {
      stream.add(conflict);
    }
    stream.finish();
  }

  /** Starts the document on {@code out}: conflicts are then written one by one as they come. */
  public static Stream open(Writer out) throws IOException {
    return new Stream(out, Lapses.NONE, JointParties.NONE, c -> List.of());
  }

  /**
   * Starts the document on {@code out}, marking a conflict with a lapsed site or zone {@code
   * "lapsed": true} (and {@code lapsedSince}, when known).
   */
  public static Stream open(Writer out, Lapses lapses) throws IOException {
    return new Stream(out, lapses, JointParties.NONE, c -> List.of());
  }

  /**
   * As {@link #open(Writer, Lapses)}, naming the participants of a joint movement on either side
   * ({@code "participants": {"a": [...]}}, D39).
   */
  public static Stream open(Writer out, Lapses lapses, JointParties joint) throws IOException {
    return new Stream(out, lapses, joint, c -> List.of());
  }

  /**
   * As {@link #open(Writer, Lapses, JointParties)}, each conflict with the resolution proposals
   * {@code proposals} gives it (D41): {@code "proposals": [{"movement": id, "delay": ...,
   * "advance": ...}]}, one per side that is a movement, a shift absent when none within the horizon
   * clears it.
   */
  public static Stream open(
      Writer out, Lapses lapses, JointParties joint, Function<Conflict, List<Shifts>> proposals)
      throws IOException {
    return new Stream(out, lapses, joint, proposals);
  }

  /** The document being written, a conflict at a time. Not thread-safe. */
  public static final class Stream {
    private final Writer out;
    private final JsonGenerator json;
    private final Instants instants = new Instants();
    private final Lapses lapses;
    private final JointParties joint;
    private final Function<Conflict, List<Shifts>> proposals;
    private long written;

    private Stream(
        Writer out, Lapses lapses, JointParties joint, Function<Conflict, List<Shifts>> proposals)
        throws IOException {
      this.out = out;
      this.lapses = lapses;
      this.joint = joint;
      this.proposals = proposals;
      this.json = FACTORY.createGenerator(out);
      json.setPrettyPrinter(new OneConflictPerLine());
      json.writeStartObject();
      json.writeFieldName("conflicts");
      json.writeStartArray();
    }

    /** Writes one conflict. */
    public void add(Conflict conflict) throws IOException {
      write(conflict, lapses, joint, proposals.apply(conflict), json, instants);
      written++;
    }

    /** How many conflicts were written. */
    public long written() {
      return written;
    }

    /** Ends the document, writes the final newline and flushes. */
    public void finish() throws IOException {
      json.writeEndArray();
      json.writeEndObject();
      json.close();
      out.write("\n");
      out.flush();
    }
  }

  private static void write(
      Conflict conflict,
      Lapses lapses,
      JointParties joint,
      List<Shifts> proposals,
      JsonGenerator json,
      Instants instants)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("kind", conflict.kind().wireName());
    json.writeStringField("a", conflict.a());
    json.writeStringField("b", conflict.b());
    json.writeArrayFieldStart("parties");
    json.writeString(conflict.partyA());
    json.writeString(conflict.partyB());
    json.writeEndArray();
    List<String> withA = joint.of(conflict.a());
    List<String> withB = joint.of(conflict.b());
    if (!withA.isEmpty() || !withB.isEmpty()) {
      json.writeObjectFieldStart("participants");
      for (String side : new String[] {"a", "b"}) {
        List<String> parties = side.equals("a") ? withA : withB;
        if (!parties.isEmpty()) {
          json.writeArrayFieldStart(side);
          for (String p : parties) {
            json.writeString(p);
          }
          json.writeEndArray();
        }
      }
      json.writeEndObject();
    }
    json.writeStringField("start", instants.format(conflict.start()));
    json.writeStringField("end", instants.format(conflict.end()));
    Optional<ClosestApproach> closest = conflict.closest();
    if (closest.isPresent()) {
      ClosestApproach c = closest.get();
      json.writeObjectFieldStart("closest");
      json.writeStringField("time", instants.format(c.time()));
      json.writeFieldName("distanceMeters");
      json.writeNumber(Decimals.round(c.distanceMeters(), DISTANCE_SCALE));
      json.writeFieldName("a");
      write(c.a(), json);
      json.writeFieldName("b");
      write(c.b(), json);
      json.writeEndObject();
    }
    Optional<Lapses.Lapse> lapse = lapses.of(conflict);
    if (lapse.isPresent()) {
      json.writeBooleanField("lapsed", true);
      json.writeStringField("lapsedItem", lapse.get().id());
      if (lapse.get().since().isPresent()) {
        json.writeStringField("lapsedSince", instants.format(lapse.get().since().get()));
      }
    }
    if (!proposals.isEmpty()) {
      json.writeArrayFieldStart("proposals");
      for (Shifts s : proposals) {
        json.writeStartObject();
        json.writeStringField("movement", s.movement());
        Optional<Duration> delay = s.delay();
        if (delay.isPresent()) {
          json.writeStringField("delay", delay.get().toString());
        }
        Optional<Duration> advance = s.advance();
        if (advance.isPresent()) {
          json.writeStringField("advance", advance.get().toString());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void write(GeoPoint point, JsonGenerator json) throws IOException {
    json.writeStartArray();
    json.writeNumber(Decimals.round(point.lon(), DEGREE_SCALE));
    json.writeNumber(Decimals.round(point.lat(), DEGREE_SCALE));
    json.writeEndArray();
  }

  /**
   * Spaces after colons and commas; a line break before each element of the top-level conflicts
   * array, so that each conflict is one line. One instance per generator.
   */
  private static final class OneConflictPerLine implements PrettyPrinter {

    /** Nesting depth of the conflicts array: inside the root object, inside the array. */
    private static final int CONFLICTS_DEPTH = 2;

    private static final String INDENT = "\n" + "  ";

    private int depth;

    @Override
    public void writeRootValueSeparator(JsonGenerator gen) throws IOException {
      gen.writeRaw(' ');
    }

    @Override
    public void writeStartObject(JsonGenerator gen) throws IOException {
      gen.writeRaw('{');
      depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator gen) {}

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
      gen.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
      gen.writeRaw(", ");
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int nrOfEntries) throws IOException {
      gen.writeRaw('}');
      depth--;
    }

    @Override
    public void writeStartArray(JsonGenerator gen) throws IOException {
      gen.writeRaw('[');
      depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) throws IOException {
      if (depth == CONFLICTS_DEPTH) {
        gen.writeRaw(INDENT);
      }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
      gen.writeRaw(depth == CONFLICTS_DEPTH ? "," + INDENT : ", ");
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int nrOfValues) throws IOException {
      if (depth == CONFLICTS_DEPTH && nrOfValues > 0) {
        gen.writeRaw("\n");
      }
      gen.writeRaw(']');
      depth--;
    }
  }
}
