// Plans: the party's agreements as they stood at the view time, then every item the party sees,
// its own first; selecting an item frames it on the map. A site or zone that must be reconfirmed
// says by when, or since when it lapsed; its owner's officers get a button to reconfirm it (D36).

import * as time from "./time.js";
import { h, replace } from "./dom.js";
import { ms, planOrder } from "./knowledge.js";
import { bandText, duration, jointText } from "./words.js";
import * as review from "./review.js";

const $ = (id) => document.getElementById(id);

export function render(ctx, s, p) {
  renderAgreements(ctx, p);
  const items = planOrder(p.items, s.me.party);
  const sig =
    items
      .map(
        (i) =>
          `${i.party}:${i.id}:${i.version}:${i.confirmedAt}:${i.reconfirmDue}:${i.lapsedSince}:${i.joint ? JSON.stringify(i.joint) : ""}`,
      )
      .join(",") + s.zone;
  const list = $("plan-list");
  if (list.dataset.sig === sig) return;
  list.dataset.sig = sig;
  replace(
    list,
    items.length
      ? items.map((i) => {
          const props = (i.feature && i.feature.properties) || {};
          const times = props.times || [];
          const own = i.party === s.me.party;
          return h(
            "li",
            { class: i.lapsed ? "lapsed" : i.reconfirmDue ? "due" : "" },
            h(
              "button",
              {
                type: "button",
                class: "plan-row",
                dataset: { key: `${i.party}:${i.kind}:${i.id}` },
                onclick: () => ctx.map.fitItems([i]),
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
              standing(ctx, i),
              bandText(props) ? h("span", { class: "band" }, `✈ ${bandText(props)}`) : null,
              jointText(i.joint) ? h("span", { class: "joint" }, jointText(i.joint)) : null,
            ),
            ...answers(ctx, s, i),
            own && ctx.canAct() && (i.lapsed || i.reconfirmDue)
              ? h(
                  "button",
                  {
                    type: "button",
                    class: "reconfirm",
                    dataset: { key: `${i.kind}:${i.id}` },
                    onclick: () => reconfirm(ctx, i),
                  },
                  `Reconfirm ${i.kind} ${i.id}`,
                )
              : null,
          );
        })
      : h(
          "li",
          { class: "empty" },
          ctx.isOperator() ? "Operators see no items." : "Nothing notified.",
        ),
  );
}

/**
 * A participant's buttons to accept or decline another party's joint movement (D39), while its
 * answer for the current version is pending; none for anyone else.
 */
function answers(ctx, s, i) {
  const mine = i.joint && (i.joint.participants || []).find((p) => p.party === s.me.party);
  if (!mine || mine.participation !== "pending" || !ctx.canAct()) return [];
  return ["accept", "decline"].map((decision) =>
    h(
      "button",
      {
        type: "button",
        class: `participation ${decision}`,
        dataset: { key: `${i.party}:${i.id}` },
        onclick: () => answer(ctx, i, decision),
      },
      `${decision === "accept" ? "Accept" : "Decline"} joint ${i.id}`,
    ),
  );
}

async function answer(ctx, i, decision) {
  try {
    const r = await ctx.api.post(`/movements/${encodeURIComponent(i.id)}/participation`, {
      party: i.party,
      decision,
      version: i.version,
    });
    ctx.toast(`joint movement ${i.id}: ${decision}ed; it is ${r.status}`);
  } catch (e) {
    ctx.toast(`joint movement ${i.id}: ${e.message}`);
  }
}

/** Where a site or zone stands under reconfirmation, if an agreement asks for it or it lapsed. */
function standing(ctx, i) {
  if (i.lapsed) {
    return h("span", { class: "lapsed-since" }, `LAPSED since ${ctx.fmt(i.lapsedSince)}`);
  }
  if (i.reconfirmBy) {
    return h(
      "span",
      { class: i.reconfirmDue ? "reconfirm-due" : "when" },
      `reconfirm by ${ctx.fmt(i.reconfirmBy)}`,
    );
  }
  return null;
}

async function reconfirm(ctx, i) {
  try {
    const r = await ctx.api.post(`/${i.kind}s/${encodeURIComponent(i.id)}/reconfirm`, {});
    ctx.toast(
      `${i.kind} ${i.id} reconfirmed${r.reconfirmBy ? `; next by ${ctx.fmt(r.reconfirmBy)}` : ""}`,
    );
    await ctx.feed.pollAll();
  } catch (e) {
    ctx.report(e);
  }
}

function renderAgreements(ctx, p) {
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
              `separation ${a.separationMeters} m${a.verticalSeparationMeters ? `, ${a.verticalSeparationMeters} m vertically` : ""} · notice ${duration(a.minimumNotice)} (emergency ${duration(a.emergencyNotice)}) · acknowledge within ${duration(a.acknowledgeWithin)}, then ${a.escalation.map(duration).join(", ")}${a.reconfirmEvery ? ` · sites and zones reconfirmed every ${duration(a.reconfirmEvery)} (warned ${duration(a.reconfirmWarnBefore)} before)` : ""}`,
            ),
            h(
              "div",
              { class: "when" },
              `shares: ${Object.entries(a.sharing)
                .map(([party, what]) => `${party.toUpperCase()} ${what}`)
                .join(", ")}`,
            ),
            h(
              "button",
              {
                type: "button",
                class: "review-open",
                "data-key": `review-${a.id}`,
                onclick: () => review.open(ctx, a.id),
              },
              "Weekly review",
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
