package io.deconflict.server;

import io.deconflict.service.party.Member;
import io.deconflict.service.review.IsoWeek;
import io.deconflict.service.review.Reviews;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * The weekly review of an agreement ({@code GET /agreements/{id}/reviews/{week}}, D42): what the
 * member's audience was told during the ISO week, summed up, with the breaches of the terms flagged
 * and the journal records that prove them.
 */
final class ReviewRoutes implements RouteTable.Group {

  private final Exchange x;

  ReviewRoutes(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    t.add(HandlerType.GET, "/agreements/{id}/reviews/{week}", this::review);
  }

  private void review(Context ctx) {
    Member m = Exchange.member(ctx);
    IsoWeek week = Reviews.week(ctx.pathParam("week"));
    Exchange.json(ctx, 200, x.app.review(m, ctx.pathParam("id"), week));
  }
}
