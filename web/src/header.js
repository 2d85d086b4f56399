// The top bar: who is signed in, the service's clock in UTC and local time, the stream's state,
// the language of coded hotline messages, the local time zone (remembered), help and sign-out;
// and the banner shown while looking back in time.

import * as time from "./time.js";
import { h } from "./dom.js";

const $ = (id) => document.getElementById(id);
const ZONE_KEY = "deconflict.zone";
const ZONES = [
  "UTC",
  "Asia/Damascus",
  "Europe/Istanbul",
  "Europe/Moscow",
  "Asia/Baghdad",
  "America/New_York",
  "Europe/Berlin",
];

/** The local time zone: the one chosen before in this browser, else the browser's. */
export function savedZone() {
  return (
    localStorage.getItem(ZONE_KEY) || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"
  );
}

function languageName(tag) {
  return { en: "English", ru: "Русский", ar: "العربية", tr: "Türkçe" }[tag] || tag;
}

export function setup(ctx) {
  const { store } = ctx;
  const s = store.get();
  const party = s.parties.find((p) => p.id === s.me.party);
  $("who").textContent = `${party ? party.name : s.me.party} · ${s.me.name} (${s.me.role})`;
  $("who").title = `member ${s.me.member}, party ${s.me.party}`;
  const lang = $("lang");
  for (const l of s.vocabulary.languages) {
    lang.append(h("option", { value: l.tag, selected: l.tag === s.lang }, languageName(l.tag)));
  }
  lang.addEventListener("change", () => {
    // the picture in the new language is not news
    store.update({ lang: lang.value, signedInAt: store.get().now });
    ctx.feed.signIn().catch(ctx.report);
  });
  const zone = $("zone");
  const zones = new Set([s.zone, ...ZONES]);
  for (const z of Intl.supportedValuesOf ? Intl.supportedValuesOf("timeZone") : []) zones.add(z);
  for (const z of zones) zone.append(h("option", { value: z, selected: z === s.zone }, z));
  zone.addEventListener("change", () => {
    localStorage.setItem(ZONE_KEY, zone.value);
    store.update({ zone: zone.value });
  });
  $("signout").addEventListener("click", ctx.signOut);
  $("help-button").addEventListener("click", () => $("help").showModal());
}

export function render(ctx, s, p) {
  const now = new Date(s.now).toISOString();
  $("clock").textContent = `${time.utc(now, true)} · ${time.local(now, s.zone, true)}`;
  const stream = $("stream");
  stream.className = `stream ${s.streamState}`;
  stream.textContent =
    s.streamState === "connected"
      ? "● live"
      : s.streamState === "reconnecting"
        ? "● reconnecting…"
        : "● connecting…";
  const banner = $("history-banner");
  banner.hidden = s.live;
  if (!s.live) {
    banner.textContent = `Looking back: what ${s.me.party.toUpperCase()} knew at ${ctx.fmt(new Date(p.at).toISOString())}. Actions are off; press Live (l) to act.`;
  }
}
