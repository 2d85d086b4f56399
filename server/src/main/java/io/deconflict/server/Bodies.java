package io.deconflict.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.geojson.StrictJson;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Body parsing: reads a request body up to the configured limit (also for chunked bodies, which
 * carry no {@code Content-Length}), parses it as JSON with errors that say where, and reads integer
 * query parameters. Errors are {@link ServiceException}s naming the field, or {@link TooLarge}.
 * Thread-safe.
 */
final class Bodies {

  private final long maxBodyBytes;

  /** Bodies up to {@code maxBodyBytes}. */
  Bodies(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  ObjectNode object(Context ctx) {
    return object(ctx, false);
  }

  /** The body as a JSON object; an empty body is an empty object if {@code optional}. */
  ObjectNode object(Context ctx, boolean optional) {
    byte[] bytes = bounded(ctx);
    if (optional && new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return Json.object();
    }
    if (bytes.length == 0) {
      throw ServiceException.invalid("", "the request body is empty; send a JSON object");
    }
    JsonNode node = parse(bytes);
    if (node == null || !node.isObject()) {
      throw ServiceException.invalid("", "the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Parses JSON; an empty body or bad JSON is {@code invalid}, saying where. */
  static JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      throw ServiceException.invalid("", "the request body is empty; send JSON");
    }
    try {
      JsonNode node = StrictJson.readTree(bytes);
      if (node.isMissingNode()) {
        throw ServiceException.invalid("", "the request body is empty; send JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw notJson("the request body", e);
    } catch (IOException e) {
      throw ServiceException.invalid("", "the request body could not be read: " + e.getMessage());
    }
  }

  /** Throws unless the body is UTF-8, saying where it is not. */
  static void requireUtf8(byte[] bytes) {
    try {
      StrictJson.requireUtf8(bytes);
    } catch (JsonProcessingException e) {
      throw notJson("the request body", e);
    } catch (IOException e) {
      throw ServiceException.invalid("", "the request body could not be read: " + e.getMessage());
    }
  }

  /** The refusal of {@code what} (a body, a line of one) that is not strict JSON, saying where. */
  static ServiceException notJson(String what, JsonProcessingException e) {
    return ServiceException.invalid("", what + " is not valid JSON" + StrictJson.explain(e));
  }

  /**
   * The request body, read up to the configured limit, after its media type was found to be one
   * read as JSON ({@link #requireJson}). Jetty checks {@code Content-Length}; a chunked body has
   * none, so the limit is enforced here as the bytes arrive.
   */
  byte[] bounded(Context ctx) {
    requireJson(ctx, false);
    return read(ctx);
  }

  /** The media types read as JSON text whatever they say: what curl and fetch send by default. */
  private static final Set<String> READ_AS_JSON =
      Set.of("application/json", "application/x-www-form-urlencoded", "text/plain");

  private static final Set<String> NDJSON = Set.of("application/x-ndjson", "application/ndjson");

  /**
   * Refuses a body whose {@code Content-Type} says it is something other than JSON in UTF-8 (with
   * {@link UnsupportedMediaType}); returns whether it says NDJSON, where {@code ndjsonAllowed}.
   */
  static boolean requireJson(Context ctx, boolean ndjsonAllowed) {
    String header = ctx.header("Content-Type");
    if (header == null || header.isBlank()) {
      return false;
    }
    String[] parts = header.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (param[0].trim().equalsIgnoreCase("charset")
          && (param.length < 2 || !param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
        throw new UnsupportedMediaType(
            "the request body is read as UTF-8; Content-Type says " + header.trim());
      }
    }
    boolean json = READ_AS_JSON.contains(type) || type.matches("application/[^/]+\\+json");
    boolean ndjson = ndjsonAllowed && NDJSON.contains(type);
    if (!json && !ndjson) {
      throw new UnsupportedMediaType(
          "the request body must be JSON (application/json"
              + (ndjsonAllowed ? ", or application/x-ndjson" : "")
              + "); Content-Type says "
              + type);
    }
    return ndjson;
  }

  /** A body whose declared media type is not read here. */
  static final class UnsupportedMediaType extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedMediaType(String message) {
      super(message);
    }
  }

  /** The request body up to the limit, for a caller that checked its media type itself. */
  byte[] read(Context ctx) {
    long limit = maxBodyBytes;
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw new TooLarge(limit);
      }
      return bytes;
    } catch (IOException e) {
      throw ServiceException.invalid("", "the request body could not be read: " + e.getMessage());
    }
  }

  private static final java.util.regex.Pattern DOTTED =
      java.util.regex.Pattern.compile(
          "^((?:id|type|geometry|properties)(?:\\.[A-Za-z]+|\\[[0-9]+\\])*)");

  /**
   * The JSON pointer of the field a GeoJSON error message starts with: {@code properties.times[4]
   * ...} gives {@code /properties/times/4}; empty if the message names no field.
   */
  static String pointerOf(String detail) {
    java.util.regex.Matcher m = DOTTED.matcher(detail);
    if (!m.find()) {
      return "";
    }
    return "/" + m.group(1).replace("[", ".").replace("]", "").replace('.', '/');
  }

  /** A body over the limit. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("the request body is larger than " + limit + " bytes");
    }
  }

  /** An integer query parameter in {@code [min, max]}, or {@code fallback} if absent. */
  static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ServiceException.invalid(
          name, "query parameter " + name + " must be an integer " + min + ".." + max);
    }
  }
}
