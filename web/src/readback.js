// The inbox's forms: the read-back that acknowledges an alert (seen, not approved) and marking
// an alert deconflicted.

import * as time from "./time.js";
import { h, replace } from "./dom.js";
import { pickButton } from "./situation.js";

const $ = (id) => document.getElementById(id);

/** Opens the read-back that acknowledges alert `a` (officers and commanders, live only). */
export function openAcknowledge(ctx, a) {
  if (!ctx.store.get().live || !ctx.canAct() || a.state !== "open") return;
  ctx.store.update({ form: { alert: a.id, kind: "acknowledge" } });
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
      pickButton(ctx, place, (pl) => ctx.map.showPicked(pl), "rb-pick"),
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
      h("button", { type: "button", onclick: () => closeForm(ctx) }, "Cancel"),
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
      await ctx.api.post(`/alerts/${encodeURIComponent(a.id)}/acknowledge`, {
        readBack: { start: s, end: en, place: pl },
      });
      ctx.map.showPicked(null);
      closeForm(ctx);
      ctx.toast(`${a.conflictId} acknowledged: seen, not approved`);
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

/** Opens the form that marks alert `a` deconflicted, with a note on how. */
export function openDeconflict(ctx, a) {
  if (!ctx.store.get().live || !ctx.canAct() || a.state === "resolved") return;
  ctx.store.update({ form: { alert: a.id, kind: "deconflict" } });
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
      h("button", { type: "button", onclick: () => closeForm(ctx) }, "Cancel"),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await ctx.api.post(`/alerts/${encodeURIComponent(a.id)}/deconflict`, { note: note.value });
      closeForm(ctx);
    } catch (err) {
      error.textContent = err.message;
    }
  });
  replace($("alert-detail"), form);
  note.focus();
}

/** Closes the inbox form and puts the focus back on the selected alert. */
export function closeForm(ctx) {
  const { selected } = ctx.store.get();
  ctx.store.update({ form: null });
  ctx.map.showPicked(null);
  $("alert-detail").replaceChildren();
  ctx.schedule();
  const row = document.querySelector(`#alert-list [data-key="${CSS.escape(selected)}"]`);
  requestAnimationFrame(() =>
    (
      document.querySelector(`#alert-list [data-key="${CSS.escape(selected)}"]`) ||
      row ||
      $("alert-list")
    ).focus(),
  );
}
