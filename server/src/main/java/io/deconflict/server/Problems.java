package io.deconflict.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.limit.LimitExceeded;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Problem mapping: every error the API answers is an RFC 9457 problem document ({@code
 * application/problem+json}, type {@code urn:deconflict:problem:<kind>}, the JSON pointer of the
 * offending field in {@code field}). Maps {@link ServiceException} kinds to statuses and installs
 * the handlers for exceptions and for Javalin's own 404, 405 and 413; {@link ContainerErrors} does
 * the same for Jetty's errors. Stateless.
 */
final class Problems {

  /** The request attribute that marks a response as already written as a problem. */
  static final String WRITTEN = "deconflict.problem";

  private Problems() {}

  /** Installs the exception and error handlers on a server whose bodies are limited to this. */
  static void install(Javalin javalin, long maxBodyBytes) {
    javalin.exception(ServiceException.class, (e, ctx) -> write(ctx, e));
    javalin.exception(
        LimitExceeded.class,
        (e, ctx) -> {
          ctx.header("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
          write(ctx, 429, "too-many-requests", e.getMessage(), "");
        });
    javalin.exception(
        Bodies.TooLarge.class, (e, ctx) -> write(ctx, 413, "too-large", e.getMessage(), ""));
    javalin.exception(
        Bodies.UnsupportedMediaType.class,
        (e, ctx) -> write(ctx, 415, "unsupported-media-type", e.getMessage(), "Content-Type"));
    javalin.exception(
        HttpResponseException.class,
        (e, ctx) ->
            write(
                ctx,
                e.getStatus(),
                statusType(e.getStatus()),
                e.getStatus() == 405 ? notAllowed(ctx) : e.getMessage(),
                ""));
    javalin.exception(
        Exception.class,
        (e, ctx) ->
            write(
                ctx,
                500,
                "internal-error",
                "internal error; the request was not applied unless it returned 2xx",
                ""));
    javalin.error(
        404,
        ctx -> {
          if (ctx.attribute(WRITTEN) == null) {
            write(ctx, 404, "not-found", "no such resource: " + ctx.path(), "");
          }
        });
    javalin.error(
        405,
        ctx -> {
          if (ctx.attribute(WRITTEN) == null) {
            write(ctx, 405, "method-not-allowed", notAllowed(ctx), "");
          }
        });
    javalin.error(
        413,
        ctx -> {
          if (ctx.attribute(WRITTEN) == null) {
            write(
                ctx,
                413,
                "too-large",
                "the request body is larger than " + maxBodyBytes + " bytes",
                "");
          }
        });
  }

  private static String notAllowed(Context ctx) {
    return ctx.req().getMethod() + " is not allowed on " + ctx.path();
  }

  static void write(Context ctx, ServiceException e) {
    int status =
        switch (e.kind()) {
          case INVALID -> 400;
          case NOT_FOUND -> 404;
          case FORBIDDEN -> 403;
          case CONFLICT -> 409;
          case UNAVAILABLE -> 503;
        };
    write(
        ctx,
        status,
        e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        String.valueOf(e.getMessage()),
        e.field());
  }

  /** Writes an RFC 9457 problem document. */
  static void write(Context ctx, int status, String type, @Nullable String detail, String field) {
    ctx.attribute(WRITTEN, Boolean.TRUE);
    ctx.status(status)
        .contentType(CONTENT_TYPE)
        .result(document(status, type, detail, ctx.path(), field));
  }

  /** The content type of a problem document. */
  static final String CONTENT_TYPE = "application/problem+json";

  /**
   * An RFC 9457 problem document; {@code instance} is left out when the request could not be read
   * far enough to know its path, {@code field} when empty.
   */
  static byte[] document(
      int status, String type, @Nullable String detail, @Nullable String instance, String field) {
    ObjectNode p = Json.object();
    p.put("type", "urn:deconflict:problem:" + type);
    p.put("title", title(status));
    p.put("status", status);
    p.put("detail", detail == null || detail.isBlank() ? title(status) : detail);
    if (instance != null) {
      p.put("instance", instance);
    }
    if (!field.isEmpty()) {
      p.put("field", field);
    }
    return Json.bytes(p);
  }

  /** The problem type of an error that only has a status. */
  static String statusType(int status) {
    return switch (status) {
      case 400 -> "invalid";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 409 -> "conflict";
      case 413 -> "too-large";
      case 414 -> "uri-too-long";
      case 415 -> "unsupported-media-type";
      case 429 -> "too-many-requests";
      case 431 -> "headers-too-large";
      case 500 -> "internal-error";
      case 503 -> "unavailable";
      case 505 -> "http-version-not-supported";
      default -> "http-" + status;
    };
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Invalid request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 409 -> "Conflict with the current state";
      case 413 -> "Request body too large";
      case 414 -> "URI too long";
      case 415 -> "Unsupported media type";
      case 429 -> "Too many requests";
      case 431 -> "Request headers too large";
      case 505 -> "HTTP version not supported";
      case 503 -> "Service unavailable";
      default -> "Error " + status;
    };
  }
}
