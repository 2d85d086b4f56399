// The web map's controller: sign-in, the member's event stream, the inbox with read-back
// acknowledgement, the hotline, incidents, plans and the time slider. Everything shown comes from
// the service's API as this member may see it; nothing is fetched for another party.

import { Api, ApiError } from "./api.js";
import { knownAt, inboxOrder, ms } from "./knowledge.js";
import * as time from "./time.js";
import { MapView } from "./map.js";
import { h, replace } from "./dom.js";
import { partnersOf } from "./symbols.js";

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = "deconflict.token";
const ZONE_KEY = "deconflict.zone";
const HISTORY_BEFORE = 24 * 3600e3;
const HISTORY_AFTER = 24 * 3600e3;

const state = {
  api: null,
  me: null,
  parties: [],
  vocabulary: null,
  lang: "en",
  zone: localStorage.getItem(ZONE_KEY) || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  facts: [],
  lastSeq: 0,
  stream: null,
  streamState: "connecting",
  now: Date.now(),
  live: true,
  at: 0,
  visibleItems: [],
  tracks: [],
  threads: [],
  thread: "",
  tab: "inbox",
  filter: "open",
  selected: "",
  incident: "",
  form: null,
  map: null,
};

const fmt = (instant) => time.both(instant, state.zone);
const viewAt = () => (state.live ? state.now : state.at);
const canAct = () => state.me && (state.me.role === "officer" || state.me.role === "commander");
const isOperator = () => state.me && state.me.role === "operator";

// ---------------------------------------------------------------------------------------------
// sign-in

async function boot() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("token")) {
    sessionStorage.setItem(TOKEN_KEY, hash.get("token"));
    history.replaceState(null, "", location.pathname);
  }
  $("signin-form").addEventListener("submit", (e) => {
    e.preventDefault();
    signIn($("token").value.trim());
  });
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) signIn(token);
  else showSignIn("");
}

function showSignIn(error) {
  $("app").hidden = true;
  $("signin").hidden = false;
  $("signin-error").textContent = error;
  $("token").focus();
}

async function signIn(token) {
  const api = new Api(token);
  try {
    state.me = await api.get("/me");
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY);
    showSignIn(e instanceof ApiError && e.status === 401 ? "That token is not valid." : e.message);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  state.api = api;
  state.lang = state.me.language || "en";
  $("signin").hidden = true;
  $("app").hidden = false;
  $("token").value = "";
  try {
    await start();
  } catch (e) {
    report(e);
  }
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  if (state.stream) state.stream.stop();
  location.reload();
}

async function start() {
  const [parties, vocabulary, threads, layers] = await Promise.all([
    state.api.get("/parties"),
    state.api.get("/hotline/vocabulary"),
    state.api.get("/hotline/threads"),
    state.api.get("/map/layers"),
  ]);
  state.parties = parties.parties;
  state.vocabulary = vocabulary;
  state.threads = threads.threads;
  state.thread = state.threads[0] || "";
  setupHeader();
  state.map = new MapView($("map"), {
    onSelectAlert: (id) => selectAlert(id, true),
  });
  state.map.setParties(state.parties, state.me.party);
  fetch("vendor/countries-50m.json")
    .then((r) => r.json())
    .then((topology) => state.map.drawCountries(topology))
    .catch(() => {});
  for (const layer of layers.layers) {
    state.api
      .get(`/map/layers/${encodeURIComponent(layer.id)}`)
      .then((g) => state.map.drawBaseLayer(g));
  }
  setupTabs();
  setupInbox();
  setupHotline();
  setupIncidents();
  setupTimebar();
  setupKeys();
  await Promise.all([pollClock(), pollItems(), pollTracks()]);
  state.signedInAt = state.now;
  setInterval(pollClock, 1000);
  setInterval(pollItems, 15000); // other parties' items are not pushed on the stream
  setInterval(pollTracks, 3000);
  followStream(0);
  let fitted = false;
  const fit = () => {
    if (!fitted && state.visibleItems.length) {
      state.map.fitItems(
        state.visibleItems.filter((i) => i.kind !== "zone" || i.party === state.me.party),
      );
      fitted = true;
    }
  };
  fit();
  schedule();
}

function setupHeader() {
  const party = state.parties.find((p) => p.id === state.me.party);
  $("who").textContent =
    `${party ? party.name : state.me.party} · ${state.me.name} (${state.me.role})`;
  $("who").title = `member ${state.me.member}, party ${state.me.party}`;
  const lang = $("lang");
  for (const l of state.vocabulary.languages) {
    lang.append(h("option", { value: l.tag, selected: l.tag === state.lang }, languageName(l.tag)));
  }
  lang.addEventListener("change", () => {
    state.lang = lang.value;
    state.signedInAt = state.now; // the replay in the new language is not news
    renderCompose();
    followStream(0);
  });
  const zone = $("zone");
  const zones = new Set([
    state.zone,
    "UTC",
    "Asia/Damascus",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Asia/Baghdad",
    "America/New_York",
    "Europe/Berlin",
  ]);
  for (const z of Intl.supportedValuesOf ? Intl.supportedValuesOf("timeZone") : []) zones.add(z);
  for (const z of zones) zone.append(h("option", { value: z, selected: z === state.zone }, z));
  zone.addEventListener("change", () => {
    state.zone = zone.value;
    localStorage.setItem(ZONE_KEY, state.zone);
    schedule();
  });
  $("signout").addEventListener("click", signOut);
  $("help-button").addEventListener("click", () => $("help").showModal());
}

function languageName(tag) {
  return { en: "English", ru: "Русский", ar: "العربية", tr: "Türkçe" }[tag] || tag;
}

// ---------------------------------------------------------------------------------------------
// data

function followStream(after) {
  if (state.stream) state.stream.stop();
  if (after === 0) {
    state.facts = [];
    folded = { count: -1, at: NaN, k: null }; // the replay in another language is other facts
    state.lastSeq = 0;
  }
  state.stream = state.api.follow(after, state.lang, onFact, (s) => {
    state.streamState = s;
    if (s === "unauthorized") signOut();
    renderStream();
  });
}

function onFact(fact) {
  if (fact.seq <= state.lastSeq) return;
  state.lastSeq = fact.seq;
  state.facts.push(fact);
  announce(fact);
  if (fact.type === "item.notify" || fact.type === "item.cancel") pollItems();
  if (fact.type === "hotline.post" && !state.threads.includes(fact.body.thread)) {
    state.threads.push(fact.body.thread);
  }
  schedule();
}

/** Says out loud (a toast, read by screen readers) what arrives while the member watches. */
function announce(fact) {
  // only what happens after sign-in: the replay of what came before is not news (with the demo's
  // clock paused nothing is news, since every fact then has the same time)
  if (state.signedInAt === undefined || ms(fact.time) <= state.signedInAt) return;
  const b = fact.body || {};
  if (fact.type === "alert.raised") {
    toast(
      `New alert ${b.conflictId}: ${[kindName(b.kind), otherParty(b)].filter(Boolean).join(" ")}, from ${time.utc(b.start)}`,
    );
  } else if (fact.type === "alert.escalated") {
    toast(`${b.conflictId} escalated to level ${b.level} (${b.to}): not yet acknowledged`);
  } else if (fact.type === "alert.counterpart") {
    toast(
      `${b.conflictId}: ${b.party ? b.party.toUpperCase() : "the other party"} ${b.counterpart}`,
    );
  } else if (fact.type === "hotline.post" && b.party !== state.me.party) {
    toast(`Hotline ${threadName(b.thread)}: ${(b.code ? b.rendered : b.text || "").slice(0, 80)}`);
  }
}

async function pollClock() {
  try {
    const c = await state.api.get("/clock");
    state.now = ms(c.now);
    renderClock();
    if (state.live) schedule();
  } catch (e) {
    if (e.status === 401) signOut();
  }
}

async function pollItems() {
  try {
    const [m, s, z] = await Promise.all(
      ["movements", "sites", "zones"].map((k) => state.api.get(`/${k}?scope=visible`)),
    );
    state.visibleItems = [...m.movements, ...s.sites, ...z.zones];
    schedule();
  } catch {
    /* shown by the stream state */
  }
}

async function pollTracks() {
  if (!state.live) return;
  try {
    state.tracks = (await state.api.get("/tracks?scope=visible")).tracks;
    schedule();
  } catch {
    /* kept */
  }
}

// the fold of the facts, kept until a fact arrives or the view time moves: every render, key
// press and form asks for it
let folded = { count: -1, at: NaN, k: null };
function known(at) {
  if (folded.count !== state.facts.length || folded.at !== at) {
    folded = { count: state.facts.length, at, k: knownAt(state.facts, at) };
  }
  return folded.k;
}

/** What the member knew at the view time; items and tracks as the map should draw them. */
function picture() {
  const at = viewAt();
  const k = known(state.live ? Infinity : at);
  let items;
  let tracks;
  if (state.live) {
    items = state.visibleItems;
    tracks = state.tracks;
  } else {
    // own items as the stream told them then; other parties' as shared now, if notified by then
    const own = [...k.items.values()].map((i) => ({ ...i, party: i.party || state.me.party }));
    const others = state.visibleItems.filter(
      (i) => i.party !== state.me.party && ms(i.notifiedAt) <= at,
    );
    items = [...own, ...others];
    tracks = [...k.reports.values()]
      .filter((r) => ms(r.time) <= at && at - ms(r.time) <= 120e3)
      .map((r) => ({
        unit: r.unit,
        party: state.me.party,
        time: r.time,
        position: [r.lon, r.lat],
        courseDegrees: r.course,
        stale: false,
      }));
  }
  return { at, k, items, tracks };
}

// ---------------------------------------------------------------------------------------------
// rendering

let scheduled = false;
function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    render();
  });
}

function render() {
  const p = picture();
  renderClock();
  renderStream();
  renderHistoryBanner(p);
  renderInbox(p);
  renderHotline(p);
  renderIncidents(p);
  renderPlans(p);
  renderSlider();
  const alerts = [...p.k.alerts.values()].filter(
    (a) => state.filter === "all" || a.state !== "resolved" || a.id === state.selected,
  );
  // redraw the map only when what it shows changed: an open tooltip survives the clock's ticks
  const mapSig = [
    p.items.map((i) => `${i.party}:${i.kind}:${i.id}:${i.version}`).join(","),
    p.tracks.map((t) => `${t.unit}@${t.time}`).join(","),
    alerts.map((a) => `${a.id}:${a.state}`).join(","),
    [...p.k.incidents.values()].map((i) => `${i.id}:${i.version}`).join(","),
    [...p.k.agreements.values()].map((a) => `${a.id}:${a.version}:${a.suspended}`).join(","),
    Math.floor(p.at / 60000),
    state.selected,
    state.zone,
    state.live,
  ].join("|");
  if (mapSig !== state.mapSig) {
    state.mapSig = mapSig;
    state.map.drawSituation({
      items: p.items,
      tracks: p.tracks,
      alerts,
      incidents: [...p.k.incidents.values()],
      partners: partnersOf(
        state.me.party,
        [...p.k.agreements.values()].filter((a) => ms(a.effectiveFrom) <= p.at),
      ),
      at: p.at,
      live: state.live,
      fmt,
      selected: state.selected,
    });
  }
}

function renderClock() {
  const now = new Date(state.now).toISOString();
  $("clock").textContent = `${time.utc(now, true)} · ${time.local(now, state.zone, true)}`;
}

function renderStream() {
  const s = state.streamState;
  const el = $("stream");
  el.className = `stream ${s}`;
  el.textContent =
    s === "connected" ? "● live" : s === "reconnecting" ? "● reconnecting…" : "● connecting…";
}

function renderHistoryBanner(p) {
  const banner = $("history-banner");
  banner.hidden = state.live;
  if (!state.live) {
    banner.textContent = `Looking back: what ${state.me.party.toUpperCase()} knew at ${fmt(new Date(p.at).toISOString())}. Actions are off; press Live (l) to act.`;
  }
}

// inbox ---------------------------------------------------------------------------------------

function setupInbox() {
  $("filter-open").addEventListener("click", () => setFilter("open"));
  $("filter-all").addEventListener("click", () => setFilter("all"));
}

function setFilter(f) {
  state.filter = f;
  $("filter-open").setAttribute("aria-pressed", String(f === "open"));
  $("filter-all").setAttribute("aria-pressed", String(f === "all"));
  schedule();
}

function inboxAlerts(p) {
  return inboxOrder([...p.k.alerts.values()]).filter(
    (a) => state.filter === "all" || a.state !== "resolved",
  );
}

function renderInbox(p) {
  const alerts = inboxAlerts(p);
  const open = [...p.k.alerts.values()].filter((a) => a.state === "open").length;
  const sig = `${alerts.map((a) => `${a.id}:${a.state}:${a.level}:${a.live ? a.live.level : ""}`).join(",")}|${state.selected}|${Math.floor(p.at / 60000)}`;
  if ($("alert-list").dataset.sig === sig) {
    renderAlertDetail(p);
    return;
  }
  $("alert-list").dataset.sig = sig;
  $("open-count").textContent = open ? String(open) : "";
  document.title = `${open ? `(${open}) ` : ""}deconflict · ${state.me.party.toUpperCase()}`;
  $("open-count").setAttribute("aria-label", `${open} open`);
  replace(
    $("alert-list"),
    alerts.length
      ? alerts.map((a) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: `alert-row state-${a.state} level-${a.level}${a.id === state.selected ? " selected" : ""}`,
                "aria-current": a.id === state.selected ? "true" : false,
                dataset: { key: a.id },
                onclick: () => selectAlert(a.id, true),
              },
              h(
                "span",
                { class: "level", title: `level ${a.level}` },
                a.state === "open" ? `L${a.level}` : a.state === "acknowledged" ? "ACK" : "✓",
              ),
              h(
                "span",
                { class: "what" },
                [a.conflictId, kindName(a.kind), otherParty(a)].filter(Boolean).join(" · "),
              ),
              h(
                "span",
                { class: "when" },
                `${time.utc(a.start)} · ${time.relative(a.start, p.at)}`,
              ),
              a.live && a.live.level
                ? h("span", { class: `live-level ${a.live.level}` }, a.live.level)
                : null,
            ),
          ),
        )
      : h("li", { class: "empty" }, state.filter === "open" ? "No open alerts." : "No alerts."),
  );
  renderAlertDetail(p);
}

function kindName(kind) {
  return (
    {
      "movement-movement": "routes cross",
      "movement-site": "route near site",
      "movement-zone": "route enters zone",
      "unit-unit": "units closing",
      "non-conformance": "off plan",
      incursion: "incursion",
    }[kind] || kind
  );
}

function otherParty(a) {
  if (a.other && a.other.party) return `with ${a.other.party.toUpperCase()}`;
  return a.kind === "non-conformance" || a.kind === "incursion" ? "" : "with another party";
}

function selectAlert(id, focusMap) {
  state.selected = id;
  state.form = null;
  switchTab("inbox");
  const p = picture();
  const a = p.k.alerts.get(id);
  if (a && focusMap && a.location) state.map.focus(a.location);
  schedule();
}

function renderAlertDetail(p) {
  const box = $("alert-detail");
  const a = p.k.alerts.get(state.selected);
  if (!a) {
    const sig = `summary|${p.k.alerts.size}|${Math.floor(p.at / 60000)}|${state.zone}|${p.items.length}`;
    if (box.dataset.sig !== sig) {
      box.dataset.sig = sig;
      replace(box, summary(p));
    }
    return;
  }
  if (state.form && state.form.alert === a.id && box.querySelector("form")) {
    return; // keep the form the officer is typing in
  }
  const sig = `${JSON.stringify(a)}|${state.zone}|${state.live}|${Math.floor(state.now / 60000)}`;
  if (box.dataset.sig === sig && box.querySelector("h2")) return;
  box.dataset.sig = sig;
  const rows = [
    [
      "State",
      `${a.state}${a.overdue ? " (overdue)" : ""}${a.state === "open" ? `, level ${a.level} (${ladder(a.level)})` : ""}`,
    ],
    a.deadline ? ["Escalates", `${fmt(a.deadline)}, ${time.relative(a.deadline, viewAt())}`] : null,
    ["From", fmt(a.start)],
    ["To", fmt(a.end)],
    a.location ? ["Place", time.formatPlace(a.location)] : null,
    a.closest
      ? ["Closest", `${a.closest.distanceMeters} m at ${time.utc(a.closest.time, true)}`]
      : null,
    a.own && a.own.item ? ["Our item", a.own.item] : null,
    a.other
      ? [
          "Other",
          `${a.other.party ? a.other.party.toUpperCase() : "a party"}${a.other.item ? ` ${a.other.item}` : ""} (shares ${a.other.shares})`,
        ]
      : null,
    a.live && a.live.level
      ? [
          "Now",
          `${a.live.level}: ${Math.round(a.live.distanceNowMeters)} m apart, closest ${Math.round(a.live.distanceAtClosestMeters)} m in ${Math.round(a.live.timeToClosestSeconds / 60)} min`,
        ]
      : null,
    a.live && a.live.reason
      ? [
          "Off plan",
          `${a.live.reason}${a.live.offTrackMeters ? `, ${Math.round(a.live.offTrackMeters)} m off track` : ""}`,
        ]
      : null,
    a.acknowledged
      ? ["Acknowledged", `by ${a.acknowledged.by} at ${fmt(a.acknowledged.at)}: seen, not approved`]
      : null,
    a.deconflictedNote ? ["Our note", a.deconflictedNote] : null,
    a.resolution ? ["Resolved", a.resolution] : null,
    a.channelSuspended ? ["Channel", "the agreement was suspended when this was raised"] : null,
  ].filter(Boolean);
  const counterpart = a.counterpart.map((c) =>
    h(
      "li",
      {},
      `${c.party ? c.party.toUpperCase() : "The other party"} ${c.counterpart === "deconflicted" ? `marked it deconflicted${c.note ? `: ${c.note}` : ""}` : "acknowledged it (seen, not approved)"} at ${fmt(c.at)}`,
    ),
  );
  const acting = state.live && canAct();
  replace(
    box,
    h("h2", { id: "alert-title" }, `${a.conflictId} · ${kindName(a.kind)} ${otherParty(a)}`),
    h(
      "dl",
      { class: "facts" },
      rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
    ),
    counterpart.length
      ? h("div", {}, h("h3", {}, "The other side"), h("ul", { class: "counterpart" }, counterpart))
      : null,
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          id: "show-on-map",
          dataset: { key: "show-on-map" },
          onclick: () => a.location && state.map.focus(a.location, 12),
        },
        "Show on map (m)",
      ),
      acting && a.state === "open"
        ? h(
            "button",
            {
              type: "button",
              id: "acknowledge",
              class: "primary",
              dataset: { key: "acknowledge" },
              onclick: () => openAcknowledge(a),
            },
            "Acknowledge… (a)",
          )
        : null,
      acting && a.state !== "resolved"
        ? h(
            "button",
            {
              type: "button",
              id: "deconflict",
              dataset: { key: "deconflict" },
              onclick: () => openDeconflict(a),
            },
            "Mark deconflicted… (d)",
          )
        : null,
      h(
        "button",
        {
          type: "button",
          id: "open-thread",
          dataset: { key: "open-thread" },
          onclick: () => openThread(`conflict:${a.conflictId}`),
        },
        "Hotline thread (t)",
      ),
    ),
    h("h3", {}, "History"),
    h(
      "ol",
      { class: "history" },
      a.history.map((e) => h("li", {}, `${time.utc(e.time)}: ${e.what}`)),
    ),
    h(
      "p",
      { class: "notice" },
      a.notice ||
        "Acknowledging an alert means it was seen. It never means the movement is approved.",
    ),
  );
}

/** What stands out when no alert is selected: counts, the next conflict, the next deadline. */
function summary(p) {
  const all = [...p.k.alerts.values()];
  const open = all.filter((a) => a.state === "open");
  const coming = all
    .filter((a) => a.state !== "resolved" && ms(a.end) >= p.at)
    .sort((a, b) => ms(a.start) - ms(b.start))[0];
  const deadline = open
    .filter((a) => a.deadline)
    .sort((a, b) => ms(a.deadline) - ms(b.deadline))[0];
  const own = p.items.filter((i) => i.party === state.me.party && i.kind === "movement");
  const running = own.filter((i) => {
    const t = (i.feature && i.feature.properties && i.feature.properties.times) || [];
    return t.length && ms(t[0]) <= p.at && p.at <= ms(t[t.length - 1]);
  });
  return [
    h("h2", {}, `Situation at ${time.utc(new Date(p.at).toISOString())}`),
    h(
      "dl",
      { class: "facts summary" },
      h("dt", {}, "Open alerts"),
      h("dd", {}, String(open.length)),
      h("dt", {}, "Next conflict"),
      h(
        "dd",
        {},
        coming
          ? `${coming.conflictId} ${otherParty(coming)}: ${fmt(coming.start)}, ${time.relative(coming.start, p.at)}`
          : "none known",
      ),
      h("dt", {}, "Next deadline"),
      h(
        "dd",
        {},
        deadline
          ? `${deadline.conflictId} escalates ${time.relative(deadline.deadline, p.at)} (level ${deadline.level})`
          : "none",
      ),
      h("dt", {}, "Our routes"),
      h("dd", {}, `${running.length} running now, ${own.length} notified`),
    ),
    h(
      "p",
      { class: "hint" },
      "Select an alert (j / k) to see it and read it back; ? lists the keys.",
    ),
  ];
}

function ladder(level) {
  return ["", "officers", "commanders", "operators"][level] || "";
}

function openAcknowledge(a) {
  if (!state.live || !canAct() || a.state !== "open") return;
  state.form = { alert: a.id, kind: "acknowledge" };
  const box = $("alert-detail");
  const error = h("p", { class: "error", role: "alert", id: "ack-error" });
  const start = h("input", {
    id: "rb-start",
    name: "start",
    required: true,
    placeholder: "HH:MM or YYYY-MM-DD HH:MM",
    autocomplete: "off",
    "aria-describedby": "rb-help",
  });
  const end = h("input", {
    id: "rb-end",
    name: "end",
    required: true,
    placeholder: "HH:MM or YYYY-MM-DD HH:MM",
    autocomplete: "off",
    "aria-describedby": "rb-help",
  });
  const place = h("input", {
    id: "rb-place",
    name: "place",
    required: true,
    placeholder: "latitude, longitude",
    autocomplete: "off",
    "aria-describedby": "rb-help",
  });
  const form = h(
    "form",
    { class: "readback", "aria-labelledby": "rb-title" },
    h("h3", { id: "rb-title" }, `Acknowledge ${a.conflictId}: read it back`),
    h(
      "p",
      { id: "rb-help", class: "hint" },
      "Type the conflict's start, end (UTC) and place as you understood them. The service checks them against the alert (1 min, 1 km). Acknowledging means seen, not approved.",
    ),
    h("label", { for: "rb-start" }, "Start (UTC)"),
    start,
    h("label", { for: "rb-end" }, "End (UTC)"),
    end,
    h("label", { for: "rb-place" }, "Place"),
    h(
      "div",
      { class: "row" },
      place,
      pickButton(place, (pl) => state.map.showPicked(pl), "rb-pick"),
    ),
    error,
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { type: "submit", class: "primary", id: "rb-submit" },
        "Acknowledge: seen, not approved",
      ),
      h("button", { type: "button", onclick: closeForm }, "Cancel"),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    for (const i of [start, end, place]) i.removeAttribute("aria-invalid");
    const s = time.parseUtc(start.value, a.start);
    const en = time.parseUtc(end.value, a.end);
    const pl = time.parsePlace(place.value);
    const bad = !s
      ? [start, "the start is not a time (HH:MM or YYYY-MM-DD HH:MM, UTC)"]
      : !en
        ? [end, "the end is not a time (HH:MM or YYYY-MM-DD HH:MM, UTC)"]
        : !pl
          ? [place, "the place must be latitude, longitude in degrees"]
          : null;
    if (bad) {
      bad[0].setAttribute("aria-invalid", "true");
      error.textContent = bad[1];
      bad[0].focus();
      return;
    }
    try {
      await state.api.post(`/alerts/${encodeURIComponent(a.id)}/acknowledge`, {
        readBack: { start: s, end: en, place: pl },
      });
      state.map.showPicked(null);
      closeForm();
      toast(`${a.conflictId} acknowledged: seen, not approved`);
    } catch (err) {
      const which = { "/readBack/start": start, "/readBack/end": end, "/readBack/place": place }[
        err.field
      ];
      if (which) {
        which.setAttribute("aria-invalid", "true");
        which.focus();
      }
      error.textContent = err.message;
    }
  });
  replace(box, form);
  start.focus();
}

function openDeconflict(a) {
  if (!state.live || !canAct() || a.state === "resolved") return;
  state.form = { alert: a.id, kind: "deconflict" };
  const error = h("p", { class: "error", role: "alert" });
  const note = h("textarea", { id: "dc-note", rows: 3, maxlength: 2000, required: true });
  const form = h(
    "form",
    { class: "readback" },
    h("h3", {}, `Mark ${a.conflictId} deconflicted`),
    h("label", { for: "dc-note" }, "How it was dealt with"),
    note,
    error,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary" }, "Mark deconflicted"),
      h("button", { type: "button", onclick: closeForm }, "Cancel"),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await state.api.post(`/alerts/${encodeURIComponent(a.id)}/deconflict`, { note: note.value });
      closeForm();
    } catch (err) {
      error.textContent = err.message;
    }
  });
  replace($("alert-detail"), form);
  note.focus();
}

/** A "Pick on map" button: the next click on the map fills `input` (latitude, longitude). */
function pickButton(input, then = () => {}, id = undefined) {
  return h(
    "button",
    {
      type: "button",
      id,
      title: "Then click the place on the map (Esc cancels)",
      onclick: () =>
        state.map.pick((pl) => {
          input.value = time.placeInput(pl);
          then(pl);
          input.focus();
        }),
    },
    "Pick on map",
  );
}

function closeForm() {
  state.form = null;
  state.map.showPicked(null);
  $("alert-detail").replaceChildren();
  schedule();
  const row = document.querySelector(`#alert-list [data-key="${CSS.escape(state.selected)}"]`);
  requestAnimationFrame(() =>
    (
      document.querySelector(`#alert-list [data-key="${CSS.escape(state.selected)}"]`) ||
      row ||
      $("alert-list")
    ).focus(),
  );
}

// hotline -------------------------------------------------------------------------------------

function setupHotline() {
  $("thread").addEventListener("change", () => {
    state.thread = $("thread").value;
    schedule();
  });
  renderCompose();
}

function openThread(thread) {
  if (!state.threads.includes(thread)) state.threads.push(thread);
  state.thread = thread;
  switchTab("hotline");
  schedule();
  requestAnimationFrame(() => $("thread").focus());
}

function threadName(t) {
  if (t.startsWith("pair:")) {
    const ps = t
      .slice(5)
      .split(":")
      .filter((p) => p !== state.me.party);
    return `Channel with ${ps.map((p) => p.toUpperCase()).join(", ")}${isOperator() ? ` (${t.slice(5).replace(":", " & ").toUpperCase()})` : ""}`;
  }
  if (t.startsWith("conflict:")) return `Conflict ${t.slice(9)}`;
  return t;
}

function renderHotline(p) {
  const select = $("thread");
  const names = state.threads.map((t) => `${t}=${(p.k.threads.get(t) || []).length}`).join(",");
  if (select.dataset.names !== names || select.value !== state.thread) {
    select.dataset.names = names;
    replace(
      select,
      state.threads.map((t) =>
        h(
          "option",
          { value: t, selected: t === state.thread },
          `${threadName(t)}${(p.k.threads.get(t) || []).length ? ` (${(p.k.threads.get(t) || []).length})` : ""}`,
        ),
      ),
    );
    select.value = state.thread;
  }
  const msgs = p.k.threads.get(state.thread) || [];
  const list = $("messages");
  const sig = `${state.thread}:${msgs.length}:${state.lang}:${state.zone}`;
  if (list.dataset.sig === sig) return;
  list.dataset.sig = sig;
  replace(
    list,
    msgs.length
      ? msgs.map((m) =>
          h(
            "li",
            { class: `message${m.party === state.me.party ? " mine" : ""}`, dataset: { id: m.id } },
            h(
              "div",
              { class: "meta" },
              `${m.party.toUpperCase()} ${m.from} · ${fmt(m.at)}${m.code ? ` · coded: ${m.code}` : ""}`,
            ),
            h(
              "div",
              { class: "text", lang: m.language || false, dir: m.rightToLeft ? "rtl" : "auto" },
              m.code ? m.rendered : m.text,
            ),
          ),
        )
      : h("li", { class: "empty" }, "No messages yet."),
  );
  list.scrollTop = list.scrollHeight;
}

function renderCompose() {
  const form = $("compose");
  if (!(canAct() || isOperator())) {
    replace(
      form,
      h("p", { class: "hint" }, "Observers read the hotline; officers and commanders write."),
    );
    return;
  }
  const codes = state.vocabulary.codes;
  const mode = h(
    "select",
    { id: "compose-mode", "aria-label": "Message kind" },
    h("option", { value: "code" }, "Coded message"),
    h("option", { value: "text" }, "Free text"),
  );
  const code = h(
    "select",
    { id: "compose-code", "aria-label": "Coded message" },
    codes.map((c) => h("option", { value: c.code }, c.text[state.lang] || c.text.en)),
  );
  const params = h("div", { id: "compose-params", class: "params" });
  const text = h("textarea", {
    id: "compose-text",
    rows: 2,
    maxlength: 4000,
    "aria-label": "Message text",
    hidden: true,
  });
  const preview = h("p", { id: "compose-preview", class: "hint", "aria-live": "polite" });
  const error = h("p", { class: "error", role: "alert", id: "compose-error" });
  const send = h("button", { type: "submit", class: "primary", id: "compose-send" }, "Send");
  const paramInput = (pdef) => {
    const id = `param-${pdef.name}`;
    const attrs = {
      id,
      name: pdef.name,
      required: true,
      autocomplete: "off",
      dataset: { type: pdef.type },
    };
    const input =
      pdef.type === "minutes" || pdef.type === "count"
        ? h("input", {
            ...attrs,
            type: "number",
            min: 1,
            max: pdef.type === "minutes" ? 1440 : 100000,
          })
        : h("input", {
            ...attrs,
            placeholder: pdef.type === "place" ? "latitude, longitude" : "HH:MM UTC",
          });
    input.addEventListener("input", updatePreview);
    return h(
      "div",
      { class: "param" },
      h("label", { for: id }, `${pdef.name} (${pdef.description})`),
      input,
      pdef.type === "place" ? pickButton(input, updatePreview) : null,
    );
  };
  function current() {
    return codes.find((c) => c.code === code.value);
  }
  function readParams() {
    const out = {};
    for (const input of params.querySelectorAll("input")) {
      const t = input.dataset.type;
      if (t === "minutes" || t === "count")
        out[input.name] = input.value === "" ? null : Number(input.value);
      else if (t === "place") out[input.name] = time.parsePlace(input.value);
      else if (t === "time")
        out[input.name] = time.parseUtc(input.value, new Date(state.now).toISOString());
      else out[input.name] = input.value;
    }
    return out;
  }
  function updatePreview() {
    const c = current();
    if (mode.value !== "code" || !c) {
      preview.textContent = "";
      return;
    }
    const values = readParams();
    const types = Object.fromEntries(c.params.map((p) => [p.name, p.type]));
    const shown = (n) => {
      const v = values[n];
      if (v == null) return `{${n}}`;
      if (Array.isArray(v)) return time.formatPlace(v);
      if (types[n] === "minutes") return `${v} min`;
      if (types[n] === "time") return time.utc(v);
      return String(v);
    };
    preview.textContent = `Each reader gets this in their own language: ${(c.text[state.lang] || c.text.en).replace(/\{(\w+)\}/g, (_, n) => shown(n))}`;
  }
  function updateParams() {
    const c = current();
    replace(params, c ? c.params.map(paramInput) : []);
    updatePreview();
  }
  mode.addEventListener("change", () => {
    const coded = mode.value === "code";
    code.hidden = !coded;
    params.hidden = !coded;
    text.hidden = coded;
    updatePreview();
  });
  code.addEventListener("change", updateParams);
  // the form outlives this render (a language change renders the controls again): exactly one
  // submit handler, this render's, so a Send posts only what these controls compose
  form.onsubmit = async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (!state.live) {
      error.textContent = "You are looking at the past; press Live to write.";
      return;
    }
    let body;
    if (mode.value === "code") {
      body = { code: code.value, params: readParams() };
      const missing = Object.entries(body.params).find(([, v]) => v == null || v === "");
      if (missing) {
        error.textContent = `${missing[0]} is missing or not readable`;
        const input = $(`param-${missing[0]}`);
        if (input) input.focus();
        return;
      }
    } else {
      body = { text: text.value };
    }
    try {
      await state.api.post(`/hotline/threads/${encodeURIComponent(state.thread)}/messages`, body);
      text.value = "";
      toast("Message sent");
    } catch (err) {
      error.textContent = err.message;
    }
  };
  replace(form, h("div", { class: "row" }, mode, code), params, text, preview, error, send);
  updateParams();
}

// incidents -----------------------------------------------------------------------------------

function setupIncidents() {
  const button = $("new-incident");
  button.hidden = !(canAct() || isOperator() || (state.me && state.me.role === "observer"));
  button.addEventListener("click", openIncidentForm);
}

function renderIncidents(p) {
  const incidents = [...p.k.incidents.values()].sort((a, b) => ms(b.time) - ms(a.time));
  const sig =
    incidents.map((i) => `${i.id}:${i.version}:${i.accounts.length}`).join(",") +
    state.incident +
    state.zone;
  const list = $("incident-list");
  if (list.dataset.sig === sig) return;
  list.dataset.sig = sig;
  replace(
    list,
    incidents.length
      ? incidents.map((i) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: `incident-row${i.id === state.incident ? " selected" : ""}`,
                dataset: { key: i.id },
                onclick: () => {
                  state.incident = i.id;
                  if (i.place) state.map.focus(i.place);
                  schedule();
                },
              },
              `${i.id} · ${i.kind} · ${time.utc(i.time)} · ${i.parties.map((x) => x.toUpperCase()).join(", ")}`,
            ),
          ),
        )
      : h("li", { class: "empty" }, "No incidents."),
  );
  const i = p.k.incidents.get(state.incident);
  const box = $("incident-detail");
  if (box.querySelector("form.incident-form")) return; // keep the new incident being typed
  if (!i) {
    replace(box);
    return;
  }
  replace(
    box,
    h("h2", {}, `${i.id} · ${i.kind} (version ${i.version})`),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "When"),
      h("dd", {}, fmt(i.time)),
      h("dt", {}, "Where"),
      h("dd", {}, i.place ? time.formatPlace(i.place) : ""),
      h("dt", {}, "Parties"),
      h("dd", {}, i.parties.map((x) => x.toUpperCase()).join(", ")),
      i.conflicts && i.conflicts.length
        ? [h("dt", {}, "Conflicts"), h("dd", {}, i.conflicts.join(", "))]
        : null,
      h("dt", {}, "Summary"),
      h("dd", {}, i.summary || ""),
    ),
    i.sources && i.sources.length
      ? [
          h("h3", {}, "Sources"),
          h(
            "ul",
            {},
            i.sources.map((s) =>
              h(
                "li",
                {},
                `${s.reportedBy} (${s.credibility || "unknown"})${s.link ? ` ${s.link}` : ""}`,
              ),
            ),
          ),
        ]
      : null,
    h("h3", {}, "Accounts"),
    i.accounts.length
      ? h(
          "ul",
          { class: "accounts" },
          i.accounts.map((a) =>
            h(
              "li",
              {},
              h("div", { class: "meta" }, `${a.by} · ${fmt(a.at)}`),
              h("div", { dir: "auto" }, a.text),
            ),
          ),
        )
      : h("p", { class: "hint" }, "No account yet."),
    state.live && canAct() ? accountForm(i) : null,
  );
}

function accountForm(i) {
  const text = h("textarea", {
    id: "account-text",
    rows: 3,
    maxlength: 10000,
    "aria-label": `Our account of ${i.id}`,
  });
  const error = h("p", { class: "error", role: "alert" });
  const form = h(
    "form",
    { class: "account" },
    h("label", { for: "account-text" }, "Our account"),
    text,
    error,
    h("button", { type: "submit" }, "Add our account"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await state.api.post(`/incidents/${encodeURIComponent(i.id)}/accounts`, { text: text.value });
      text.value = "";
    } catch (err) {
      error.textContent = err.message;
    }
  });
  return form;
}

function openIncidentForm() {
  if (!state.live) return;
  switchTab("incidents");
  const p = picture();
  const error = h("p", { class: "error", role: "alert" });
  const kind = h(
    "select",
    { id: "inc-kind" },
    [
      "encounter",
      "standoff",
      "blocking",
      "interception",
      "collision",
      "exchange-of-fire",
      "other",
    ].map((k) => h("option", { value: k }, k)),
  );
  const when = h("input", {
    id: "inc-time",
    required: true,
    value: time.utc(new Date(state.now).toISOString()).replace(" UTC", ""),
    autocomplete: "off",
  });
  const place = h("input", {
    id: "inc-place",
    required: true,
    placeholder: "latitude, longitude",
    autocomplete: "off",
  });
  const summary = h("textarea", { id: "inc-summary", rows: 3, maxlength: 10000 });
  const parties = state.parties.map((pt) =>
    h(
      "label",
      { class: "check" },
      h("input", {
        type: "checkbox",
        name: "party",
        value: pt.id,
        checked: pt.id === state.me.party,
      }),
      pt.id.toUpperCase(),
    ),
  );
  const conflicts = h(
    "select",
    { id: "inc-conflict" },
    h("option", { value: "" }, "none"),
    [...p.k.alerts.values()].map((a) =>
      h("option", { value: a.conflictId }, `${a.conflictId} (${kindName(a.kind)})`),
    ),
  );
  const form = h(
    "form",
    { class: "readback incident-form" },
    h("h3", {}, "Record an incident"),
    h("label", { for: "inc-kind" }, "Kind"),
    kind,
    h("label", { for: "inc-time" }, "Time (UTC)"),
    when,
    h("label", { for: "inc-place" }, "Place"),
    h("div", { class: "row" }, place, pickButton(place)),
    h("fieldset", {}, h("legend", {}, "Parties"), parties),
    h("label", { for: "inc-conflict" }, "Conflict"),
    conflicts,
    h("label", { for: "inc-summary" }, "Summary"),
    summary,
    error,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary" }, "Record"),
      h(
        "button",
        {
          type: "button",
          onclick: () => {
            $("incident-detail").replaceChildren();
            $("incident-list").dataset.sig = "";
            schedule();
          },
        },
        "Cancel",
      ),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const t = time.parseUtc(when.value, new Date(state.now).toISOString());
    const pl = time.parsePlace(place.value);
    if (!t || !pl) {
      error.textContent = !t
        ? "the time is not readable (YYYY-MM-DD HH:MM UTC)"
        : "the place must be latitude, longitude";
      return;
    }
    const body = {
      kind: kind.value,
      time: t,
      place: pl,
      summary: summary.value,
      parties: [...form.querySelectorAll("input[name=party]:checked")].map((c) => c.value),
    };
    if (conflicts.value) body.conflicts = [conflicts.value];
    try {
      const r = await state.api.post("/incidents", body);
      state.incident = r.id;
      $("incident-detail").replaceChildren();
      $("incident-list").dataset.sig = "";
      schedule();
    } catch (err) {
      error.textContent = err.message;
    }
  });
  replace($("incident-detail"), form);
  kind.focus();
}

// plans ---------------------------------------------------------------------------------------

/** "PT3H" as "3 h", "PT10M" as "10 min". */
function duration(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(iso || "");
  if (!m) return iso || "";
  return (
    [m[1] && `${m[1]} h`, m[2] && `${m[2]} min`, m[3] && `${m[3]} s`].filter(Boolean).join(" ") ||
    "0"
  );
}

function renderAgreements(p) {
  const agreements = [...p.k.agreements.values()].sort((a, b) =>
    a.id.localeCompare(b.id, undefined, { numeric: true }),
  );
  const list = $("agreement-list");
  const sig =
    agreements.map((a) => `${a.id}:${a.version}:${a.suspended}`).join(",") +
    Math.floor(p.at / 60000);
  if (list.dataset.sig === sig) return;
  list.dataset.sig = sig;
  replace(
    list,
    agreements.length
      ? agreements.map((a) =>
          h(
            "li",
            { class: `agreement${a.suspended ? " suspended" : ""}` },
            h(
              "div",
              { class: "what" },
              `${a.parties.map((x) => x.toUpperCase()).join(" – ")} · ${a.id} v${a.version}${a.suspended ? " · SUSPENDED" : ""}${ms(a.effectiveFrom) > p.at ? ` · from ${time.utc(a.effectiveFrom)}` : ""}`,
            ),
            h(
              "div",
              { class: "when" },
              `separation ${a.separationMeters} m · notice ${duration(a.minimumNotice)} (emergency ${duration(a.emergencyNotice)}) · acknowledge within ${duration(a.acknowledgeWithin)}, then ${a.escalation.map(duration).join(", ")}`,
            ),
            h(
              "div",
              { class: "when" },
              `shares: ${Object.entries(a.sharing)
                .map(([party, what]) => `${party.toUpperCase()} ${what}`)
                .join(", ")}`,
            ),
          ),
        )
      : h(
          "li",
          { class: "empty" },
          "No agreement: the defaults apply, and no party sees another's items.",
        ),
  );
}

function renderPlans(p) {
  renderAgreements(p);
  const items = [...p.items].sort(
    (a, b) =>
      (a.party === state.me.party ? 0 : 1) - (b.party === state.me.party ? 0 : 1) ||
      String(a.party).localeCompare(b.party) ||
      a.kind.localeCompare(b.kind) ||
      a.id.localeCompare(b.id),
  );
  const sig = items.map((i) => `${i.party}:${i.id}:${i.version}`).join(",") + state.zone;
  const list = $("plan-list");
  if (list.dataset.sig === sig) return;
  list.dataset.sig = sig;
  replace(
    list,
    items.length
      ? items.map((i) => {
          const props = (i.feature && i.feature.properties) || {};
          const times = props.times || [];
          return h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: "plan-row",
                dataset: { key: `${i.party}:${i.kind}:${i.id}` },
                onclick: () => state.map.fitItems([i]),
              },
              h(
                "span",
                { class: "what" },
                `${String(i.party).toUpperCase()} ${i.kind} ${props.name || i.id}${i.late ? " (late notice)" : ""}`,
              ),
              times.length
                ? h(
                    "span",
                    { class: "when" },
                    `${time.utc(times[0])} → ${time.utc(times[times.length - 1])}`,
                  )
                : null,
            ),
          );
        })
      : h("li", { class: "empty" }, isOperator() ? "Operators see no items." : "Nothing notified."),
  );
}

// time slider ---------------------------------------------------------------------------------

function setupTimebar() {
  const slider = $("slider");
  slider.addEventListener("input", () => {
    state.live = false;
    state.at = Number(slider.value);
    state.form = null;
    schedule();
  });
  $("live").addEventListener("click", goLive);
}

function goLive() {
  state.live = true;
  pollTracks();
  schedule();
}

function renderSlider() {
  const slider = $("slider");
  const first = state.facts.length ? ms(state.facts[0].time) : state.now - HISTORY_BEFORE;
  const min = Math.min(first, state.now - HISTORY_BEFORE);
  slider.min = String(Math.floor(min / 60000) * 60000);
  slider.max = String(Math.ceil((state.now + HISTORY_AFTER) / 60000) * 60000);
  const at = viewAt();
  if (document.activeElement !== slider || state.live) slider.value = String(at);
  $("live").setAttribute("aria-pressed", String(state.live));
  const label = `${fmt(new Date(at).toISOString())}${state.live ? " · live" : at > state.now ? " · planned positions; knowledge as of now" : ""}`;
  $("slider-label").textContent = label;
  slider.setAttribute("aria-valuetext", label);
}

function step(minutes) {
  state.at = viewAt() + minutes * 60000;
  state.live = false;
  schedule();
}

// tabs, keys, toasts --------------------------------------------------------------------------

function setupTabs() {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => switchTab(tab.dataset.tab));
    tab.addEventListener("keydown", (e) => {
      const tabs = [...document.querySelectorAll("[role=tab]")];
      const i = tabs.indexOf(tab);
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
        switchTab(next.dataset.tab);
        next.focus();
        e.preventDefault();
      }
    });
  }
}

function switchTab(name) {
  state.tab = name;
  for (const tab of document.querySelectorAll("[role=tab]")) {
    const on = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`panel-${tab.dataset.tab}`).hidden = !on;
  }
}

function setupKeys() {
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      if (state.map.picking) {
        state.map.picking = null;
        $("map").classList.remove("picking");
      } else if (state.form) {
        closeForm();
      }
      return;
    }
    const target = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    const p = picture();
    const alerts = inboxAlerts(p);
    const current = p.k.alerts.get(state.selected);
    const moveTo = (delta) => {
      if (!alerts.length) return;
      const i = alerts.findIndex((a) => a.id === state.selected);
      const next = alerts[i < 0 ? 0 : Math.max(0, Math.min(alerts.length - 1, i + delta))];
      selectAlert(next.id, true);
      requestAnimationFrame(() => {
        const row = document.querySelector(`#alert-list [data-key="${CSS.escape(next.id)}"]`);
        if (row) row.focus();
      });
    };
    const keys = {
      1: () => switchTab("inbox"),
      2: () => switchTab("hotline"),
      3: () => switchTab("incidents"),
      4: () => switchTab("plans"),
      j: () => moveTo(1),
      k: () => moveTo(-1),
      a: () => current && openAcknowledge(current),
      d: () => current && openDeconflict(current),
      m: () => current && current.location && state.map.focus(current.location, 12),
      t: () => current && openThread(`conflict:${current.conflictId}`),
      l: goLive,
      "[": () => step(-10),
      "]": () => step(10),
      "?": () => $("help").showModal(),
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  });
}

function toast(text) {
  let box = $("toasts");
  if (!box) {
    box = h("div", { id: "toasts", class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(box);
  }
  const t = h("div", { class: "toast" }, text);
  box.append(t);
  setTimeout(() => t.remove(), 6000);
}

function report(e) {
  toast(e instanceof Error ? e.message : String(e));
}

boot();
