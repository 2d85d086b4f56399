// The map glue: what the map draws at the view time (items, tracks, alerts, incidents, the
// affiliation of each party's units), redrawn only when that changed so an open tooltip survives
// the clock's ticks; and the "Pick on map" buttons of the forms.

import * as time from "./time.js";
import { h } from "./dom.js";
import { ms } from "./knowledge.js";
import { partnersOf } from "./symbols.js";

export function render(ctx, s, p) {
  const alerts = [...p.k.alerts.values()].filter(
    (a) => s.filter === "all" || a.state !== "resolved" || a.id === s.selected,
  );
  const signature = [
    p.items.map((i) => `${i.party}:${i.kind}:${i.id}:${i.version}`).join(","),
    p.tracks.map((t) => `${t.unit}@${t.time}`).join(","),
    alerts.map((a) => `${a.id}:${a.state}`).join(","),
    [...p.k.incidents.values()].map((i) => `${i.id}:${i.version}`).join(","),
    [...p.k.agreements.values()].map((a) => `${a.id}:${a.version}:${a.suspended}`).join(","),
    Math.floor(p.at / 60000),
    s.selected,
    s.zone,
    s.live,
  ].join("|");
  const map = document.getElementById("map");
  if (map.dataset.sig === signature) return;
  map.dataset.sig = signature;
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
