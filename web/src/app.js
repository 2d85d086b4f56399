// The web map's composition root: sign-in, the page's store with its declared fields, the panels
// (one module each), and the render loop that redraws them once per animation frame after any
// change. Everything shown comes from the service's API as this member may see it; nothing is
// fetched for another party. What the panels show is derived in knowledge.js.

import { Api, ApiError } from "./api.js";
import { foldMore, fromPicture, knownAt, pictureAt } from "./knowledge.js";
import * as time from "./time.js";
import { MapView } from "./map.js";
import { toast } from "./dom.js";
import { createStore } from "./store.js";
import { ALERTS_AT_SIGN_IN, startFeed } from "./feed.js";
import * as header from "./header.js";
import * as inbox from "./inbox.js";
import * as hotline from "./hotline.js";
import * as incidents from "./incidents.js";
import * as plans from "./plans.js";
import * as timebar from "./timebar.js";
import * as situation from "./situation.js";
import * as tabs from "./tabs.js";
import * as keys from "./keys.js";
import * as review from "./review.js";

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = "deconflict.token";

/** The page's state: every field it has, declared here (the store refuses any other). */
function initialState() {
  return {
    me: null, // GET /me: member, party, role, language
    parties: [], // GET /parties
    vocabulary: null, // GET /hotline/vocabulary
    lang: "en", // the language coded hotline messages are shown in
    zone: header.savedZone(), // the local time zone
    base: null, // the sign-in picture's fold (GET /picture): what was told up to its position
    first: null, // ms: when the first fact was told (the slider's start), null if none
    facts: [], // every fact the event stream told after the picture's position, in journal order
    history: null, // looking back: { at, k } the service's fold of what was told by then
    streamState: "connecting", // connecting, connected, reconnecting, unauthorized
    signedInAt: null, // ms: facts after it are news (notices); null while catching up
    now: Date.now(), // the service's clock, ms
    live: true, // the view time is now
    at: 0, // the view time when not live, ms
    visibleItems: [], // GET /movements|sites|zones?scope=visible
    tracks: [], // GET /tracks?scope=visible (live only)
    threads: [], // hotline threads, in the order shown
    thread: "", // the thread shown
    tab: "inbox", // the panel shown
    filter: "open", // inbox: open or all
    selected: "", // the alert selected in the inbox
    incident: "", // the incident selected
    form: null, // the inbox form open: { alert, kind: "acknowledge" | "deconflict" }
    review: null, // the weekly review shown: { agreement, week }, null while the map is shown
  };
}

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
  let me;
  try {
    me = await api.get("/me");
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY);
    showSignIn(e instanceof ApiError && e.status === 401 ? "That token is not valid." : e.message);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  const ctx = context(createStore(initialState()), api);
  ctx.store.update({ me, lang: me.language || "en" });
  $("signin").hidden = true;
  $("app").hidden = false;
  $("token").value = "";
  try {
    await start(ctx);
  } catch (e) {
    ctx.report(e);
  }
}

/** Whether `list` begins with every element of `prefix` (checked at its last element: both are
 * the store's fact lists, which only ever grow by copies with more at the end). */
function startsWith(list, prefix) {
  if (!prefix) return false;
  if (prefix.length > list.length) return false;
  return prefix.length === 0 || list[prefix.length - 1] === prefix[prefix.length - 1];
}

/** What every panel is handed: the store, the API, the map, and the derivations they share. */
function context(store, api) {
  let folded = { facts: null, base: undefined, k: null }; // undefined: no base seen yet
  let scheduled = false;
  let asked = NaN; // the view time whose history was last asked for
  let timer = null;
  /** Asks the service what was told by `at` (debounced): the slider's history. */
  function askHistory(at) {
    if (asked === at) return;
    asked = at;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const iso = new Date(at).toISOString().replace("Z", "999999Z"); // all of that millisecond
      const lang = encodeURIComponent(store.get().lang);
      try {
        const p = await api.get(`/picture?at=${iso}&lang=${lang}&alerts=${ALERTS_AT_SIGN_IN}`);
        if (asked === at) store.update({ history: { at, k: fromPicture(p) } });
      } catch (e) {
        ctx.report(e);
      }
    }, 120);
  }
  const ctx = {
    store,
    api,
    map: null,
    feed: null,
    // the base map's data, shared by the main map and the review's small map
    baseMap: { countries: Promise.resolve(null), layers: [] },
    viewAt: () => (store.get().live ? store.get().now : store.get().at),
    fmt: (instant) => time.both(instant, store.get().zone),
    canAct: () => ["officer", "commander"].includes(store.get().me?.role),
    isOperator: () => store.get().me?.role === "operator",
    /**
     * What the member knew at the view time: live, the sign-in picture with the facts since
     * (folded once per change of the facts); looking back, the service's fold of what was told by
     * then (asked for, and shown once it arrives; the last answer meanwhile).
     */
    picture() {
      const s = store.get();
      const at = ctx.viewAt();
      if (folded.base !== s.base) {
        // a new sign-in picture: folded in place, no copy (copying 245,000 alerts took 0.47 s of a
        // 30,000-unit sign-in). Nothing else reads the base, and each base is folded once: the
        // feed sets a new one with an empty fact list, which then only grows at its end.
        folded = { facts: s.facts, base: s.base, k: foldMore(s.base || knownAt([]), s.facts) };
      } else if (!startsWith(s.facts, folded.facts)) {
        // cannot happen (see above); were it to, the base is folded already: sign in again
        folded = { facts: s.facts, base: s.base, k: folded.k };
        ctx.feed.signIn().catch(ctx.report);
      } else if (folded.facts !== s.facts) {
        // the stream only ever adds facts: fold the new ones into the picture already folded
        foldMore(folded.k, s.facts.slice(folded.facts.length));
        folded = { facts: s.facts, base: s.base, k: folded.k };
      }
      let k = folded.k;
      if (!s.live && at <= s.now) {
        askHistory(at);
        if (s.history) k = s.history.k;
      } else {
        asked = NaN;
      }
      const { live, visibleItems, tracks } = s;
      return pictureAt({ live, at, party: s.me.party, visibleItems, tracks }, k);
    },
    schedule() {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        render(ctx);
      });
    },
    signOut() {
      sessionStorage.removeItem(TOKEN_KEY);
      if (ctx.feed) ctx.feed.stop();
      location.reload();
    },
    toast,
    report: (e) => toast(e instanceof Error ? e.message : String(e)),
  };
  return ctx;
}

async function start(ctx) {
  const [parties, vocabulary, threads, layers] = await Promise.all([
    ctx.api.get("/parties"),
    ctx.api.get("/hotline/vocabulary"),
    ctx.api.get("/hotline/threads"),
    ctx.api.get("/map/layers"),
  ]);
  ctx.store.update({
    parties: parties.parties,
    vocabulary,
    threads: threads.threads,
    thread: threads.threads[0] || "",
  });
  ctx.feed = startFeed(ctx);
  header.setup(ctx);
  ctx.map = new MapView($("map"), {
    onSelectAlert: (id) => inbox.selectAlert(ctx, id, true),
  });
  ctx.map.setParties(ctx.store.get().parties, ctx.store.get().me.party);
  ctx.baseMap.countries = fetch("vendor/countries-50m.json")
    .then((r) => r.json())
    .catch(() => null);
  ctx.baseMap.countries.then((topology) => topology && ctx.map.drawCountries(topology));
  for (const layer of layers.layers) {
    ctx.api.get(`/map/layers/${encodeURIComponent(layer.id)}`).then((g) => {
      ctx.baseMap.layers.push(g);
      ctx.map.drawBaseLayer(g);
    });
  }
  tabs.setup(ctx);
  inbox.setup(ctx);
  hotline.setup(ctx);
  incidents.setup(ctx);
  timebar.setup(ctx);
  keys.setup(ctx);
  review.setup(ctx);
  ctx.store.subscribe(() => ctx.schedule());
  // the picture and the tracks are the largest answers: asked at once, in parallel; the picture is
  // applied (and the stream followed) once the clock says when the member signed in
  const picture = ctx.feed.askPicture();
  picture.catch(() => {}); // reported by signIn below
  await ctx.feed.pollAll();
  ctx.store.update({ signedInAt: ctx.store.get().now });
  ctx.feed.every();
  await ctx.feed.signIn(picture);
  const s = ctx.store.get();
  if (s.visibleItems.length) {
    ctx.map.fitItems(s.visibleItems.filter((i) => i.kind !== "zone" || i.party === s.me.party));
  }
  ctx.schedule();
}

function render(ctx) {
  const s = ctx.store.get();
  const p = ctx.picture();
  header.render(ctx, s, p);
  inbox.render(ctx, s, p);
  hotline.render(ctx, s, p);
  incidents.render(ctx, s, p);
  plans.render(ctx, s, p);
  timebar.render(ctx, s);
  situation.render(ctx, s, p);
}

boot();
