package io.deconflict.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.ServiceException;
import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.party.Member;
import io.deconflict.service.view.AgreementViews;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/** The agreements: list, record, read with every version, revise, suspend and resume. */
final class AgreementRoutes implements RouteTable.Group {

  private final Exchange x;

  AgreementRoutes(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    t.add(
        HandlerType.GET,
        "/agreements",
        x.list(
            "agreements",
            (q, m, ctx) -> q.agreements(m).stream().map(AgreementViews::of).toList()));
    t.add(
        HandlerType.POST,
        "/agreements",
        ctx -> {
          ObjectNode body = x.bodies.object(ctx);
          if (body.has("id")) {
            throw ServiceException.invalid(
                "/id",
                "/id is assigned by the service; revise an agreement with PUT /agreements/{id}");
          }
          x.created(ctx, "/agreements", Deconfliction.AGREEMENT_SET, body);
        });
    t.add(HandlerType.GET, "/agreements/{id}", this::get);
    t.add(
        HandlerType.PUT,
        "/agreements/{id}",
        x.command(Deconfliction.AGREEMENT_SET, "id", "id", 200, false));
    t.add(
        HandlerType.POST,
        "/agreements/{id}/suspend",
        x.command(Deconfliction.AGREEMENT_SUSPEND, "id", "id", 200, true));
    t.add(
        HandlerType.POST,
        "/agreements/{id}/resume",
        x.command(Deconfliction.AGREEMENT_RESUME, "id", "id", 200, true));
  }

  private void get(Context ctx) {
    Member m = Exchange.member(ctx);
    List<Agreement> versions = x.app.read(s -> s.agreementVersions(m, ctx.pathParam("id")));
    ObjectNode out = AgreementViews.of(versions.get(versions.size() - 1));
    ArrayNode all = out.putArray("versions");
    versions.forEach(v -> all.add(AgreementViews.of(v)));
    Exchange.json(ctx, 200, out);
  }
}
