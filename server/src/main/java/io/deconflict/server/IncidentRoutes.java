package io.deconflict.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.party.Member;
import io.javalin.http.HandlerType;

/** Incidents: list, record, read with every version and account, revise, add an account. */
final class IncidentRoutes implements RouteTable.Group {

  private final Exchange x;

  IncidentRoutes(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    t.add(
        HandlerType.GET,
        "/incidents",
        ctx -> {
          Member m = Exchange.member(ctx);
          ArrayNode out = Json.array();
          x.app.read(s -> s.incidents(m)).forEach(out::add);
          Exchange.json(ctx, 200, Json.object().set("incidents", out));
        });
    t.add(
        HandlerType.POST,
        "/incidents",
        ctx -> x.created(ctx, "/incidents", Deconfliction.INCIDENT_RECORD, x.bodies.object(ctx)));
    t.add(
        HandlerType.GET,
        "/incidents/{id}",
        ctx -> {
          Member m = Exchange.member(ctx);
          Exchange.json(ctx, 200, x.app.read(s -> s.incident(m, ctx.pathParam("id"))));
        });
    t.add(
        HandlerType.PUT,
        "/incidents/{id}",
        x.command(Deconfliction.INCIDENT_REVISE, "id", "id", 200, false));
    t.add(
        HandlerType.POST,
        "/incidents/{id}/accounts",
        x.command(Deconfliction.INCIDENT_ACCOUNT, "id", "id", 201, false));
  }
}
