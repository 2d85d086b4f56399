package io.deconflict.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Optional;

/**
 * Movements, sites and zones: one set of routes per kind. Over HTTP the body is the GeoJSON Feature
 * itself, so what the service says of {@code /feature/...} is said of the body here.
 */
final class ItemRoutes implements RouteTable.Group {

  private final Exchange x;

  ItemRoutes(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    for (String kind : List.of("movement", "site", "zone")) {
      String plural = "/" + kind + "s";
      t.add(
          HandlerType.GET,
          plural,
          x.list(kind + "s", (q, m, ctx) -> q.items(m, kind, Exchange.ownOnly(ctx))));
      t.add(HandlerType.POST, plural, ctx -> notifyItem(ctx, kind, false));
      t.add(
          HandlerType.GET,
          plural + "/{id}",
          x.one(
              (q, m, ctx) ->
                  q.item(
                      m,
                      kind,
                      Optional.ofNullable(ctx.queryParam("party")).orElse(m.party()),
                      ctx.pathParam("id"))));
      t.add(HandlerType.PUT, plural + "/{id}", ctx -> notifyItem(ctx, kind, true));
      t.add(
          HandlerType.DELETE,
          plural + "/{id}",
          ctx -> {
            ObjectNode body = Json.object().put("kind", kind).put("id", ctx.pathParam("id"));
            Exchange.json(ctx, 200, x.submit(ctx, Deconfliction.ITEM_CANCEL, body));
          });
      if (kind.equals("movement")) {
        // a participant's answer to a joint movement (D39); the body names the lead party
        t.add(
            HandlerType.POST,
            plural + "/{id}/participation",
            ctx -> {
              ObjectNode body = x.bodies.object(ctx);
              JsonNode id = body.get("id");
              if (id != null && !id.asText().equals(ctx.pathParam("id"))) {
                throw ServiceException.invalid(
                    "/id",
                    "/id \"" + id.asText() + "\" differs from the path's " + ctx.pathParam("id"));
              }
              body.put("id", ctx.pathParam("id"));
              Exchange.json(ctx, 200, x.submit(ctx, Deconfliction.MOVEMENT_PARTICIPATION, body));
            });
      }
      if (!kind.equals("movement")) {
        // sites and zones that an agreement asks to reconfirm (D36)
        t.add(
            HandlerType.POST,
            plural + "/{id}/reconfirm",
            ctx -> {
              ObjectNode body = Json.object().put("kind", kind).put("id", ctx.pathParam("id"));
              Exchange.json(ctx, 200, x.submit(ctx, Deconfliction.ITEM_RECONFIRM, body));
            });
      }
    }
  }

  private void notifyItem(Context ctx, String kind, boolean replace) {
    ObjectNode feature = x.bodies.object(ctx);
    ObjectNode command = Json.object().put("kind", kind).put("replace", replace);
    if (replace) {
      JsonNode id = feature.get("id");
      if (id != null && !id.asText().equals(ctx.pathParam("id"))) {
        throw ServiceException.invalid(
            "/id", "/id \"" + id.asText() + "\" differs from the path's " + ctx.pathParam("id"));
      }
      feature.put("id", ctx.pathParam("id"));
    }
    JsonNode emergency = feature.path("properties").path("emergency");
    if (!emergency.isMissingNode()) {
      if (!emergency.isBoolean()) {
        throw ServiceException.invalid(
            "/properties/emergency", "/properties/emergency must be true or false");
      }
      command.put("emergency", emergency.booleanValue());
      ((ObjectNode) feature.get("properties")).remove("emergency");
    }
    command.set("feature", feature);
    JsonNode reply;
    try {
      reply = x.submit(ctx, Deconfliction.ITEM_NOTIFY, command);
    } catch (ServiceException e) {
      // the service names fields inside the command; over HTTP the body is the feature itself
      if (e.kind() == ServiceException.Kind.INVALID && e.field().startsWith("/feature")) {
        String field = e.field().substring("/feature".length());
        String detail = String.valueOf(e.getMessage());
        detail =
            detail.startsWith("/feature: ")
                ? detail.substring("/feature: ".length())
                : detail.replace("/feature/", "/");
        throw ServiceException.invalid(field.isEmpty() ? Bodies.pointerOf(detail) : field, detail);
      }
      throw e;
    }
    if (replace) {
      Exchange.json(ctx, 200, reply);
    } else {
      ctx.header("Location", ApiServer.BASE + "/" + kind + "s/" + reply.path("id").asText());
      Exchange.json(ctx, 201, reply);
    }
  }
}
