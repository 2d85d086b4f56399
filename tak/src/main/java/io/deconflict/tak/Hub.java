package io.deconflict.tak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Event;
import io.deconflict.service.ServiceException;
import io.deconflict.service.Subscription;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.command.CommandCodec;
import io.deconflict.service.command.Decimal;
import io.deconflict.service.command.IsoInstant;
import io.deconflict.service.command.ReportPositions;
import io.deconflict.service.hotline.Hotline;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.view.AlertView;
import io.deconflict.service.view.TrackView;
import io.deconflict.tak.cot.Element;
import io.netty.channel.EventLoop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the service's facts out to connected TAK clients. One subscription per party (and one for
 * the operators) receives exactly what that party is told, by the audience the service computed;
 * each fact becomes CoT once and is queued to every client of the party without waiting for any of
 * them. Other parties' units go only where the service's own sharing rule ({@link
 * io.deconflict.service.Deconfliction#sharingWith}) lets them.
 *
 * <p>Thread-safe: one thread per subscription; clients come and go from event loops.
 */
final class Hub implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  private final TakListener listener;
  private final Application app;
  private final Directory directory;
  private final Map<String, Member> representatives = new LinkedHashMap<>();
  private final Map<String, Set<Session>> sessions = new ConcurrentHashMap<>();

  /**
   * The CoT part ({@code cot}: type, callsign, detail, altitude) of each unit's newest report seen,
   * by {@code party/unit}: the service keeps only position and motion, and a client that signs in
   * must see a unit with the type it reports, not a generic one. Held in memory, one entry per unit
   * that reported since the listener started.
   */
  private final Map<String, ReportPositions.CotAppearance> unitCot = new ConcurrentHashMap<>();

  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  Hub(TakListener listener, Application app, Directory directory) {
    this.listener = listener;
    this.app = app;
    this.directory = directory;
    for (Member m : directory.members()) {
      representatives.putIfAbsent(m.party(), m);
    }
  }

  void start() {
    long from = app.lastSeq();
    for (Map.Entry<String, Member> e : representatives.entrySet()) {
      Thread t =
          new Thread(() -> run(e.getKey(), e.getValue(), from), "deconflict-tak-" + e.getKey());
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
  }

  void add(Session s, Member m) {
    sessions.computeIfAbsent(m.party(), k -> ConcurrentHashMap.newKeySet()).add(s);
  }

  /**
   * What a client that just signed in should see at once: its party's alerts that are still open or
   * acknowledged (not resolved), as markers, and the other parties' current units it may see, as
   * the live fan-out shows them (the CoT type each unit reports, its altitude, and its own detail
   * where the party shares everything). Queued without waiting.
   */
  void welcome(Session s, Member m) {
    Instant now = listener.now();
    List<Outgoing> out = new ArrayList<>();
    for (String state : List.of("open", "acknowledged")) {
      List<AlertView> alerts = app.read(d -> d.alertViews(m, Optional.of(state), 1000));
      for (AlertView a : alerts) {
        out.add(new Outgoing(Outbound.alertMarker(a, now)));
      }
    }
    if (!m.isOperator()) {
      List<TrackView> tracks = app.read(d -> d.trackViews(m, false));
      for (TrackView t : tracks) {
        String party = t.party();
        if (party.equals(m.party()) || t.stale()) {
          continue;
        }
        ReportPositions.Report report =
            new ReportPositions.Report(
                t.unit(),
                IsoInstant.of(t.time()),
                Decimal.of(t.position().lon()),
                Decimal.of(t.position().lat()),
                Optional.of(Decimal.of(t.courseDegrees())),
                Optional.of(Decimal.of(t.speedMps())),
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(unitCot.get(party + "/" + t.unit())));
        Sharing shared = app.read(d -> d.sharingWith(m, party));
        out.add(
            new Outgoing(
                Outbound.unit(
                    report,
                    party,
                    listener.settings().affiliation(m.party(), party),
                    shared == Sharing.EVERYTHING,
                    now)));
      }
    }
    s.send(out);
  }

  void remove(Session s) {
    s.member().ifPresent(m -> sessions.getOrDefault(m.party(), Set.of()).remove(s));
  }

  private void run(String party, Member rep, long from) {
    long last = from;
    while (!closed) {
      Subscription sub = app.subscribe(rep, last);
      try {
        while (!closed) {
          Optional<Event> next = sub.next(500);
          if (next.isPresent()) {
            Event e = next.get();
            last = e.seq();
            try {
              dispatch(party, rep, e);
            } catch (RuntimeException ex) {
              LOG.warn("TAK fan-out of fact {} ({}) to {} failed", e.seq(), e.type(), party, ex);
            }
          }
        }
      } catch (IllegalStateException closedSub) {
        // fell behind or the service closed: resubscribe from the last fact handled
        pause();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        app.unsubscribe(sub);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void dispatch(String party, Member rep, Event e) {
    String type = e.type();
    if (type.equals(Deconfliction.POSITIONS_REPORT)) {
      positions(party, e);
      return;
    }
    Set<Session> clients = sessions.getOrDefault(party, Set.of());
    if (clients.isEmpty()) {
      return;
    }
    if (type.equals(Deconfliction.HOTLINE_POST)) {
      hotline(party, e, clients);
    } else if (type.equals(Deconfliction.ALERT_COUNTERPART)) {
      JsonNode b = e.body();
      say(
          clients,
          "conflict "
              + b.path("conflictId").asText()
              + ": the other party "
              + b.path("counterpart").asText()
              + " it"
              + (b.has("note") ? ": " + b.path("note").asText() : ""));
    } else if (type.equals(Deconfliction.NOTICE_LATE)) {
      JsonNode b = e.body();
      say(
          clients,
          "late notice: movement "
              + b.path("item").asText("(not shared)")
              + " of "
              + b.path("party").asText("another party")
              + " starts "
              + b.path("start").asText()
              + " with "
              + b.path("notice").asText()
              + " notice; "
              + b.path("required").asText()
              + " required");
    } else if (type.equals(Deconfliction.ITEM_DUE)
        || type.equals(Deconfliction.ITEM_LAPSED)
        || type.equals(Deconfliction.ITEM_RESTORED)) {
      say(clients, Outbound.reconfirmation(type, e.body()));
    } else if (type.equals(Deconfliction.MOVEMENT_JOINT)
        || type.equals(Deconfliction.MOVEMENT_PARTICIPATION)) {
      say(clients, Outbound.joint(type, e.body()));
    } else if (type.startsWith("alert.")) {
      alert(rep, e, clients);
    }
  }

  /**
   * Keeps how a unit of {@code party} appears in CoT (type, height, callsign, detail) for the
   * welcome of clients that sign in later. The listener calls it as a client's report arrives,
   * before it is stored, so that no client is welcomed with a stored unit whose appearance is not
   * known yet; the fan-out calls it again for every report it handles (after a restart, too).
   */
  void remember(String party, ReportPositions.Report r) {
    r.cot().ifPresent(cot -> unitCot.put(party + "/" + r.unit(), cot));
  }

  /** Other parties' units, to the parties the service lets see them. */
  private void positions(String party, Event e) {
    List<ReportPositions.Report> reports =
        ((ReportPositions) CommandCodec.decode(e.type(), e.body())).reports();
    if (reports.isEmpty()) {
      return;
    }
    for (ReportPositions.Report r : reports) {
      remember(party, r);
    }
    Instant now = listener.now();
    for (Map.Entry<String, Set<Session>> entry : sessions.entrySet()) {
      String viewer = entry.getKey();
      Set<Session> clients = entry.getValue();
      Member rep = representatives.get(viewer);
      if (viewer.equals(party) || clients.isEmpty() || rep == null) {
        continue;
      }
      Sharing shared = app.read(d -> d.sharingWith(rep, party));
      if (!shared.atLeast(Sharing.POSITIONS)) {
        continue;
      }
      String affiliation = listener.settings().affiliation(viewer, party);
      List<Outgoing> atoms = new ArrayList<>(reports.size());
      for (ReportPositions.Report r : reports) {
        Outgoing out =
            new Outgoing(Outbound.unit(r, party, affiliation, shared == Sharing.EVERYTHING, now));
        atoms.add(out);
      }
      fanOut(clients, atoms);
    }
  }

  /** Queues to every client, then schedules one write task per event loop, not one per client. */
  private static void fanOut(Set<Session> clients, List<Outgoing> batch) {
    Map<EventLoop, List<Session>> toWrite = new HashMap<>();
    for (Session s : clients) {
      s.queueForFanOut(batch)
          .ifPresent(loop -> toWrite.computeIfAbsent(loop, k -> new ArrayList<>()).add(s));
    }
    for (Map.Entry<EventLoop, List<Session>> e : toWrite.entrySet()) {
      List<Session> sessions = e.getValue();
      e.getKey().execute(() -> sessions.forEach(Session::flushOutbox));
    }
  }

  private void alert(Member rep, Event e, Set<Session> clients) {
    JsonNode b = e.body();
    String id = b.path("alert").isTextual() ? b.path("alert").asText() : b.path("id").asText();
    AlertView view;
    try {
      view = app.read(d -> d.alertView(rep, id));
    } catch (ServiceException notVisible) {
      return;
    }
    Instant now = listener.now();
    if (view.state().equals("resolved")) {
      Outgoing delete = new Outgoing(Outbound.delete(Outbound.alertUid(id), now));
      clients.forEach(s -> s.send(delete));
      say(clients, "alert " + id + " resolved: " + view.resolution().orElse("the conflict ended"));
      return;
    }
    fanOut(clients, List.of(new Outgoing(Outbound.alertMarker(view, now))));
    if (e.type().equals(Deconfliction.ALERT_RAISED)
        || e.type().equals(Deconfliction.ALERT_ESCALATED)
        || e.type().equals(Deconfliction.ALERT_OVERDUE)) {
      say(clients, Outbound.remarks(view));
    }
    if (e.type().equals(Deconfliction.ALERT_RAISED)) {
      // The resolution proposals (D41), as the recipient may see them, as GeoChat text.
      Optional<String> proposal;
      try {
        proposal =
            app.read(d -> d.alertViewWithProposals(rep, id)).proposals().map(Outbound::proposal);
      } catch (ServiceException gone) {
        return;
      }
      proposal.ifPresent(text -> say(clients, text));
    }
  }

  private void hotline(String party, Event e, Set<Session> clients) {
    ObjectNode body = e.body();
    Language language =
        directory.party(party).map(Party::language).map(Language::of).orElse(Language.of("en"));
    ObjectNode rendered = Hotline.render(Hotline.message(body), language);
    String text = rendered.path("rendered").asText(rendered.path("text").asText());
    String id = rendered.path("id").asText();
    String thread = rendered.path("thread").asText();
    String from = rendered.path("from").asText();
    String fromParty = rendered.path("party").asText();
    Instant now = listener.now();
    String posted = body.path("text").asText("");
    for (Session s : clients) {
      if (s.ownMessage(id, from, thread, posted)) {
        continue;
      }
      Element x =
          new Element(Inbound.EXTENSION)
              .attr("thread", thread)
              .attr("message", id)
              .attr("from", from)
              .attr("party", fromParty);
      s.send(
          new Outgoing(
              Outbound.chat(
                  thread,
                  id,
                  "deconflict." + from,
                  from + " (" + fromParty + ")",
                  s.contactUid(),
                  text,
                  now,
                  x)));
    }
  }

  private static void say(Set<Session> clients, String text) {
    for (Session s : clients) {
      s.reply("", true, text, "");
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : threads) {
      t.interrupt();
    }
  }
}
