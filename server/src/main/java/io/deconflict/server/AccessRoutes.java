package io.deconflict.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.party.Member;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operators' access routes: revoking a member's tokens ({@code POST /access/revocations}),
 * which ends the streams and TAK connections signed in with them at once, and reloading the
 * members' tokens from the configuration file ({@code POST /access/reload}) without a restart. Both
 * go through the access gate; both are journaled.
 */
final class AccessRoutes implements RouteTable.Group {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private final Exchange x;

  AccessRoutes(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    t.add(HandlerType.POST, "/access/revocations", this::revoke);
    t.add(HandlerType.POST, "/access/reload", this::reload);
  }

  private void revoke(Context ctx) {
    Member operator = operator(ctx, "revoke tokens");
    ObjectNode body = x.bodies.object(ctx);
    String member = Json.text(body, "member", "");
    Optional<String> token = Optional.empty();
    if (body.hasNonNull("tokenSha256")) {
      String hash = Json.text(body, "tokenSha256", "");
      if (!HEX64.matcher(hash).matches()) {
        throw ServiceException.invalid(
            "/tokenSha256", "/tokenSha256 must be a SHA-256: 64 lower-case hex digits");
      }
      token = Optional.of(hash);
    }
    Optional<String> reason =
        body.hasNonNull("reason") ? Optional.of(Json.text(body, "reason", "")) : Optional.empty();
    JsonNode reply = x.gate.revoke(operator, member, token, reason);
    Exchange.json(ctx, 200, reply);
  }

  private void reload(Context ctx) {
    Member operator = operator(ctx, "reload the configuration");
    x.bodies.object(ctx, true); // an empty body, or {}: nothing is read from it
    Exchange.json(ctx, 200, x.gate.reload(operator));
  }

  private static Member operator(Context ctx, String what) {
    Member m = Exchange.member(ctx);
    if (!m.isOperator()) {
      throw ServiceException.forbidden("only the mechanism's operators " + what);
    }
    return m;
  }
}
