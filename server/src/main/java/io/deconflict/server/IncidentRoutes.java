package io.deconflict.server;

import io.deconflict.service.Deconfliction;
import io.javalin.http.HandlerType;

/** Incidents: list, record, read with every version and account, revise, add an account. */
final class IncidentRoutes implements RouteTable.Group {

  private final Exchange x;

  IncidentRoutes(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    t.add(HandlerType.GET, "/incidents", x.list("incidents", (q, m, ctx) -> q.incidents(m)));
    t.add(
        HandlerType.POST,
        "/incidents",
        ctx -> x.created(ctx, "/incidents", Deconfliction.INCIDENT_RECORD, x.bodies.object(ctx)));
    t.add(
        HandlerType.GET,
        "/incidents/{id}",
        x.one((q, m, ctx) -> q.incident(m, ctx.pathParam("id"))));
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
