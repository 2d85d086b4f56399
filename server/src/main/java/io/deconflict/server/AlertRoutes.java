package io.deconflict.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Queries;
import io.deconflict.service.ServiceException;
import io.deconflict.service.party.Member;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts: list, read (with resolution proposals, D41), acknowledge with a read-back, mark
 * deconflicted, accept a proposal for one's own movement.
 */
final class AlertRoutes implements RouteTable.Group {

  private final Exchange x;

  AlertRoutes(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    t.add(HandlerType.GET, "/alerts", x.list("alerts", AlertRoutes::alerts));
    t.add(HandlerType.GET, "/alerts/{id}", x.one((q, m, ctx) -> q.alert(m, ctx.pathParam("id"))));
    t.add(
        HandlerType.POST,
        "/alerts/{id}/acknowledge",
        x.command(Deconfliction.ALERT_ACKNOWLEDGE, "alert", "id", 200, false));
    t.add(
        HandlerType.POST,
        "/alerts/{id}/deconflict",
        x.command(Deconfliction.ALERT_DECONFLICT, "alert", "id", 200, false));
    t.add(
        HandlerType.GET,
        "/alerts/{id}/proposals",
        x.one(
            (q, m, ctx) ->
                q.proposals(m, ctx.pathParam("id"), holdAt(ctx))
                    .map(p -> (JsonNode) p.toJson())
                    .orElseThrow(
                        () ->
                            ServiceException.notFound(
                                "proposals for alert "
                                    + ctx.pathParam("id")
                                    + " (only a current planned conflict's recipient has them)"))));
    t.add(
        HandlerType.POST,
        "/alerts/{id}/proposals/accept",
        ctx ->
            Exchange.json(
                ctx,
                200,
                x.app.acceptProposal(
                    Exchange.member(ctx), ctx.pathParam("id"), x.bodies.object(ctx, false))));
  }

  private static Optional<Integer> holdAt(Context ctx) {
    String k = ctx.queryParam("holdAt");
    if (k == null) {
      return Optional.empty();
    }
    if (!k.matches("[0-9]{1,5}")) {
      throw ServiceException.invalid(
          "holdAt", "query parameter holdAt must be a waypoint index 0, 1, ..., got \"" + k + "\"");
    }
    return Optional.of(Integer.parseInt(k));
  }

  private static List<ObjectNode> alerts(Queries q, Member m, Context ctx) {
    Optional<String> state = Optional.ofNullable(ctx.queryParam("state"));
    if (state.isPresent() && !Set.of("open", "acknowledged", "resolved").contains(state.get())) {
      throw ServiceException.invalid(
          "state", "query parameter state must be open, acknowledged or resolved");
    }
    return q.alerts(m, state, Bodies.intParam(ctx, "limit", 100, 1, 10_000));
  }
}
