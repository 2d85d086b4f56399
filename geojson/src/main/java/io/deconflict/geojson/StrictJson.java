package io.deconflict.geojson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The one strict reading of JSON text, shared by {@code deconflict check} ({@link
 * FeatureCollectionReader}), the HTTP API, the configuration file and journal replay. It refuses,
 * naming where: bytes that are not UTF-8 (overlong forms, encoded surrogates, code points above
 * U+10FFFF, sequences cut short; see {@link Utf8Stream}), a member name repeated in one object, a
 * string or member name that escapes half of a surrogate pair ({@code "\ud800"}, which is no
 * Unicode text), and anything but white space after the document ({@link #readTree}).
 *
 * <p>Refusals are {@link JsonProcessingException}s with a location (line and column; for bytes that
 * are not UTF-8 also the byte offset). Thread-safe.
 */
public final class StrictJson {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  /** Reads trees from a strict parser; never given text or bytes directly. */
  private static final ObjectMapper TREES = new ObjectMapper(FACTORY);

  private StrictJson() {}

  /**
   * A strict parser over {@code in}, for readers that stream a document and check what follows it
   * themselves. Does not close {@code in}.
   */
  public static JsonParser parser(InputStream in) throws IOException {
    return new UnicodeStrings(FACTORY.createParser(new Utf8Stream(in)));
  }

  /**
   * Checks that {@code bytes} are UTF-8, for text read in parts (one NDJSON line at a time), so
   * that a refusal is located in the whole.
   *
   * @throws MalformedUtf8Exception if they are not
   */
  public static void requireUtf8(byte[] bytes) throws IOException {
    try (InputStream in = new Utf8Stream(new ByteArrayInputStream(bytes))) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** The next value of a parser from {@link #parser} as a tree; it does not refuse what follows. */
  public static @Nullable JsonNode readValue(JsonParser parser) throws IOException {
    return TREES.readTree(parser);
  }

  /**
   * Reads one JSON document from {@code bytes}; {@link MissingNode} if they hold only white space.
   *
   * @throws JsonProcessingException if the bytes are not strict JSON, saying where
   */
  public static JsonNode readTree(byte[] bytes) throws IOException {
    return readTree(new ByteArrayInputStream(bytes));
  }

  /**
   * Reads one JSON document from {@code in} to its end; {@link MissingNode} if it holds only white
   * space. Does not close {@code in}.
   *
   * @throws JsonProcessingException if the text is not strict JSON, saying where
   */
  public static JsonNode readTree(InputStream in) throws IOException {
    return oneDocument(parser(in));
  }

  /**
   * Reads one JSON document that the service wrote itself (a journal record), by the same rules
   * except one: a string may hold half of a surrogate pair, which the service accepted as {@code
   * \}{@code u} escapes and journaled before this reading was strict; refusing it now would leave a
   * journal that cannot be replayed.
   *
   * @throws JsonProcessingException if the bytes are not JSON by those rules, saying where
   */
  public static JsonNode readJournaled(byte[] bytes) throws IOException {
    return oneDocument(FACTORY.createParser(new Utf8Stream(new ByteArrayInputStream(bytes))));
  }

  private static JsonNode oneDocument(JsonParser parser) throws IOException {
    try (JsonParser p = parser) {
      @Nullable JsonNode node = TREES.readTree(p);
      if (node == null) {
        return MissingNode.getInstance();
      }
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new JsonParseException(
            p,
            "trailing content after the JSON document ("
                + describe(trailing)
                + "); send one document",
            p.currentTokenLocation());
      }
      return node;
    }
  }

  /**
   * Where a refusal is and what it says, for people, to follow a phrase such as {@code malformed
   * JSON}: {@code " at line 3, column 7: Duplicate field 'id'"}, or {@code ": <message>"} without a
   * location.
   */
  public static String explain(JsonProcessingException e) {
    @Nullable JsonLocation location = e.getLocation();
    @Nullable String detail = e.getOriginalMessage();
    String what = detail == null ? e.getClass().getSimpleName() : detail;
    return location == null || location.getLineNr() < 0
        ? ": " + what
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + what;
  }

  /** A token as people call it: {@code an object}, {@code a string}, ... */
  static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case END_OBJECT, END_ARRAY -> "a closing " + token.asString();
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }

  /** Bytes that are not UTF-8: where, and which. */
  public static final class MalformedUtf8Exception extends JsonProcessingException {

    private static final long serialVersionUID = 1L;

    private final long byteOffset;

    MalformedUtf8Exception(String message, long byteOffset, int line, int column) {
      super(message, new JsonLocation(ContentReference.unknown(), byteOffset, -1, line, column));
      this.byteOffset = byteOffset;
    }

    /** The offset of the first byte that is not UTF-8, from 0. */
    public long byteOffset() {
      return byteOffset;
    }
  }

  /**
   * Refuses a string or member name holding half of a surrogate pair: valid UTF-8 can only carry
   * one as a {@code \}{@code u} escape, and it is no Unicode text (RFC 8259 section 8.2).
   */
  private static final class UnicodeStrings extends JsonParserDelegate {

    UnicodeStrings(JsonParser d) {
      super(d);
    }

    @Override
    public @Nullable JsonToken nextToken() throws IOException {
      return checked(delegate.nextToken());
    }

    @Override
    public @Nullable JsonToken nextValue() throws IOException {
      return checked(delegate.nextValue());
    }

    @Override
    public @Nullable String nextFieldName() throws IOException {
      @Nullable String name = delegate.nextFieldName();
      checked(delegate.currentToken());
      return name;
    }

    @Override
    public boolean nextFieldName(SerializableString str) throws IOException {
      boolean same = delegate.nextFieldName(str);
      checked(delegate.currentToken());
      return same;
    }

    @Override
    public @Nullable String nextTextValue() throws IOException {
      @Nullable String text = delegate.nextTextValue();
      checked(delegate.currentToken());
      return text;
    }

    private @Nullable JsonToken checked(@Nullable JsonToken t) throws IOException {
      if (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) {
        String text = delegate.getText();
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            i++;
          } else if (Character.isSurrogate(c)) {
            throw new JsonParseException(
                delegate,
                String.format(
                    "%s holds \\u%04x, half of a surrogate pair, which is not Unicode text",
                    t == JsonToken.FIELD_NAME ? "a member name" : "a string", (int) c),
                delegate.currentTokenLocation());
          }
        }
      }
      return t;
    }
  }
}
