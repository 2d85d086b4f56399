// The time slider: from a day before the first fact the member was told to a day after now.
// Moving it shows what the party knew at that moment, as the service folds it (GET /picture?at=);
// Live (or l) returns to now.

import { sliderRange } from "./knowledge.js";

const $ = (id) => document.getElementById(id);

export function setup(ctx) {
  const slider = $("slider");
  slider.addEventListener("input", () => {
    ctx.store.update({ live: false, at: Number(slider.value), form: null });
  });
  $("live").addEventListener("click", () => goLive(ctx));
}

/** Back to now: actions on again, live tracks polled at once. */
export function goLive(ctx) {
  ctx.store.update({ live: true });
  ctx.feed.pollTracks();
  ctx.schedule();
}

/** Moves the view time by `minutes` (negative: back). */
export function step(ctx, minutes) {
  ctx.store.update({ at: ctx.viewAt() + minutes * 60000, live: false });
}

export function render(ctx, s) {
  const slider = $("slider");
  const { min, max } = sliderRange(s.first, s.now);
  slider.min = String(min);
  slider.max = String(max);
  const at = ctx.viewAt();
  if (document.activeElement !== slider || s.live) slider.value = String(at);
  $("live").setAttribute("aria-pressed", String(s.live));
  const label = `${ctx.fmt(new Date(at).toISOString())}${s.live ? " · live" : at > s.now ? " · planned positions; knowledge as of now" : ""}`;
  $("slider-label").textContent = label;
  slider.setAttribute("aria-valuetext", label);
}
