package io.deconflict.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.Subscription;
import io.deconflict.service.access.Gate;
import io.deconflict.service.hotline.Hotline;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-sent event stream ({@code GET /events}): every fact the member is told, from {@code
 * Last-Event-ID} on, hotline messages rendered in the reader's language, a heartbeat comment when
 * nothing happens for {@link #HEARTBEAT_MILLIS}. The stream ends when the token it was opened with
 * is revoked, withdrawn by a reload or expires ({@link Gate#opened}).
 *
 * <p>Thread-safe: each stream runs on its request's thread; {@link #close()} ends them all.
 */
final class EventStream implements RouteTable.Group, AutoCloseable {

  /** How long a stream stays silent before it sends a heartbeat comment. */
  static final long HEARTBEAT_MILLIS = 15_000;

  private final Exchange x;
  private final Set<Subscription> streams = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  EventStream(Exchange x) {
    this.x = x;
  }

  @Override
  public void define(RouteTable t) {
    t.add(HandlerType.GET, "/events", this::events);
  }

  /** How many streams are open. */
  int subscribers() {
    return streams.size();
  }

  /** Ends every stream it serves. */
  @Override
  public void close() {
    stopping = true;
    for (Subscription s : streams) {
      s.close();
    }
  }

  private void events(Context ctx) throws IOException, InterruptedException {
    Member m = Exchange.member(ctx);
    long after = x.app.lastSeq();
    String last =
        Optional.ofNullable(ctx.header("Last-Event-ID")).orElse(ctx.queryParam("lastEventId"));
    if (last != null && !last.isBlank()) {
      try {
        after = Long.parseLong(last.trim());
      } catch (NumberFormatException e) {
        throw ServiceException.invalid(
            "Last-Event-ID", "Last-Event-ID must be an event id (an integer)");
      }
      if (after < 0) {
        throw ServiceException.invalid("Last-Event-ID", "Last-Event-ID must not be negative");
      }
    }
    Language language = x.language(ctx, m);
    ctx.res().setStatus(200);
    ctx.res().setContentType("text/event-stream;charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-store");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    OutputStream out = ctx.res().getOutputStream();
    out.write(
        ("retry: 2000\n: connected, events after " + after + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
    Subscription sub = x.app.subscribe(m, after);
    streams.add(sub);
    // a revoked, withdrawn or expired token ends the stream at once
    Gate.Connection signedIn = x.gate.opened(Exchange.signIn(ctx), sub::close);
    try {
      while (!stopping) {
        Optional<Event> next;
        try {
          next = sub.next(HEARTBEAT_MILLIS);
        } catch (IllegalStateException closed) {
          break;
        }
        if (next.isEmpty()) {
          out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
        } else {
          out.write(sse(next.get(), language).getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
      }
    } catch (IOException gone) {
      // the client went away
    } finally {
      signedIn.close();
      streams.remove(sub);
      x.app.unsubscribe(sub);
    }
  }

  /** One event as a server-sent event: id, type and the fact as JSON data. */
  static String sse(Event e, Language language) throws JsonProcessingException {
    ObjectNode data = Json.object();
    data.put("seq", e.seq()).put("type", e.type()).put("time", e.time().toString());
    data.put("by", e.by());
    ObjectNode body = e.body().deepCopy();
    if (e.type().equals(Deconfliction.HOTLINE_POST)) {
      body = Hotline.render(Hotline.message(body), language);
    }
    data.set("body", body);
    return "id: "
        + e.seq()
        + "\nevent: "
        + e.type()
        + "\ndata: "
        + Json.MAPPER.writeValueAsString(data)
        + "\n\n";
  }
}
