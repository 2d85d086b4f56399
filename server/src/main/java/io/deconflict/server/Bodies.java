package io.deconflict.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

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
      JsonNode node = Json.MAPPER.readTree(bytes);
      if (node == null) {
        throw ServiceException.invalid("", "the request body is empty; send JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw ServiceException.invalid(
          "", "the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ServiceException.invalid("", "the request body could not be read: " + e.getMessage());
    }
  }

  /**
   * The request body, read up to the configured limit. Jetty checks {@code Content-Length}; a
   * chunked body has none, so the limit is enforced here as the bytes arrive.
   */
  byte[] bounded(Context ctx) {
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
