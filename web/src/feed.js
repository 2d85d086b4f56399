// What keeps the page's facts current: the sign-in picture (GET /picture: the member's stream
// folded by the service, at sign-in and again in another language), then the member's event stream
// from the picture's position, the service's clock, the visible items and the live tracks, polled.
// Facts that arrive together are added to the store together; what is news shows as a notice.

import { fromPicture, ms, notice } from "./knowledge.js";

/** Alerts the sign-in picture holds in full; the inbox offers the next as many again. */
export const ALERTS_AT_SIGN_IN = 1000;

/** Starts nothing yet; `follow`, `pollAll` and `every` do. */
export function startFeed(ctx) {
  const { store, api } = ctx;
  let stream = null;
  let lastSeq = 0;
  let pending = [];
  let alertLimit = ALERTS_AT_SIGN_IN;
  const timers = [];

  /**
   * Starts from the service's picture in the page's language (what the stream told up to its
   * position, folded; the first `alertLimit` alerts of the inbox in full, the others named with
   * their state), then follows the stream from that position: no fact twice, none missed.
   */
  async function signIn(asked = askPicture()) {
    if (stream) stream.stop();
    const p = await asked;
    performance.mark("deconflict:picture"); // for the sign-in benchmark (docs/web.md)
    store.update({
      base: fromPicture(p),
      first: p.first ? ms(p.first) : null,
      facts: [],
      history: null,
    });
    follow(p.position);
  }

  /** Asks for the picture in the page's language; `signIn` applies it. */
  function askPicture() {
    const lang = encodeURIComponent(store.get().lang);
    // no wait for the folds to reach the last commit: the stream from its position brings the rest
    return api.get(`/picture?lang=${lang}&alerts=${alertLimit}&wait=PT0S`);
  }

  function follow(after) {
    if (stream) stream.stop();
    pending = [];
    lastSeq = after;
    stream = api.follow(after, store.get().lang, onFact, (state) => {
      store.update({ streamState: state });
      if (state === "unauthorized") ctx.signOut();
    });
  }

  function onFact(fact) {
    if (fact.seq <= lastSeq) return;
    lastSeq = fact.seq;
    pending.push(fact);
    if (pending.length === 1) queueMicrotask(flush);
  }

  /** Adds the facts read so far to the store at once: one change, one redraw. */
  function flush() {
    const batch = pending;
    pending = [];
    if (!batch.length) return;
    const s = store.get();
    const threads = [...s.threads];
    const who = { party: s.me.party, signedInAt: s.signedInAt, operator: ctx.isOperator() };
    for (const fact of batch) {
      const text = notice(fact, who);
      if (text) ctx.toast(text);
      if (fact.type === "hotline.post" && !threads.includes(fact.body.thread)) {
        threads.push(fact.body.thread);
      }
    }
    store.update({
      facts: [...s.facts, ...batch],
      threads: threads.length === s.threads.length ? s.threads : threads,
    });
    // items changed: the own (item.*) or a joint movement one takes part in (movement.*, D39)
    if (batch.some((f) => f.type.startsWith("item.") || f.type.startsWith("movement.")))
      pollItems();
  }

  async function pollClock() {
    try {
      const c = await api.get("/clock");
      store.update({ now: ms(c.now) });
    } catch (e) {
      if (e.status === 401) ctx.signOut();
    }
  }

  async function pollItems() {
    try {
      const [m, s, z] = await Promise.all(
        ["movements", "sites", "zones"].map((k) => api.get(`/${k}?scope=visible`)),
      );
      store.update({ visibleItems: [...m.movements, ...s.sites, ...z.zones] });
    } catch {
      /* shown by the stream state */
    }
  }

  async function pollTracks() {
    if (!store.get().live) return;
    try {
      store.update({ tracks: (await api.get("/tracks?scope=visible")).tracks });
    } catch {
      /* kept */
    }
  }

  return {
    /** Signs in from the picture: `asked` if the page asked for it already, else asked now. */
    signIn,
    askPicture,
    /** Signs in again with the next `ALERTS_AT_SIGN_IN` alerts of the inbox in full too. */
    moreAlerts() {
      alertLimit += ALERTS_AT_SIGN_IN;
      return signIn();
    },
    follow,
    pollTracks,
    pollAll: () => Promise.all([pollClock(), pollItems(), pollTracks()]),
    /** Polls from now on: other parties' items are not pushed on the stream. */
    every() {
      timers.push(setInterval(pollClock, 1000), setInterval(pollItems, 15000));
      timers.push(setInterval(pollTracks, 3000));
    },
    stop() {
      if (stream) stream.stop();
      timers.forEach(clearInterval);
    },
  };
}
