package io.deconflict.service.picture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Hotline;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.retention.Retention;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one audience (a party, or the operators) was told, folded: the alerts with their state and
 * history, the items the party notified, the hotline threads' messages, the incidents, the
 * agreements, and the newest report of each of its units; and the position in the journal the fold
 * stands at. It is the fold the web map applies to the event stream ({@code web/src/knowledge.js},
 * {@code knownAt}), field for field, so that a client that starts from {@link #toJson} and folds
 * the stream after {@link #position()} knows what it would know from folding the whole stream.
 *
 * <p>Not thread-safe. Cost: {@link #apply} is O(size of the fact); memory is O(what it was told),
 * each alert with its history; folds told a fact through one {@link Told} share an alert as raised
 * until it changes (D45: 699 bytes per alert for two folds, against 1,121 each told alone).
 */
public final class Knowledge {

  /** The web map's inbox order ({@code inboxOrder}): open, acknowledged, resolved; newest first. */
  private static final Comparator<Held> INBOX_ORDER =
      Comparator.comparingInt(Held::rank)
          .thenComparing((Held h) -> h.raisedAt, Comparator.reverseOrder());

  /**
   * An alert as told: as a tree while it is among the {@link #HOT} most recently raised or changed
   * of the fold (a tree per alert costs about four times the memory of its text: a picture of
   * 245,000 alerts is gigabytes as trees), else as its JSON text packed ({@link AlertText}: a live
   * alert's 1,026 bytes of text in 285), with the fields the inbox's order and {@code
   * alertsLeftOut} read beside it. A change to a cold alert unpacks and parses it back.
   *
   * <p>Until its first change an alert is <em>as raised</em>: its tree and its packed text are
   * those of its {@link Raised}, shared by every fold told of it (its party's and the operators'),
   * built and packed once for all of them; the first change copies the tree into the fold's own
   * (D45).
   */
  private static final class Held {
    private final String id;
    private final Instant raisedAt;

    /**
     * Runs of history queued for an alert kept as text before it is parsed to apply them (a run of
     * refreshes of one level is one entry, so a long encounter queues one or two).
     */
    static final int DEFERRED = 32;

    private byte @Nullable [] json;
    private @Nullable ObjectNode tree;

    /** The alert as raised, shared with the other folds told of it, until its first change. */
    private @Nullable Raised raised;

    /** The newest live situation told while kept as text, not yet applied; null if none. */
    private @Nullable JsonNode pendingLive;

    /** The history told while kept as text, not yet applied, as runs; null if none. */
    private @Nullable ArrayNode pendingHistory;

    private String state;
    private JsonNode level;

    /** An alert read back from a saved fold: its text or tree is set by the reader. */
    Held(String id, Instant raisedAt, String state, JsonNode level) {
      this.id = id;
      this.raisedAt = raisedAt;
      this.state = state;
      this.level = level;
    }

    Held(Raised raised) {
      ObjectNode alert = raised.tree;
      this.id = alert.path("id").asText();
      this.raisedAt = raised.raisedAt;
      this.tree = alert;
      this.raised = raised;
      this.state = alert.path("state").asText();
      this.level = alert.path("level");
    }

    /**
     * The alert as a tree of this fold's own, to change: the caller then calls {@link #changed()}.
     */
    ObjectNode tree(AlertText text) {
      ObjectNode t = tree;
      if (t == null) {
        try {
          t =
              (ObjectNode)
                  Json.MAPPER.readTree(text.unpack(java.util.Objects.requireNonNull(json)));
        } catch (IOException e) {
          throw new UncheckedIOException("an alert kept as JSON did not read back: " + id, e);
        }
        applyPending(t, pendingLive, pendingHistory);
        pendingLive = null;
        pendingHistory = null;
        tree = t;
        json = null;
      } else if (raised != null) {
        t = t.deepCopy(); // the shared tree as raised stays as it was for the other folds
        tree = t;
      }
      raised = null;
      return t;
    }

    boolean isCold() {
      return tree == null;
    }

    /** Queues a live refresh for an alert kept as text; false once too many runs are queued. */
    boolean queueLive(JsonNode live, String time, String what) {
      pendingLive = live;
      ArrayNode h = pendingHistory;
      if (h == null) {
        h = Json.MAPPER.createArrayNode();
        pendingHistory = h;
      }
      addHistory(h, time, what);
      return h.size() < DEFERRED;
    }

    void changed() {
      ObjectNode t = java.util.Objects.requireNonNull(tree);
      state = t.path("state").asText();
      level = t.path("level");
    }

    /** Keeps the alert as packed text from now on (as raised: the text shared with other folds). */
    void cool(AlertText text) {
      ObjectNode t = tree;
      if (t != null) {
        Raised r = raised;
        json = r != null ? r.packed(text) : text.pack(Json.bytes(t));
        tree = null;
        raised = null;
      }
    }

    int rank() {
      return stateRank(state);
    }
  }

  /**
   * An alert as raised, as every fold told of it keeps it until it changes there: the {@code
   * alert.raised} body with its first history entry and no counterpart, as a tree (never changed
   * once built) and, once a fold first keeps it as text, packed. Thread-safe: a fold kept current
   * and a first fold under way never share one, but the packing is guarded anyway.
   */
  static final class Raised {
    private final ObjectNode tree;
    private final Instant raisedAt;
    private byte @Nullable [] packed;

    private Raised(Event e) {
      ObjectNode b = e.body();
      // the body's members are shared, not copied: nothing changes a fact's body, and a fold copies
      // this tree whole before its first change (Held.tree)
      ObjectNode alert = Json.object();
      alert.setAll(b);
      alert
          .putArray("history")
          .add(history(e.time().toString(), "raised at level " + b.path("level")));
      alert.putArray("counterpart");
      this.tree = alert;
      JsonNode at = alert.path("raisedAt");
      this.raisedAt = at.isTextual() ? Instant.parse(at.asText()) : Instant.MIN;
    }

    synchronized byte[] packed(AlertText text) {
      byte[] p = packed;
      if (p == null) {
        p = text.pack(Json.bytes(tree));
        packed = p;
      }
      return p;
    }
  }

  /**
   * One fact as the folds of several audiences are told it, in one pass: what they can share (an
   * alert as raised) is built once, for the first fold that asks. Make one per fact and hand it to
   * each fold's {@link #apply(Event, Told)}.
   */
  public static final class Told {
    private final Event event;
    private @Nullable Raised raised;

    /** The fact {@code e}, to be told to one or more folds. */
    public Told(Event e) {
      this.event = e;
    }

    /** The fact. */
    public Event event() {
      return event;
    }

    synchronized Raised raised() {
      Raised r = raised;
      if (r == null) {
        r = new Raised(event);
        raised = r;
      }
      return r;
    }
  }

  /** Retired alerts' ids with the time each was resolved, in that order. */
  private record Resolved(String id, Instant at) {}

  /** How many alerts a fold keeps as trees: the most recently raised or changed. */
  static final int HOT = 4096;

  private final Map<String, Held> alerts = new LinkedHashMap<>();

  /** The alerts kept as trees, least recently raised or changed first. */
  private final LinkedHashMap<String, Held> hot = new LinkedHashMap<>(HOT * 2, 0.75f, true);

  private final ArrayDeque<Resolved> resolved = new ArrayDeque<>();
  private final AlertText text = new AlertText();
  private final Map<String, ObjectNode> items = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> threads = new LinkedHashMap<>();
  private final Map<String, ObjectNode> incidents = new LinkedHashMap<>();
  private final Map<String, ObjectNode> agreements = new LinkedHashMap<>();
  private final Map<String, JsonNode> reports = new LinkedHashMap<>();
  private final @Nullable Retention retention;
  private @Nullable Instant first;
  private @Nullable Instant last;
  private @Nullable Instant nextSweep;
  private long position;

  /** Nothing told yet, at position 0; keeps everything it is told. */
  public Knowledge() {
    this.retention = null;
  }

  /**
   * Nothing told yet, at position 0; forgets, as the state does ({@link Retention}), an alert once
   * {@code keep} has passed since it was resolved and a unit's report once {@code keep} has passed
   * since it was made. Swept every {@link Retention#sweepEvery()} of event time, so a fold kept for
   * weeks stays the size of what is current.
   */
  public Knowledge(Retention retention) {
    this.retention = retention;
  }

  /** The journal position the fold stands at: every fact up to it was considered. */
  public long position() {
    return position;
  }

  /** Moves the position (facts between, told to others, change nothing). */
  public void advanceTo(long seq) {
    position = Math.max(position, seq);
  }

  /** The time of the first fact told, if any. */
  public Optional<Instant> first() {
    return Optional.ofNullable(first);
  }

  /** Folds one fact told to this audience. */
  public void apply(Event e) {
    apply(new Told(e));
  }

  /**
   * Folds one fact told to this audience, sharing with the other folds told the same {@code told}
   * what they can (an alert as raised, D45).
   */
  public void apply(Told told) {
    Event e = told.event();
    advanceTo(e.seq());
    if (first == null) {
      first = e.time();
    }
    last = e.time();
    ObjectNode b = e.body();
    JsonNode r = b.path("result");
    String time = e.time().toString();
    switch (e.type()) {
      case "agreement.set", "agreement.suspend", "agreement.resume" -> {
        if (r.hasNonNull("id")) {
          agreements.put(r.path("id").asText(), (ObjectNode) r);
        }
      }
      case "item.notify" -> {
        String kind =
            b.hasNonNull("kind")
                ? b.path("kind").asText()
                : b.path("feature").path("properties").path("kind").asText();
        ObjectNode item = Json.object();
        item.put("id", r.path("id").asText()).put("kind", kind);
        item.set("version", r.path("version"));
        item.put("late", r.path("late").asBoolean(false)).put("notifiedAt", time);
        item.set("feature", b.path("feature"));
        JsonNode party = b.path("feature").path("properties").path("party");
        if (!party.isMissingNode()) {
          item.set("party", party);
        }
        items.put(kind + ":" + r.path("id").asText(), item);
      }
      case "item.cancel" -> {
        String id = r.hasNonNull("id") ? r.path("id").asText() : b.path("id").asText();
        String kind = b.path("kind").asText("");
        for (Iterator<String> keys = items.keySet().iterator(); keys.hasNext(); ) {
          String key = keys.next();
          if (key.endsWith(":" + id) && (kind.isEmpty() || key.startsWith(kind + ":"))) {
            keys.remove();
          }
        }
      }
      case "item.reconfirm", "item.due", "item.lapsed", "item.restored" -> {
        // where an own site or zone stands under reconfirmation (D36); others' are not folded
        JsonNode of = e.type().equals("item.reconfirm") ? r : b;
        JsonNode own = items.get(of.path("kind").asText() + ":" + of.path("id").asText());
        if (own instanceof ObjectNode item) {
          standing(e.type(), of, item);
        }
      }
      case "alert.raised" -> {
        Held held = new Held(told.raised());
        alerts.put(held.id, held);
        warm(held);
      }
      case "alert.escalated" ->
          update(
              b.path("alert").asText(),
              time,
              a -> {
                a.set("level", b.path("level"));
                a.set("deadline", b.path("deadline"));
                return "escalated to level " + b.path("level") + " (" + b.path("to").asText() + ")";
              });
      case "alert.overdue" ->
          update(
              b.path("alert").asText(),
              time,
              a -> {
                a.put("overdue", true);
                a.remove("deadline");
                return "overdue: level 3 missed its deadline";
              });
      case "alert.acknowledge" ->
          update(
              alertOf(b, r),
              time,
              a -> {
                a.put("state", "acknowledged");
                a.remove("deadline");
                String by =
                    r.hasNonNull("acknowledgedBy") ? r.path("acknowledgedBy").asText() : e.by();
                ObjectNode ack = a.putObject("acknowledged");
                ack.put("by", by).put("at", r.hasNonNull("at") ? r.path("at").asText() : time);
                if (r.has("meaning")) {
                  ack.set("meaning", r.path("meaning"));
                }
                return "acknowledged by " + by + " (seen, not approved)";
              });
      case "alert.deconflict" ->
          update(
              alertOf(b, r),
              time,
              a -> {
                if (b.has("note")) {
                  a.set("deconflictedNote", b.path("note"));
                }
                if (r.hasNonNull("state")) {
                  a.set("state", r.path("state"));
                }
                return "marked deconflicted by "
                    + e.by()
                    + ": "
                    + b.path("note").asText("undefined");
              });
      case "alert.counterpart" ->
          update(
              b.path("alert").asText(),
              time,
              a -> {
                ((ArrayNode) a.withArray("counterpart")).add(b.deepCopy());
                String who =
                    b.hasNonNull("party")
                        ? b.path("party").asText().toUpperCase(Locale.ROOT)
                        : "the other party";
                String note = b.path("note").asText("");
                return b.path("counterpart").asText().equals("deconflicted")
                    ? who + " marked it deconflicted" + (note.isEmpty() ? "" : ": " + note)
                    : who + " acknowledged it (seen, not approved)";
              });
      case "alert.updated" -> {
        if (b.has("linked")) {
          update(
              b.path("alert").asText(),
              time,
              a -> {
                // a planned conflict now tracked live (D29): no live situation of its own
                a.set("linked", b.path("linked").deepCopy());
                return "now closing live: " + b.path("linked").path("alert").asText();
              });
        } else {
          JsonNode level = b.path("live").path("level");
          refresh(
              b.path("alert").asText(),
              time,
              b.path("live"),
              level.isTextual() && !level.asText().isEmpty()
                  ? "now " + level.asText()
                  : "situation updated");
        }
      }
      case "alert.resolved" ->
          update(
              b.path("alert").asText(),
              time,
              a -> {
                a.put("state", "resolved");
                a.remove("deadline");
                a.set("resolution", b.path("resolution"));
                return "resolved: " + b.path("resolution").asText();
              });
      case "hotline.post" ->
          // a journaled post carries the message under result; the stream sends the message
          threads
              .computeIfAbsent(b.path("thread").asText(), k -> new ArrayList<>())
              .add(b.has("result") ? Hotline.message(b) : b.deepCopy());
      case "incident.record", "incident.revise" -> {
        String id = r.path("id").asText();
        ObjectNode prev = incidents.get(id);
        ObjectNode incident = prev == null ? Json.object() : prev.deepCopy();
        if (prev == null) {
          incident.putArray("accounts");
        }
        b.fields()
            .forEachRemaining(
                f -> {
                  if (!f.getKey().equals("result")) {
                    incident.set(f.getKey(), f.getValue());
                  }
                });
        incident.put("id", id).set("version", r.path("version"));
        incident.put("recordedBy", prev == null ? e.by() : prev.path("recordedBy").asText());
        incident.put("updatedAt", time);
        incidents.put(id, incident);
      }
      case "incident.account" -> {
        String id = r.hasNonNull("id") ? r.path("id").asText() : b.path("id").asText();
        ObjectNode incident = incidents.get(id);
        if (incident != null) {
          ((ArrayNode) incident.withArray("accounts"))
              .addObject()
              .put("by", e.by())
              .put("at", time)
              .set("text", b.path("text"));
        }
      }
      case "positions.report" -> {
        for (JsonNode report : b.path("reports")) {
          String unit = report.path("unit").asText();
          JsonNode prev = reports.get(unit);
          if (prev == null
              || !Instant.parse(prev.path("time").asText())
                  .isAfter(Instant.parse(report.path("time").asText()))) {
            reports.put(unit, report);
          }
        }
      }
      default -> {
        // facts the web map does not fold (clock ticks, late notices)
      }
    }
    if (e.type().equals("alert.resolved")) {
      resolved.addLast(new Resolved(b.path("alert").asText(), e.time()));
    }
    sweep(e.time());
  }

  /** Forgets what the retention retires at {@code now}, at most once a sweep period. */
  private void sweep(Instant now) {
    Retention keep = retention;
    if (keep == null || (nextSweep != null && now.isBefore(nextSweep))) {
      return;
    }
    nextSweep = now.plus(keep.sweepEvery());
    while (!resolved.isEmpty() && keep.expired(resolved.peekFirst().at(), now)) {
      Held h = alerts.get(resolved.pollFirst().id());
      if (h != null && h.state.equals("resolved")) {
        alerts.remove(h.id);
        hot.remove(h.id);
      }
    }
    reports
        .values()
        .removeIf(
            r ->
                r.path("time").isTextual()
                    && keep.expired(Instant.parse(r.path("time").asText()), now));
  }

  /**
   * Folds a reconfirmation fact into an own item: {@code confirmedAt}, {@code reconfirmBy}, {@code
   * reconfirmDue} (warned), {@code lapsed} and {@code lapsedSince}, as {@code knowledge.js} does.
   */
  private static void standing(String type, JsonNode of, ObjectNode item) {
    if (of.hasNonNull("confirmedAt")) {
      item.set("confirmedAt", of.path("confirmedAt"));
    }
    if (of.hasNonNull("reconfirmBy")) {
      item.set("reconfirmBy", of.path("reconfirmBy"));
    } else if (type.equals("item.reconfirm")) {
      item.remove("reconfirmBy");
    }
    item.put("reconfirmDue", type.equals("item.due"));
    item.put("lapsed", type.equals("item.lapsed"));
    if (type.equals("item.lapsed")) {
      item.set("lapsedSince", of.path("lapsedSince"));
    } else {
      item.remove("lapsedSince");
    }
  }

  /** The acknowledged or deconflicted alert's id: the result's, else the command's. */
  private static String alertOf(JsonNode body, JsonNode result) {
    if (result.hasNonNull("alert")) {
      return result.path("alert").asText();
    }
    return body.hasNonNull("alert") ? body.path("alert").asText() : body.path("id").asText();
  }

  private void update(String id, String time, java.util.function.Function<ObjectNode, String> c) {
    Held held = alerts.get(id);
    if (held == null) {
      return;
    }
    ObjectNode alert = held.tree(text);
    String what = c.apply(alert);
    addHistory((ArrayNode) alert.withArray("history"), time, what);
    held.changed();
    warm(held);
  }

  /**
   * A live situation's refresh (many a minute), which touches neither the alert's state nor its
   * level: to an alert kept as text it is queued ({@link Held#queueLive}), and applied when the
   * alert is next read or changed otherwise, or once {@link Held#DEFERRED} runs are queued.
   */
  private void refresh(String id, String time, JsonNode live, String what) {
    Held held = alerts.get(id);
    if (held == null) {
      return;
    }
    if (held.isCold()) {
      if (!held.queueLive(live, time, what)) {
        held.tree(text);
        held.changed();
        warm(held);
      }
      return;
    }
    update(
        id,
        time,
        a -> {
          a.set("live", live);
          return what;
        });
  }

  /**
   * Adds {@code what} at {@code time} to an alert's history; the same {@code what} as the last
   * entry's extends that entry instead ({@code count}, {@code until}), so that an alert refreshed
   * every 10 s for hours has a history of its changes, not thousands of equal lines. As {@code
   * web/src/knowledge.js} does.
   */
  static void addHistory(ArrayNode history, String time, String what) {
    addHistory(history, time, what, 1, time);
  }

  private static void addHistory(
      ArrayNode history, String time, String what, int count, String until) {
    if (!history.isEmpty()
        && history.get(history.size() - 1) instanceof ObjectNode last
        && what.equals(last.path("what").asText(null))) {
      last.put("count", last.path("count").asInt(1) + count);
      last.put("until", until);
      return;
    }
    ObjectNode entry = history(time, what);
    if (count > 1) {
      entry.put("count", count).put("until", until);
    }
    history.add(entry);
  }

  /** Applies a cold alert's queued refreshes to its tree. */
  private static void applyPending(
      ObjectNode alert, @Nullable JsonNode live, @Nullable ArrayNode pending) {
    if (live != null) {
      alert.set("live", live);
    }
    if (pending != null) {
      ArrayNode history = (ArrayNode) alert.withArray("history");
      for (JsonNode run : pending) {
        addHistory(
            history,
            run.path("time").asText(),
            run.path("what").asText(),
            run.path("count").asInt(1),
            run.path("until").asText(run.path("time").asText()));
      }
    }
  }

  /** Counts the alert among the hot ones; the least recent beyond {@link #HOT} is kept as text. */
  private void warm(Held held) {
    hot.put(held.id, held);
    if (hot.size() > HOT) {
      Iterator<Held> eldest = hot.values().iterator();
      eldest.next().cool(text);
      eldest.remove();
    }
  }

  private static ObjectNode history(String time, String what) {
    return Json.object().put("time", time).put("what", what);
  }

  /**
   * The fold as JSON: {@code position}, {@code first} and {@code last} (times of the first and last
   * fact told, or null), and arrays {@code alerts}, {@code items}, {@code incidents}, {@code
   * agreements}, {@code reports}, and {@code threads} (thread → messages, coded ones rendered in
   * {@code language}), each in the order first told; and {@code alertsLeftOut}, empty here. The
   * alerts are raw JSON values (their kept text): write the tree out, do not read into them.
   */
  public ObjectNode toJson(Language language) {
    return toJson(language, Integer.MAX_VALUE);
  }

  /**
   * As {@link #toJson(Language)}, with at most {@code alertLimit} alerts in full: if there are
   * more, {@code alerts} holds the first {@code alertLimit} in the inbox's order (open, then
   * acknowledged, then resolved; newest raised first), still in the order first told, and {@code
   * alertsLeftOut} names each of the others as {@code [id, state, level]}, so that a client knows
   * every alert's state (and counts them) while it loads the full view of a few.
   */
  public ObjectNode toJson(Language language, int alertLimit) {
    return freeze(language, alertLimit).toJson();
  }

  /**
   * What {@link #toJson(Language, int)} would give now, taken apart from the fold: the fold may
   * change as soon as this returns, and the result still writes the picture of this moment. A
   * caller that guards the fold with a lock holds it only for this, not for writing the picture out
   * (which for 245,000 alerts took seconds, and held every fold of every audience behind it).
   *
   * <p>Cost: O(alerts) references and ids, the alerts kept as trees written out (at most {@link
   * #HOT}), the items, incidents and threads copied; the cold alerts' packed text is shared, not
   * unpacked (a cold alert's text never changes in place: a change makes it a tree again).
   */
  public Frozen freeze(Language language, int alertLimit) {
    List<Object> shown = new ArrayList<>();
    List<LeftOut> leftOut = new ArrayList<>();
    Set<Held> inFull = null;
    if (alerts.size() > alertLimit) {
      inFull = Collections.newSetFromMap(new IdentityHashMap<>());
      alerts.values().stream().sorted(INBOX_ORDER).limit(alertLimit).forEach(inFull::add);
    }
    for (Held h : alerts.values()) {
      if (inFull != null && !inFull.contains(h)) {
        leftOut.add(new LeftOut(h.id, h.state, h.level));
      } else if (h.tree != null) {
        shown.add(Json.bytes(h.tree));
      } else {
        ArrayNode pending = h.pendingHistory;
        shown.add(
            new Packed(
                java.util.Objects.requireNonNull(h.json),
                h.pendingLive,
                pending == null ? null : pending.deepCopy()));
      }
    }
    ObjectNode t = Json.object();
    threads.forEach(
        (thread, messages) -> {
          ArrayNode list = t.putArray(thread);
          messages.forEach(m -> list.add(Hotline.render(m, language)));
        });
    return new Frozen(
        position,
        first,
        last,
        shown,
        leftOut,
        items.values().stream().map(ObjectNode::deepCopy).toList(),
        t,
        incidents.values().stream().map(ObjectNode::deepCopy).toList(),
        List.copyOf(agreements.values()),
        List.copyOf(reports.values()));
  }

  /** An alert a picture names only, as {@code [id, state, level]}. */
  private record LeftOut(String id, String state, JsonNode level) {}

  /** A cold alert's packed text and the live refreshes queued for it, as frozen. */
  private record Packed(
      byte[] json, @Nullable JsonNode pendingLive, @Nullable ArrayNode pendingHistory) {}

  /**
   * A picture taken apart from its fold by {@link #freeze}: nothing in it changes with the fold.
   * {@link #toJson} writes it (the cold alerts unpacked then, by a packer of its own).
   */
  public static final class Frozen {
    private final long position;
    private final @Nullable Instant first;
    private final @Nullable Instant last;
    private final List<Object> alerts;
    private final List<LeftOut> leftOut;
    private final List<ObjectNode> items;
    private final ObjectNode threads;
    private final List<ObjectNode> incidents;
    private final List<ObjectNode> agreements;
    private final List<JsonNode> reports;

    private Frozen(
        long position,
        @Nullable Instant first,
        @Nullable Instant last,
        List<Object> alerts,
        List<LeftOut> leftOut,
        List<ObjectNode> items,
        ObjectNode threads,
        List<ObjectNode> incidents,
        List<ObjectNode> agreements,
        List<JsonNode> reports) {
      this.position = position;
      this.first = first;
      this.last = last;
      this.alerts = alerts;
      this.leftOut = leftOut;
      this.items = items;
      this.threads = threads;
      this.incidents = incidents;
      this.agreements = agreements;
      this.reports = reports;
    }

    /** The picture as JSON, as {@link Knowledge#toJson(Language, int)} gave it when frozen. */
    public ObjectNode toJson() {
      AlertText text = new AlertText();
      ObjectNode out = Json.object();
      out.put("position", position);
      out.put("first", first == null ? null : first.toString());
      out.put("last", last == null ? null : last.toString());
      ArrayNode a = out.putArray("alerts");
      for (Object alert : alerts) {
        if (alert instanceof byte[] json) {
          a.addRawValue(new RawValue(new String(json, StandardCharsets.UTF_8)));
        } else {
          Packed p = (Packed) alert;
          byte[] json = text.unpack(p.json());
          if (p.pendingLive() == null && p.pendingHistory() == null) {
            a.addRawValue(new RawValue(new String(json, StandardCharsets.UTF_8)));
          } else {
            ObjectNode tree = parse(json);
            applyPending(tree, p.pendingLive(), p.pendingHistory());
            a.add(tree);
          }
        }
      }
      ArrayNode leftOutArray = out.putArray("alertsLeftOut");
      for (LeftOut h : leftOut) {
        leftOutArray.addArray().add(h.id()).add(h.state()).add(h.level());
      }
      ArrayNode i = out.putArray("items");
      items.forEach(i::add);
      out.set("threads", threads);
      ArrayNode n = out.putArray("incidents");
      incidents.forEach(n::add);
      ArrayNode g = out.putArray("agreements");
      agreements.forEach(g::add);
      ArrayNode r = out.putArray("reports");
      reports.forEach(r::add);
      return out;
    }
  }

  private static ObjectNode parse(byte[] json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("an alert kept as JSON did not read back", e);
    }
  }

  /**
   * Writes the whole fold, as it stands, for {@link #readFrom}: what a client would be given and
   * what the fold needs to go on (the alerts' packed text as it is, their queued refreshes, which
   * are kept as trees and in what order, the resolved ones waiting for retention, the next sweep).
   * Reads the fold only: the folding thread may call it while readers freeze it.
   */
  void writeTo(DataOutputStream out) throws IOException {
    out.writeLong(position);
    writeInstant(out, first);
    writeInstant(out, last);
    writeInstant(out, nextSweep);
    out.writeInt(alerts.size());
    for (Held h : alerts.values()) {
      writeText(out, h.id);
      writeInstant(out, h.raisedAt.equals(Instant.MIN) ? null : h.raisedAt);
      writeText(out, h.state);
      writeNode(out, h.level);
      ObjectNode tree = h.tree;
      out.writeBoolean(tree != null);
      writeBytes(out, tree != null ? Json.bytes(tree) : java.util.Objects.requireNonNull(h.json));
      writeNode(out, h.pendingLive);
      writeNode(out, h.pendingHistory);
    }
    out.writeInt(hot.size());
    for (String id : hot.keySet()) {
      writeText(out, id);
    }
    out.writeInt(resolved.size());
    for (Resolved r : resolved) {
      writeText(out, r.id());
      writeInstant(out, r.at());
    }
    writeNodes(out, items);
    out.writeInt(threads.size());
    for (Map.Entry<String, List<ObjectNode>> t : threads.entrySet()) {
      writeText(out, t.getKey());
      out.writeInt(t.getValue().size());
      for (ObjectNode m : t.getValue()) {
        writeNode(out, m);
      }
    }
    writeNodes(out, incidents);
    writeNodes(out, agreements);
    writeNodes(out, reports);
  }

  /**
   * A fold as {@link #writeTo} wrote it, forgetting as {@code retention} says (null: keeps
   * everything).
   *
   * @throws IOException if the stream ends early or is not such a fold
   */
  static Knowledge readFrom(DataInputStream in, @Nullable Retention retention) throws IOException {
    Knowledge k = retention == null ? new Knowledge() : new Knowledge(retention);
    k.position = in.readLong();
    k.first = readInstant(in);
    k.last = readInstant(in);
    k.nextSweep = readInstant(in);
    int n = count(in);
    for (int i = 0; i < n; i++) {
      String id = readText(in);
      Instant raisedAt = readInstant(in);
      String state = readText(in);
      JsonNode level = java.util.Objects.requireNonNull(readNode(in), "level");
      boolean isTree = in.readBoolean();
      byte[] json = readBytes(in);
      Held h = new Held(id, raisedAt == null ? Instant.MIN : raisedAt, state, level);
      if (isTree) {
        h.tree = (ObjectNode) Json.MAPPER.readTree(json);
      } else {
        h.json = json;
      }
      h.pendingLive = readNode(in);
      JsonNode pending = readNode(in);
      h.pendingHistory = pending instanceof ArrayNode a ? a : null;
      k.alerts.put(id, h);
    }
    n = count(in);
    for (int i = 0; i < n; i++) {
      String id = readText(in);
      Held h = k.alerts.get(id);
      if (h == null || h.tree == null) {
        throw new IOException("alert " + id + " is kept as a tree but not among the alerts");
      }
      k.hot.put(id, h);
    }
    n = count(in);
    for (int i = 0; i < n; i++) {
      k.resolved.addLast(
          new Resolved(readText(in), java.util.Objects.requireNonNull(readInstant(in))));
    }
    readObjects(in, k.items);
    n = count(in);
    for (int i = 0; i < n; i++) {
      String thread = readText(in);
      int m = count(in);
      List<ObjectNode> messages = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        messages.add((ObjectNode) java.util.Objects.requireNonNull(readNode(in)));
      }
      k.threads.put(thread, messages);
    }
    readObjects(in, k.incidents);
    readObjects(in, k.agreements);
    n = count(in);
    for (int i = 0; i < n; i++) {
      k.reports.put(readText(in), java.util.Objects.requireNonNull(readNode(in)));
    }
    return k;
  }

  private static void writeInstant(DataOutputStream out, @Nullable Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  private static @Nullable Instant readInstant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    byte[] b = new byte[count(in)];
    in.readFully(b);
    return b;
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String readText(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static void writeNode(DataOutputStream out, @Nullable JsonNode node) throws IOException {
    out.writeBoolean(node != null);
    if (node != null) {
      writeBytes(out, Json.bytes(node));
    }
  }

  private static @Nullable JsonNode readNode(DataInputStream in) throws IOException {
    return in.readBoolean() ? Json.MAPPER.readTree(readBytes(in)) : null;
  }

  private static void writeNodes(DataOutputStream out, Map<String, ? extends JsonNode> map)
      throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<String, ? extends JsonNode> e : map.entrySet()) {
      writeText(out, e.getKey());
      writeNode(out, e.getValue());
    }
  }

  private static void readObjects(DataInputStream in, Map<String, ObjectNode> into)
      throws IOException {
    int n = count(in);
    for (int i = 0; i < n; i++) {
      into.put(readText(in), (ObjectNode) java.util.Objects.requireNonNull(readNode(in)));
    }
  }

  /** A count or length, checked: a damaged stream must not allocate gigabytes. */
  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 30) {
      throw new IOException("a count out of range: " + n);
    }
    return n;
  }

  private static int stateRank(String state) {
    return switch (state) {
      case "open" -> 0;
      case "acknowledged" -> 1;
      case "resolved" -> 2;
      default -> 3;
    };
  }
}
