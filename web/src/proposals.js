// Resolution proposals with a planned conflict's alert (design-decisions.md, D41): what the
// service found (the smallest delay or advance of either movement that clears everything), and
// the actions of an officer or commander: accept a shift of our own movement (the service writes
// its new version, as ours), propose theirs on the conflict's thread, or refuse their proposal.
// Nothing is shifted without one of these clicks.

import { h, replace } from "./dom.js";

const PLANNED = new Set(["movement-movement", "movement-site", "movement-zone"]);

/** The proposals box of alert `a`, filled when the service answers; null if it has none. */
export function proposalsBox(ctx, a, acting) {
  if (!PLANNED.has(a.kind) || a.state === "resolved" || ctx.isOperator()) return null;
  const box = h(
    "section",
    { id: "proposals", class: "proposals", "aria-labelledby": "proposals-title" },
    h("h3", { id: "proposals-title" }, "Proposals"),
    h("p", { class: "hint" }, "Computing…"),
  );
  load(ctx, a, acting, box);
  return box;
}

async function load(ctx, a, acting, box) {
  const title = h("h3", { id: "proposals-title" }, "Proposals");
  let p;
  try {
    p = await ctx.api.get(`/alerts/${encodeURIComponent(a.id)}/proposals`);
  } catch (err) {
    replace(
      box,
      title,
      h("p", { class: "hint" }, err.status === 404 ? "None for this alert." : err.message),
    );
    return;
  }
  const error = h("p", { class: "error", role: "alert", id: "proposal-error" });
  const thread = `conflict:${a.conflictId}`;
  const say = async (body, done) => {
    error.textContent = "";
    try {
      await ctx.api.post(`/hotline/threads/${encodeURIComponent(thread)}/messages`, body);
      ctx.toast(done);
    } catch (err) {
      error.textContent = err.message;
    }
  };
  const accept = async (body, done) => {
    error.textContent = "";
    try {
      const r = await ctx.api.post(`/alerts/${encodeURIComponent(a.id)}/proposals/accept`, body);
      ctx.toast(`${r.item} version ${r.version}: ${done}`);
    } catch (err) {
      error.textContent = err.message;
    }
  };
  const buttons = [];
  if (acting && p.yours && p.yours.delayMinutes) {
    const m = p.yours.delayMinutes;
    buttons.push(
      button("proposal-accept-delay", `Accept: delay ours by ${m} min`, "primary", () =>
        accept({ delayMinutes: m }, `delayed by ${m} min`),
      ),
    );
  }
  if (acting && p.yours && p.yours.advanceMinutes) {
    const m = p.yours.advanceMinutes;
    buttons.push(
      button("proposal-accept-advance", `Accept: start ours ${m} min earlier`, null, () =>
        accept({ advanceMinutes: m }, `advanced by ${m} min`),
      ),
    );
  }
  if (acting && p.theirs && p.theirs.delayMinutes) {
    const m = p.theirs.delayMinutes;
    buttons.push(
      button("proposal-offer", `Propose they delay by ${m} min`, null, () =>
        say({ code: "propose-delay", params: { minutes: m } }, "proposal sent"),
      ),
    );
  }
  if (acting) {
    buttons.push(
      button("proposal-refuse", "Refuse their proposal", null, () =>
        say({ code: "refuse-proposal" }, "refusal sent"),
      ),
    );
  }
  replace(
    box,
    title,
    h("p", { id: "proposal-text" }, p.text),
    buttons.length ? h("div", { class: "actions" }, buttons) : null,
    error,
    h("p", { class: "notice" }, p.notice),
  );
}

function button(id, text, cls, onclick) {
  return h("button", { type: "button", id, class: cls, dataset: { key: id }, onclick }, text);
}
