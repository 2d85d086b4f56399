package io.deconflict.server;

import io.deconflict.report.BaseMap;
import io.deconflict.report.ReviewPdf;
import io.deconflict.server.map.MapLayers;
import io.deconflict.service.party.Member;
import io.deconflict.service.review.IsoWeek;
import io.deconflict.service.review.Reviews;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * The weekly review of an agreement ({@code GET /agreements/{id}/reviews/{week}}, D42): what the
 * member's audience was told during the ISO week, summed up, with the breaches of the terms flagged
 * and the journal records that prove them; and the same review as a PDF for the meeting ({@code GET
 * /agreements/{id}/reviews/{week}.pdf}, D43), rendered from exactly that JSON, so it shows nothing
 * the JSON does not. The PDF's map is drawn on the web map's borders and the configured base-map
 * layers.
 */
final class ReviewRoutes implements RouteTable.Group {

  private final Exchange x;
  private final BaseMap ground;

  ReviewRoutes(Exchange x, MapLayers mapLayers) {
    this.x = x;
    this.ground =
        BaseMap.borders()
            .withLayers(mapLayers.layers().stream().map(MapLayers.Layer::geojson).toList());
  }

  @Override
  public void define(RouteTable t) {
    // the PDF first: the JSON route's {week} would take "2022-W41.pdf" as a week and refuse it
    t.add(HandlerType.GET, "/agreements/{id}/reviews/{week}.pdf", this::pdf);
    t.add(HandlerType.GET, "/agreements/{id}/reviews/{week}", this::review);
  }

  private void review(Context ctx) {
    Member m = Exchange.member(ctx);
    IsoWeek week = Reviews.week(ctx.pathParam("week"));
    Exchange.json(ctx, 200, x.app.review(m, ctx.pathParam("id"), week));
  }

  private void pdf(Context ctx) {
    Member m = Exchange.member(ctx);
    String agreement = ctx.pathParam("id");
    IsoWeek week = Reviews.week(ctx.pathParam("week"));
    byte[] pdf = ReviewPdf.render(x.app.review(m, agreement, week), ground);
    String file =
        ("review-" + agreement + "-" + ctx.pathParam("week") + ".pdf")
            .replaceAll("[^A-Za-z0-9._-]", "_");
    ctx.status(200)
        .contentType("application/pdf")
        .header("Content-Disposition", "inline; filename=\"" + file + "\"")
        .result(pdf);
  }
}
