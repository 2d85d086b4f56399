// The keyboard: 1-4 the tabs, j / k the next / previous alert, a acknowledge, d mark
// deconflicted, m show on the map, t the alert's hotline thread, l live, [ ] the time slider, ?
// help, Esc closes a form or stops picking a place. Keys do nothing in a text field.

import { inboxAlerts } from "./knowledge.js";
import { selectAlert } from "./inbox.js";
import { openAcknowledge, openDeconflict, closeForm } from "./readback.js";
import { openThread } from "./hotline.js";
import { goLive, step } from "./timebar.js";
import { switchTab } from "./tabs.js";

const $ = (id) => document.getElementById(id);

export function setup(ctx) {
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      if (ctx.map.picking) {
        ctx.map.picking = null;
        $("map").classList.remove("picking");
      } else if (ctx.store.get().form) {
        closeForm(ctx);
      }
      return;
    }
    const target = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    const s = ctx.store.get();
    const p = ctx.picture();
    const alerts = inboxAlerts(p.k, s.filter);
    const current = p.k.alerts.get(s.selected);
    const moveTo = (delta) => {
      if (!alerts.length) return;
      const i = alerts.findIndex((a) => a.id === s.selected);
      const next = alerts[i < 0 ? 0 : Math.max(0, Math.min(alerts.length - 1, i + delta))];
      selectAlert(ctx, next.id, true);
      requestAnimationFrame(() => {
        const row = document.querySelector(`#alert-list [data-key="${CSS.escape(next.id)}"]`);
        if (row) row.focus();
      });
    };
    const keys = {
      1: () => switchTab(ctx, "inbox"),
      2: () => switchTab(ctx, "hotline"),
      3: () => switchTab(ctx, "incidents"),
      4: () => switchTab(ctx, "plans"),
      j: () => moveTo(1),
      k: () => moveTo(-1),
      a: () => current && openAcknowledge(ctx, current),
      d: () => current && openDeconflict(ctx, current),
      m: () => current && current.location && ctx.map.focus(current.location, 12),
      t: () => current && openThread(ctx, `conflict:${current.conflictId}`),
      l: () => goLive(ctx),
      "[": () => step(ctx, -10),
      "]": () => step(ctx, 10),
      "?": () => $("help").showModal(),
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  });
}
