package io.deconflict.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.map.MapLayers;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

/**
 * The routes about the service itself: its OpenAPI document, who the caller is, the parties, the
 * service's clock and the web map's base layers. Thread-safe.
 */
final class ServiceRoutes implements RouteTable.Group {

  private final Exchange x;
  private final Clock clock;
  private final MapLayers mapLayers;

  ServiceRoutes(Exchange x, Clock clock, MapLayers mapLayers) {
    this.x = x;
    this.clock = clock;
    this.mapLayers = mapLayers;
  }

  @Override
  public void define(RouteTable t) {
    t.add(HandlerType.GET, "/openapi.json", ServiceRoutes::openApi);
    t.add(HandlerType.GET, "/me", ctx -> Exchange.json(ctx, 200, me(Exchange.member(ctx))));
    t.add(HandlerType.GET, "/parties", ctx -> Exchange.json(ctx, 200, parties()));
    t.add(
        HandlerType.GET,
        "/clock",
        ctx -> Exchange.json(ctx, 200, Json.object().put("now", clock.instant().toString())));
    t.add(HandlerType.GET, "/map/layers", this::layers);
    t.add(
        HandlerType.GET,
        "/map/layers/{id}",
        ctx ->
            Exchange.json(
                ctx,
                200,
                mapLayers
                    .layer(ctx.pathParam("id"))
                    .orElseThrow(
                        () -> ServiceException.notFound("no map layer " + ctx.pathParam("id")))
                    .geojson()));
  }

  private static void openApi(Context ctx) throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }

  private ObjectNode me(Member m) {
    ObjectNode out =
        Json.object()
            .put("member", m.id())
            .put("name", m.name())
            .put("party", m.party())
            .put("role", m.role().wireName());
    x.config.directory().party(m.party()).ifPresent(p -> out.put("language", p.language()));
    return out;
  }

  private ObjectNode parties() {
    ArrayNode list = Json.array();
    for (Party p : x.config.directory().parties()) {
      list.addObject().put("id", p.id()).put("name", p.name()).put("language", p.language());
    }
    return (ObjectNode) Json.object().set("parties", list);
  }

  private void layers(Context ctx) {
    ArrayNode out = Json.array();
    for (MapLayers.Layer l : mapLayers.layers()) {
      out.addObject()
          .put("id", l.id())
          .put("name", l.name())
          .put("features", l.geojson().path("features").size());
    }
    Exchange.json(ctx, 200, Json.object().set("layers", out));
  }
}
