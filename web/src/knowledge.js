// What a member knows: the facts its event stream told it, folded into alerts, own items, hotline
// messages, incidents and own track reports, as of any moment; and what the page derives from
// that to show it (the picture at the view time, the inbox, the situation summary, the plans, the
// notices; the names it gives things are in words.js). Pure functions, no DOM, so the time slider can ask "what
// did this party know at T" and the tests can check the answers in Node.

import { utc } from "./time.js";
import { kindName, otherParty, threadName } from "./words.js";

/** Milliseconds since the epoch of an ISO-8601 instant (nanosecond fractions are cut). */
export function ms(instant) {
  return Date.parse(instant);
}

function empty() {
  return {
    alerts: new Map(),
    items: new Map(),
    threads: new Map(),
    incidents: new Map(),
    agreements: new Map(),
    reports: new Map(),
  };
}

/**
 * The fold of the service's picture (`GET /picture`): what the member's stream told up to the
 * picture's position, folded by the service exactly as `knownAt` folds it.
 */
export function fromPicture(p) {
  const k = empty();
  for (const a of p.alerts || []) k.alerts.set(a.id, a);
  // alerts the picture names only (`?alerts=` bounded it): their state counts, their view is not
  // loaded; the stream's facts keep their state as for any other
  for (const [id, state, level] of p.alertsLeftOut || []) {
    k.alerts.set(id, { id, state, level, leftOut: true, history: [], counterpart: [] });
  }
  for (const i of p.items || []) k.items.set(`${i.kind}:${i.id}`, i);
  for (const [thread, messages] of Object.entries(p.threads || {})) k.threads.set(thread, messages);
  for (const i of p.incidents || []) k.incidents.set(i.id, i);
  for (const a of p.agreements || []) k.agreements.set(a.id, a);
  for (const r of p.reports || []) k.reports.set(r.unit, r);
  return k;
}

/**
 * Folds `facts` (in journal order) told up to and including `at` (ms; Infinity for everything)
 * into a picture of what was known then, starting from `base` (a fold, such as the sign-in
 * picture's; left unchanged) or from nothing.
 */
export function knownAt(facts, at = Infinity, base = null) {
  const k = base ? structuredClone(base) : empty();
  for (const f of facts) {
    const t = ms(f.time);
    if (t > at) break;
    apply(k, f);
  }
  return k;
}

/**
 * Folds more `facts` (in journal order, all of them) into the fold `k` itself: the page's picture
 * grows by the facts its stream adds, instead of being folded again from the sign-in picture on
 * every change (which cost a copy of the whole picture per batch).
 */
export function foldMore(k, facts) {
  for (const f of facts) apply(k, f);
  return k;
}

/** Folds a reconfirmation fact into an own item, as Knowledge.java does. */
function standing(type, of, item) {
  if (of.confirmedAt != null) item.confirmedAt = of.confirmedAt;
  if (of.reconfirmBy != null) item.reconfirmBy = of.reconfirmBy;
  else if (type === "item.reconfirm") delete item.reconfirmBy;
  item.reconfirmDue = type === "item.due";
  item.lapsed = type === "item.lapsed";
  if (type === "item.lapsed") item.lapsedSince = of.lapsedSince;
  else delete item.lapsedSince;
}

function apply(k, f) {
  const b = f.body || {};
  const r = b.result || {};
  switch (f.type) {
    case "agreement.set":
    case "agreement.suspend":
    case "agreement.resume":
      if (r.id) k.agreements.set(r.id, r);
      break;
    case "item.notify": {
      const kind = b.kind || (b.feature && b.feature.properties && b.feature.properties.kind);
      k.items.set(`${kind}:${r.id}`, {
        id: r.id,
        kind,
        version: r.version,
        late: !!r.late,
        notifiedAt: f.time,
        feature: b.feature,
        party: b.feature && b.feature.properties ? b.feature.properties.party : undefined,
      });
      break;
    }
    case "item.cancel": {
      const id = r.id || b.id;
      for (const key of [...k.items.keys()]) {
        if (key.endsWith(`:${id}`) && (!b.kind || key.startsWith(`${b.kind}:`)))
          k.items.delete(key);
      }
      break;
    }
    case "item.reconfirm":
    case "item.due":
    case "item.lapsed":
    case "item.restored": {
      // where an own site or zone stands under reconfirmation (D36); others' are not folded
      const of = f.type === "item.reconfirm" ? r : b;
      const item = k.items.get(`${of.kind}:${of.id}`);
      if (item) standing(f.type, of, item);
      break;
    }
    case "alert.raised": {
      const alert = structuredClone(b);
      alert.history = [{ time: f.time, what: `raised at level ${alert.level}` }];
      alert.counterpart = [];
      k.alerts.set(alert.id, alert);
      break;
    }
    case "alert.escalated":
      update(k, b.alert, f, (a) => {
        a.level = b.level;
        a.deadline = b.deadline;
        return `escalated to level ${b.level} (${b.to})`;
      });
      break;
    case "alert.overdue":
      update(k, b.alert, f, (a) => {
        a.overdue = true;
        delete a.deadline;
        return "overdue: level 3 missed its deadline";
      });
      break;
    case "alert.acknowledge":
      update(k, r.alert || b.id, f, (a) => {
        a.state = "acknowledged";
        delete a.deadline;
        a.acknowledged = { by: r.acknowledgedBy || f.by, at: r.at || f.time, meaning: r.meaning };
        return `acknowledged by ${r.acknowledgedBy || f.by} (seen, not approved)`;
      });
      break;
    case "alert.deconflict":
      update(k, r.alert || b.alert || b.id, f, (a) => {
        a.deconflictedNote = b.note;
        if (r.state) a.state = r.state;
        return `marked deconflicted by ${f.by}: ${b.note}`;
      });
      break;
    case "alert.counterpart":
      update(k, b.alert, f, (a) => {
        a.counterpart.push(b);
        const who = b.party ? b.party.toUpperCase() : "the other party";
        return b.counterpart === "deconflicted"
          ? `${who} marked it deconflicted${b.note ? `: ${b.note}` : ""}`
          : `${who} acknowledged it (seen, not approved)`;
      });
      break;
    case "alert.updated":
      update(k, b.alert, f, (a) => {
        if (b.linked) {
          // a planned conflict now tracked live (D29): no live situation of its own
          a.linked = b.linked;
          return `now closing live: ${b.linked.alert}`;
        }
        a.live = b.live;
        return b.live && b.live.level ? `now ${b.live.level}` : "situation updated";
      });
      break;
    case "alert.resolved":
      update(k, b.alert, f, (a) => {
        a.state = "resolved";
        delete a.deadline;
        a.resolution = b.resolution;
        return `resolved: ${b.resolution}`;
      });
      break;
    case "hotline.post": {
      const list = k.threads.get(b.thread) || [];
      list.push(b);
      k.threads.set(b.thread, list);
      break;
    }
    case "incident.record":
    case "incident.revise": {
      const prev = k.incidents.get(r.id);
      const { result, ...fields } = b;
      k.incidents.set(r.id, {
        ...(prev || { accounts: [] }),
        ...fields,
        id: r.id,
        version: r.version,
        recordedBy: prev ? prev.recordedBy : f.by,
        updatedAt: f.time,
      });
      break;
    }
    case "incident.account": {
      const inc = k.incidents.get(r.id || b.id);
      if (inc) inc.accounts = [...inc.accounts, { by: f.by, at: f.time, text: b.text }];
      break;
    }
    case "positions.report":
      for (const rep of b.reports || []) {
        const prev = k.reports.get(rep.unit);
        if (!prev || ms(prev.time) <= ms(rep.time)) k.reports.set(rep.unit, rep);
      }
      break;
    default:
      break;
  }
}

function update(k, id, f, change) {
  const a = k.alerts.get(id);
  if (!a) return;
  addHistory(a.history, f.time, change(a));
}

/**
 * Adds `what` at `time` to an alert's history; the same `what` as the last entry's extends that
 * entry instead (`count`, `until`): a live alert refreshed every 10 s for hours keeps a history of
 * its changes, not thousands of equal lines. As the service's picture does (Knowledge.java).
 */
export function addHistory(history, time, what) {
  const last = history[history.length - 1];
  if (last && last.what === what) {
    last.count = (last.count || 1) + 1;
    last.until = time;
  } else {
    history.push({ time, what });
  }
}

/** Alerts newest first, open ones before the others. */
export function inboxOrder(alerts) {
  const rank = { open: 0, acknowledged: 1, resolved: 2 };
  return [...alerts].sort(
    (a, b) => (rank[a.state] ?? 3) - (rank[b.state] ?? 3) || ms(b.raisedAt) - ms(a.raisedAt),
  );
}

/**
 * Where a movement is planned to be at `at` (ms): [lon, lat] interpolated between its waypoints,
 * or null outside its times.
 */
export function plannedPosition(feature, at) {
  const times = feature && feature.properties && feature.properties.times;
  const coords = feature && feature.geometry && feature.geometry.coordinates;
  if (
    !times ||
    !coords ||
    feature.geometry.type !== "LineString" ||
    times.length !== coords.length
  ) {
    return null;
  }
  const t = times.map(ms);
  if (at < t[0] || at > t[t.length - 1]) return null;
  for (let i = 1; i < t.length; i++) {
    if (at <= t[i]) {
      const f = t[i] === t[i - 1] ? 1 : (at - t[i - 1]) / (t[i] - t[i - 1]);
      const [x0, y0] = coords[i - 1];
      const [x1, y1] = coords[i];
      let dx = x1 - x0;
      if (dx > 180) dx -= 360;
      if (dx < -180) dx += 360;
      let x = x0 + f * dx;
      if (x > 180) x -= 360;
      if (x < -180) x += 360;
      return [x, y0 + f * (y1 - y0), bearing(coords[i - 1], coords[i])];
    }
  }
  return null;
}

function bearing([x0, y0], [x1, y1]) {
  const r = Math.PI / 180;
  const y = Math.sin((x1 - x0) * r) * Math.cos(y1 * r);
  const x =
    Math.cos(y0 * r) * Math.sin(y1 * r) -
    Math.sin(y0 * r) * Math.cos(y1 * r) * Math.cos((x1 - x0) * r);
  return (Math.atan2(y, x) / r + 360) % 360;
}

/** Whether `alert`'s conflict interval contains `at` (ms). */
export function happeningAt(alert, at) {
  return ms(alert.start) <= at && at <= ms(alert.end);
}

// ---------------------------------------------------------------------------------------------
// what the page derives from the fold

const HISTORY_BEFORE = 24 * 3600e3;
const HISTORY_AFTER = 24 * 3600e3;
const REPORT_SHOWN_FOR = 120e3;

/**
 * What the page shows at the view time: the fold `k` (of everything when live, else of the facts
 * told by `at`) and the items and tracks the map should draw. Live, the items and tracks are the
 * service's current answers; looking back, the party's own items as the stream told them then,
 * other parties' items as shared now if notified by then, and the own units' reports of the two
 * minutes before.
 */
export function pictureAt({ live, at, party, visibleItems, tracks }, k) {
  if (live) return { at, k, items: visibleItems, tracks };
  const own = [...k.items.values()].map((i) => ({ ...i, party: i.party || party }));
  const others = visibleItems.filter((i) => i.party !== party && ms(i.notifiedAt) <= at);
  const reports = [...k.reports.values()]
    .filter((r) => ms(r.time) <= at && at - ms(r.time) <= REPORT_SHOWN_FOR)
    .map((r) => ({
      unit: r.unit,
      party,
      time: r.time,
      position: [r.lon, r.lat],
      courseDegrees: r.course,
      stale: false,
    }));
  return { at, k, items: [...own, ...others], tracks: reports };
}

/** The inbox: open alerts first, newest first; resolved ones only with the filter "all". */
export function inboxAlerts(k, filter) {
  return inboxOrder(
    [...k.alerts.values()].filter(
      (a) => !a.leftOut && (filter === "all" || a.state !== "resolved"),
    ),
  );
}

/** How many alerts the inbox would list that the sign-in picture named only (not loaded). */
export function alertsLeftOut(k, filter) {
  let n = 0;
  for (const a of k.alerts.values()) {
    if (a.leftOut && (filter === "all" || a.state !== "resolved")) n++;
  }
  return n;
}

/** What stands out at `at` (ms): open alerts, the next conflict and deadline, the own routes. */
export function situation({ k, items, at }, party) {
  const all = [...k.alerts.values()];
  const open = all.filter((a) => a.state === "open");
  const coming = all
    .filter((a) => a.state !== "resolved" && ms(a.end) >= at)
    .sort((a, b) => ms(a.start) - ms(b.start))[0];
  const deadline = open
    .filter((a) => a.deadline)
    .sort((a, b) => ms(a.deadline) - ms(b.deadline))[0];
  const own = items.filter((i) => i.party === party && i.kind === "movement");
  const running = own.filter((i) => {
    const t = (i.feature && i.feature.properties && i.feature.properties.times) || [];
    return t.length && ms(t[0]) <= at && at <= ms(t[t.length - 1]);
  });
  return { open: open.length, coming, deadline, routes: own.length, running: running.length };
}

/** The items of the Plans panel: the party's own first, then by party, kind and id. */
export function planOrder(items, party) {
  const rank = (i) => (i.party === party ? 0 : 1);
  return [...items].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      String(a.party).localeCompare(b.party) ||
      a.kind.localeCompare(b.kind) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * The time slider's range (ms): from a day before the first fact told (`first`, ms, or null) to a
 * day after now.
 */
export function sliderRange(firstFact, now) {
  const first = firstFact === null || firstFact === undefined ? now - HISTORY_BEFORE : firstFact;
  const min = Math.min(first, now - HISTORY_BEFORE);
  return {
    min: Math.floor(min / 60000) * 60000,
    max: Math.ceil((now + HISTORY_AFTER) / 60000) * 60000,
  };
}

/**
 * The notice for a fact that arrives while the member watches, or "" for none: only what happens
 * after `signedInAt` (ms; null before the page has caught up) is news, and a party's own hotline
 * messages are not.
 */
export function notice(fact, { party, signedInAt, operator = false }) {
  if (signedInAt === null || ms(fact.time) <= signedInAt) return "";
  const b = fact.body || {};
  switch (fact.type) {
    case "alert.raised":
      return `New alert ${b.conflictId}: ${[kindName(b.kind), otherParty(b)].filter(Boolean).join(" ")}, from ${utc(b.start)}`;
    case "alert.escalated":
      return `${b.conflictId} escalated to level ${b.level} (${b.to}): not yet acknowledged`;
    case "alert.counterpart":
      return `${b.conflictId}: ${b.party ? b.party.toUpperCase() : "the other party"} ${b.counterpart}`;
    case "item.due":
      return `Reconfirm ${b.kind} ${b.id} by ${utc(b.reconfirmBy)}, or it lapses`;
    case "item.lapsed":
      return `${b.party === party ? "Your" : b.party.toUpperCase()} ${b.kind} ${b.id} lapsed: not reconfirmed since ${utc(b.confirmedAt)}`;
    case "item.restored":
      return `${b.party === party ? "Your" : b.party.toUpperCase()} ${b.kind} ${b.id} is in force again (${b.restoredBy})`;
    case "hotline.post":
      return b.party === party
        ? ""
        : `Hotline ${threadName(b.thread, party, operator)}: ${(b.code ? b.rendered : b.text || "").slice(0, 80)}`;
    default:
      return "";
  }
}
