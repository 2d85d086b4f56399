package io.deconflict.server;

import io.deconflict.service.ServiceException;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.deconflict.service.picture.Pictures;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The sign-in picture ({@code GET /picture?at=}): what the member's party was told, folded as the
 * web map folds the event stream, now or as it stood at a moment, with the stream position to
 * follow from.
 */
final class PictureRoutes implements RouteTable.Group {

  private final Exchange x;

  PictureRoutes(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    t.add(HandlerType.GET, "/picture", this::picture);
  }

  private void picture(Context ctx) {
    Member m = Exchange.member(ctx);
    Language language = x.language(ctx, m);
    int alerts = Bodies.intParam(ctx, "alerts", Integer.MAX_VALUE, 0, 10_000_000);
    String at = ctx.queryParam("at");
    if (at == null || at.isBlank()) {
      Exchange.jsonBytes(ctx, 200, x.app.picture(m, language, alerts, waitParam(ctx)));
      return;
    }
    Instant when;
    try {
      when = Instant.parse(at.trim());
    } catch (DateTimeParseException e) {
      throw ServiceException.invalid(
          "at", "at must be an ISO-8601 UTC instant such as 2027-10-08T07:43:00Z, got " + at);
    }
    Exchange.jsonBytes(ctx, 200, x.app.picture(m, when, language, alerts));
  }

  /** {@code ?wait=}: how long the picture may wait for the member's last commit (PT0S to PT5S). */
  private static Duration waitParam(Context ctx) {
    String wait = ctx.queryParam("wait");
    if (wait == null || wait.isBlank()) {
      return Pictures.FRESH_WAIT;
    }
    Duration d;
    try {
      d = Duration.parse(wait.trim());
    } catch (DateTimeParseException e) {
      throw ServiceException.invalid(
          "wait", "wait must be an ISO-8601 duration such as PT0S or PT2S, got " + wait);
    }
    if (d.isNegative() || d.compareTo(Pictures.FRESH_WAIT) > 0) {
      throw ServiceException.invalid(
          "wait", "wait must be between PT0S and " + Pictures.FRESH_WAIT + ", got " + wait);
    }
    return d;
  }
}
