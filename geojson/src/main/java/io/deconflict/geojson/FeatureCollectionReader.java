package io.deconflict.geojson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.deconflict.engine.item.Item;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a GeoJSON FeatureCollection of movements, sites and zones, as {@code docs/formats.md}
 * specifies, and validates all of it.
 *
 * <p>The document is streamed: only one feature is held as a JSON tree at a time, so memory grows
 * with the items, not with the text. The first violation ends the read with an {@link
 * InvalidInputException}. Thread-safe: it holds no state between reads.
 */
public final class FeatureCollectionReader {

  private final ReadOptions options;

  /** A reader with these defaults and limits. */
  public FeatureCollectionReader(ReadOptions options) {
    this.options = options;
  }

  /**
   * Reads and validates a whole document. Does not close {@code in}.
   *
   * @throws InvalidInputException if the input breaks the contract
   * @throws IOException if {@code in} cannot be read
   */
  public FeatureCollection read(InputStream in) throws IOException {
    return read(in, bytes -> {});
  }

  /**
   * Reads and validates a whole document, telling {@code bytesRead} how many bytes it has read so
   * far as it goes. Does not close {@code in}.
   *
   * @throws InvalidInputException if the input breaks the contract
   * @throws IOException if {@code in} cannot be read
   */
  public FeatureCollection read(InputStream in, LongConsumer bytesRead) throws IOException {
    List<Item> items = new ArrayList<>();
    read(in, bytesRead, items::add);
    return new FeatureCollection(items);
  }

  /**
   * Reads and validates a whole document, handing each item to {@code sink} as soon as it is read
   * and valid, so that memory need not hold them all; tells {@code bytesRead} how many bytes it has
   * read so far. If the input breaks the contract, the sink has seen the items before the first
   * violation and the read ends with an {@link InvalidInputException}: a caller that must not act
   * on half an input keeps what the sink received until the read returns. Does not close {@code
   * in}.
   *
   * @throws InvalidInputException if the input breaks the contract
   * @throws IOException if {@code in} cannot be read
   */
  public void read(InputStream in, LongConsumer bytesRead, Consumer<? super Item> sink)
      throws IOException {
    read(in, bytesRead, sink, (id, at) -> {});
  }

  /**
   * As {@link #read(InputStream, LongConsumer, Consumer)}, telling {@code confirmed} the id of each
   * site or zone that says when it was last confirmed ({@code properties.confirmedAt}, D36) and
   * that instant, just before the sink gets the item.
   *
   * @throws InvalidInputException if the input breaks the contract
   * @throws IOException if {@code in} cannot be read
   */
  public void read(
      InputStream in,
      LongConsumer bytesRead,
      Consumer<? super Item> sink,
      BiConsumer<String, Instant> confirmed)
      throws IOException {
    BoundedInputStream bounded = new BoundedInputStream(in, options.maxBytes(), bytesRead);
    try (JsonParser parser = StrictJson.parser(bounded)) {
      read(parser, sink, confirmed);
    } catch (BoundedInputStream.TooLarge e) {
      throw tooLarge();
    } catch (JsonProcessingException e) {
      throw InvalidInputException.malformed(e);
    } catch (CharConversionException e) {
      // Jackson guesses UTF-16 or UTF-32 from zero bytes at the start and fails on what follows
      throw InvalidInputException.of("the input is not UTF-8 JSON text: " + e.getMessage());
    }
  }

  /** The error for an input over the byte limit, for callers that know the size up front. */
  public InvalidInputException tooLarge() {
    return InvalidInputException.of(
        "the input is larger than " + options.maxBytes() + " bytes, the limit");
  }

  private void read(
      JsonParser parser, Consumer<? super Item> sink, BiConsumer<String, Instant> confirmed)
      throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw InvalidInputException.of("the input is empty; expected a GeoJSON FeatureCollection");
    }
    if (first != JsonToken.START_OBJECT) {
      throw notACollection("it is " + StrictJson.describe(first) + ", not an object");
    }
    @Nullable String type = null;
    boolean features = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "type" -> {
          if (value != JsonToken.VALUE_STRING || !parser.getText().equals("FeatureCollection")) {
            String shown =
                value == JsonToken.VALUE_STRING
                    ? Describe.quote(parser.getText())
                    : StrictJson.describe(value);
            throw notACollection("its type is " + shown);
          }
          type = parser.getText();
        }
        case "features" -> {
          if (value != JsonToken.START_ARRAY) {
            throw notACollection(
                "its features member is " + StrictJson.describe(value) + ", not an array");
          }
          features(parser, sink, confirmed);
          features = true;
        }
        default -> parser.skipChildren();
      }
    }
    JsonToken trailing = parser.nextToken();
    if (trailing != null) {
      throw InvalidInputException.of(
          "unexpected "
              + StrictJson.describe(trailing)
              + " after the FeatureCollection at line "
              + parser.currentTokenLocation().getLineNr()
              + ", column "
              + parser.currentTokenLocation().getColumnNr());
    }
    if (type == null) {
      throw notACollection("its type member is missing");
    }
    if (!features) {
      throw notACollection("its features member is missing");
    }
  }

  private void features(
      JsonParser parser, Consumer<? super Item> sink, BiConsumer<String, Instant> confirmed)
      throws IOException {
    Map<String, Integer> indexById = new HashMap<>();
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (index >= options.maxFeatures()) {
        throw InvalidInputException.feature(
            index, "more than " + options.maxFeatures() + " features, the limit");
      }
      @Nullable JsonNode read = StrictJson.readValue(parser);
      JsonNode node = read == null ? NullNode.getInstance() : read;
      Item item = FeatureParser.parse(node, index, options.defaultSeparationMeters());
      Integer earlier = indexById.putIfAbsent(item.id(), index);
      if (earlier != null) {
        throw InvalidInputException.feature(
            index,
            item.id(),
            "id " + Describe.quote(item.id()) + " is already the id of feature " + earlier);
      }
      Optional<Instant> confirmedAt = FeatureParser.confirmedAt(node, index);
      if (confirmedAt.isPresent()) {
        confirmed.accept(item.id(), confirmedAt.get());
      }
      sink.accept(item);
      index++;
    }
  }

  private static InvalidInputException notACollection(String why) {
    return InvalidInputException.of("the input is not a GeoJSON FeatureCollection: " + why);
  }
}
