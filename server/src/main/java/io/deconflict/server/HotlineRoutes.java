package io.deconflict.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.hotline.Vocabulary;
import io.deconflict.service.party.Member;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/** The hotline: the vocabulary, the threads a member may read, their messages, posting. */
final class HotlineRoutes implements RouteTable.Group {

  private final Exchange x;

  HotlineRoutes(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    t.add(
        HandlerType.GET,
        "/hotline/vocabulary",
        ctx -> Exchange.json(ctx, 200, Vocabulary.toJson()));
    t.add(
        HandlerType.GET, "/hotline/threads", x.list("threads", (q, m, ctx) -> q.hotlineThreads(m)));
    t.add(HandlerType.GET, "/hotline/threads/{thread}/messages", this::messages);
    t.add(
        HandlerType.POST,
        "/hotline/threads/{thread}/messages",
        x.command(Deconfliction.HOTLINE_POST, "thread", "thread", 201, false));
  }

  private void messages(Context ctx) {
    Member m = Exchange.member(ctx);
    Language language = x.language(ctx, m);
    ArrayNode out = Json.array();
    x.app.read(s -> s.hotlineMessages(m, ctx.pathParam("thread"), language)).forEach(out::add);
    Exchange.json(
        ctx, 200, Json.object().put("thread", ctx.pathParam("thread")).set("messages", out));
  }
}
