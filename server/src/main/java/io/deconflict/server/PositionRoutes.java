package io.deconflict.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.geojson.StrictJson;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.Arrays;

/** Live positions: reports in (JSON or NDJSON), tracks out; formation groups (D29). */
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
    t.add(HandlerType.GET, "/formations", x.list("formations", (q, m, ctx) -> q.formations(m)));
    t.add(
        HandlerType.PUT,
        "/formations/{id}",
        x.command(Deconfliction.FORMATION_DECLARE, "id", "id", 200, false));
  }

  /**
   * A batch of position reports: a JSON array, an object {@code {"reports": [...]}}, or NDJSON (one
   * report per line) when the content type is {@code application/x-ndjson}.
   */
  private void positions(Context ctx) {
    boolean ndjson = Bodies.requireJson(ctx, true);
    byte[] bytes = x.bodies.read(ctx);
    ArrayNode reports = Json.array();
    if (ndjson) {
      Bodies.requireUtf8(bytes);
      int line = 1;
      for (int start = 0; start <= bytes.length; line++) {
        int end = start;
        while (end < bytes.length && bytes[end] != '\n') {
          end++;
        }
        JsonNode report = ndjsonLine(Arrays.copyOfRange(bytes, start, end), line, reports.size());
        if (!report.isMissingNode()) {
          reports.add(report);
        }
        start = end + 1;
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

  /**
   * One line of an NDJSON batch, read strictly as one JSON document; {@link
   * com.fasterxml.jackson.databind.node.MissingNode} for a blank line. A refusal names the report
   * it would have been and the line and column.
   */
  private static JsonNode ndjsonLine(byte[] bytes, int line, int report) {
    try {
      return StrictJson.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw ServiceException.invalid(
          "/reports/" + report,
          "line "
              + line
              + (at == null || at.getColumnNr() < 0 ? "" : ", column " + at.getColumnNr())
              + " is not valid JSON: "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw ServiceException.invalid("", "the request body could not be read: " + e.getMessage());
    }
  }
}
