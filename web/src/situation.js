// The map glue: what the map draws at the view time (items, tracks, alerts, incidents, the
// affiliation of each party's units), redrawn only when that changed so an open tooltip survives
// the clock's ticks; and the "Pick on map" buttons of the forms.

import * as time from "./time.js";
import { h } from "./dom.js";
import { ms } from "./knowledge.js";
import { partnersOf } from "./symbols.js";

let drawnSignature = "";

/** Two 32-bit FNV-1a hashes of the strings added (with a separator after each), in hex. */
class Hash {
  constructor() {
    this.a = 0x811c9dc5;
    this.b = 0x01000193;
  }
  add(text) {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    this.a = Math.imul(a ^ 0x1f, 0x01000193);
    this.b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    return this;
  }
  value() {
    return `${(this.a >>> 0).toString(16)}${(this.b >>> 0).toString(16)}`;
  }
}

export function render(ctx, s, p) {
  // the alerts loaded (a picture bounded by ?alerts= names the others without a place)
  const alerts = [...p.k.alerts.values()].filter(
    (a) => !a.leftOut && (s.filter === "all" || a.state !== "resolved" || a.id === s.selected),
  );
  // a hash of what is drawn, not the text of it: at 30,000 units that text is megabytes
  const h = new Hash();
  // a joint movement's status (D39) changes its route's class and label, not its version
  for (const i of p.items)
    h.add(i.party)
      .add(i.kind)
      .add(i.id)
      .add(String(i.version))
      .add(i.joint ? i.joint.status : "");
  for (const t of p.tracks) h.add(t.unit).add(t.time);
  for (const a of alerts) h.add(a.id).add(a.state);
  for (const i of p.k.incidents.values()) h.add(i.id).add(String(i.version));
  for (const a of p.k.agreements.values())
    h.add(a.id).add(String(a.version)).add(String(a.suspended));
  h.add(String(Math.floor(p.at / 60000)))
    .add(String(s.selected))
    .add(String(s.zone));
  h.add(String(s.live)).add(String(p.items.length)).add(String(p.tracks.length));
  const signature = h.value();
  if (drawnSignature === signature) return;
  drawnSignature = signature;
  const started = performance.now();
  ctx.map.drawSituation({
    items: p.items,
    tracks: p.tracks,
    alerts,
    incidents: [...p.k.incidents.values()],
    partners: partnersOf(
      s.me.party,
      [...p.k.agreements.values()].filter((a) => ms(a.effectiveFrom) <= p.at),
    ),
    at: p.at,
    live: s.live,
    fmt: ctx.fmt,
    selected: s.selected,
  });
  // for the sign-in benchmark (docs/web.md): how long each redraw took, and what it drew
  performance.measure("deconflict:draw", {
    start: started,
    detail: { units: p.tracks.length, alerts: alerts.length, items: p.items.length },
  });
}

/** A "Pick on map" button: the next click on the map fills `input` (latitude, longitude). */
export function pickButton(ctx, input, then = () => {}, id = undefined) {
  return h(
    "button",
    {
      type: "button",
      id,
      title: "Then click the place on the map (Esc cancels)",
      onclick: () =>
        ctx.map.pick((pl) => {
          input.value = time.placeInput(pl);
          then(pl);
          input.focus();
        }),
    },
    "Pick on map",
  );
}
