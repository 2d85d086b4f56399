package io.deconflict.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Live positions: reports in (JSON or NDJSON), tracks out. */
final class PositionRoutes implements RouteTable.Group {

  private final Exchange x;

  PositionRoutes(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    t.add(HandlerType.POST, "/positions", this::positions);
    t.add(
        HandlerType.GET,
        "/tracks",
        x.list("tracks", (q, m, ctx) -> q.tracks(m, Exchange.ownOnly(ctx))));
  }

  /**
   * A batch of position reports: a JSON array, an object {@code {"reports": [...]}}, or NDJSON (one
   * report per line) when the content type is {@code application/x-ndjson}.
   */
  private void positions(Context ctx) {
    byte[] bytes = x.bodies.bounded(ctx);
    String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
    ArrayNode reports = Json.array();
    if (type.startsWith("application/x-ndjson") || type.startsWith("application/ndjson")) {
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        try {
          reports.add(Json.MAPPER.readTree(lines[i]));
        } catch (JsonProcessingException e) {
          throw ServiceException.invalid(
              "/reports/" + reports.size(),
              "line " + (i + 1) + " is not valid JSON: " + e.getOriginalMessage());
        }
      }
    } else {
      JsonNode node = Bodies.parse(bytes);
      if (node.isArray()) {
        reports = (ArrayNode) node;
      } else if (node.isObject() && node.path("reports").isArray()) {
        reports = (ArrayNode) node.get("reports");
      } else {
        throw ServiceException.invalid(
            "", "send a JSON array of reports, {\"reports\": [...]}, or NDJSON");
      }
    }
    ObjectNode body = Json.object();
    body.set("reports", reports);
    Exchange.json(ctx, 200, x.submit(ctx, Deconfliction.POSITIONS_REPORT, body));
  }
}
