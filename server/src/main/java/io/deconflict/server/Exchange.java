package io.deconflict.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Application;
import io.deconflict.service.Json;
import io.deconflict.service.Queries;
import io.deconflict.service.ServiceException;
import io.deconflict.service.access.Gate;
import io.deconflict.service.access.SignIn;
import io.deconflict.service.command.CommandCodec;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * What the route groups share: the application and configuration, the signed-in member, query
 * parameters every group reads alike, and JSON replies. Commands leave here typed: a request body
 * is decoded into a command ({@link CommandCodec}) before it is submitted.
 *
 * <p>Thread-safe.
 */
final class Exchange {

  /** The request attribute that holds the signed-in member. */
  static final String MEMBER = "deconflict.member";

  /** The request attribute that holds the sign-in ({@link SignIn.Admitted}). */
  static final String SIGN_IN = "deconflict.signIn";

  final Application app;
  final Configuration config;
  final Gate gate;
  final Bodies bodies;

  Exchange(Application app, Configuration config, Gate gate) {
    this.app = app;
    this.config = config;
    this.gate = gate;
    this.bodies = new Bodies(config.maxBodyBytes());
  }

  /** How the request signed in. */
  static SignIn.Admitted signIn(Context ctx) {
    SignIn.Admitted a = ctx.attribute(SIGN_IN);
    if (a == null) {
      throw new IllegalStateException("no sign-in on an authenticated route");
    }
    return a;
  }

  /** The member the request was authenticated as. */
  static Member member(Context ctx) {
    Member m = ctx.attribute(MEMBER);
    if (m == null) {
      throw new IllegalStateException("no member on an authenticated route");
    }
    return m;
  }

  /** Decodes {@code body} as a command of {@code type} and submits it for the signed-in member. */
  JsonNode submit(Context ctx, String type, ObjectNode body) {
    return app.submit(member(ctx), CommandCodec.decode(type, body));
  }

  /** Submits a command that creates a resource: {@code 201} with its {@code Location}. */
  void created(Context ctx, String collection, String type, ObjectNode body) {
    JsonNode reply = submit(ctx, type, body);
    ctx.header("Location", ApiServer.BASE + collection + "/" + reply.path("id").asText());
    json(ctx, 201, reply);
  }

  /**
   * A handler that submits the request body as a command of {@code type}, with the path parameter
   * {@code param} set as the body's {@code field}.
   *
   * @param emptyBodyAllowed whether an empty body stands for {@code {}}
   */
  io.javalin.http.Handler command(
      String type, String field, String param, int status, boolean emptyBodyAllowed) {
    return ctx -> {
      ObjectNode body = bodies.object(ctx, emptyBodyAllowed);
      body.put(field, ctx.pathParam(param));
      json(ctx, status, submit(ctx, type, body));
    };
  }

  /** What a reading route asks of the state, for the signed-in member. */
  @FunctionalInterface
  interface Query<T> {

    /** The answer, from the read side under the read lock. */
    T answer(Queries queries, Member member, Context ctx);
  }

  /** A handler that answers {@code query} as one JSON document. */
  io.javalin.http.Handler one(Query<? extends JsonNode> query) {
    return ctx -> {
      Member m = member(ctx);
      json(ctx, 200, app.read(q -> query.answer(q, m, ctx)));
    };
  }

  /** A handler that answers {@code query}'s list as {@code {"<name>": [...]}}. */
  io.javalin.http.Handler list(String name, Query<? extends List<?>> query) {
    return ctx -> {
      Member m = member(ctx);
      ArrayNode out = Json.MAPPER.valueToTree(app.read(q -> query.answer(q, m, ctx)));
      json(ctx, 200, Json.object().set(name, out));
    };
  }

  /** Whether the query parameter {@code scope} (own, the default, or visible) asks for own only. */
  static boolean ownOnly(Context ctx) {
    String scope = Optional.ofNullable(ctx.queryParam("scope")).orElse("own");
    if (!scope.equals("own") && !scope.equals("visible")) {
      throw ServiceException.invalid("scope", "query parameter scope must be own or visible");
    }
    return scope.equals("own");
  }

  /**
   * The language to render coded messages in: the query parameter {@code lang}, else {@code
   * Accept-Language}, else the member's party's language.
   */
  Language language(Context ctx, Member m) {
    String lang = ctx.queryParam("lang");
    if (lang != null) {
      try {
        return Language.of(lang);
      } catch (IllegalArgumentException e) {
        throw ServiceException.invalid("lang", String.valueOf(e.getMessage()));
      }
    }
    String accept = ctx.header("Accept-Language");
    if (accept != null && !accept.isBlank()) {
      return Language.parse(accept);
    }
    return config
        .directory()
        .party(m.party())
        .map(p -> Language.parse(p.language()))
        .orElse(Language.EN);
  }

  /** Answers {@code body} as JSON with {@code status}. */
  static void json(Context ctx, int status, JsonNode body) {
    jsonBytes(ctx, status, Json.bytes(body));
  }

  /** Answers with JSON already written out. */
  static void jsonBytes(Context ctx, int status, byte[] body) {
    ctx.status(status).contentType("application/json").result(body);
  }
}
