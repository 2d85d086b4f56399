// The inbox: the party's alerts (open ones first, newest first), the selected alert's details with
// its actions, or the situation at the view time when none is selected.

import * as time from "./time.js";
import { h, replace } from "./dom.js";
import { alertsLeftOut, inboxAlerts, situation } from "./knowledge.js";
import { kindName, otherParty, ladder, formationUnits, linkedStory } from "./words.js";
import { openAcknowledge, openDeconflict } from "./readback.js";
import { proposalsBox } from "./proposals.js";
import { openThread } from "./hotline.js";
import { switchTab } from "./tabs.js";

const $ = (id) => document.getElementById(id);

export function setup(ctx) {
  $("filter-open").addEventListener("click", () => setFilter(ctx, "open"));
  $("filter-all").addEventListener("click", () => setFilter(ctx, "all"));
}

function setFilter(ctx, f) {
  ctx.store.update({ filter: f });
  $("filter-open").setAttribute("aria-pressed", String(f === "open"));
  $("filter-all").setAttribute("aria-pressed", String(f === "all"));
}

export function render(ctx, s, p) {
  const alerts = inboxAlerts(p.k, s.filter);
  const open = [...p.k.alerts.values()].filter((a) => a.state === "open").length;
  const more = alertsLeftOut(p.k, s.filter);
  const sig = `${alerts.map((a) => `${a.id}:${a.state}:${a.level}:${a.live ? a.live.level : ""}`).join(",")}|${s.selected}|${Math.floor(p.at / 60000)}|${more}`;
  if ($("alert-list").dataset.sig === sig) {
    renderAlertDetail(ctx, s, p);
    return;
  }
  $("alert-list").dataset.sig = sig;
  $("open-count").textContent = open ? String(open) : "";
  document.title = `${open ? `(${open}) ` : ""}deconflict · ${s.me.party.toUpperCase()}`;
  $("open-count").setAttribute("aria-label", `${open} open`);
  replace(
    $("alert-list"),
    alerts.length
      ? alerts.map((a) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: `alert-row state-${a.state} level-${a.level}${a.id === s.selected ? " selected" : ""}`,
                "aria-current": a.id === s.selected ? "true" : false,
                dataset: { key: a.id },
                onclick: () => selectAlert(ctx, a.id, true),
              },
              h(
                "span",
                { class: "level", title: `level ${a.level}` },
                a.state === "open" ? `L${a.level}` : a.state === "acknowledged" ? "ACK" : "✓",
              ),
              h(
                "span",
                { class: "what" },
                [a.conflictId, kindName(a.kind), otherParty(a)].filter(Boolean).join(" · "),
              ),
              h(
                "span",
                { class: "when" },
                `${time.utc(a.start)} · ${time.relative(a.start, p.at)}`,
              ),
              a.live && a.live.level
                ? h("span", { class: `live-level ${a.live.level}` }, a.live.level)
                : null,
            ),
          ),
        )
      : more
        ? []
        : h("li", { class: "empty" }, s.filter === "open" ? "No open alerts." : "No alerts."),
  );
  if (more) {
    // the sign-in loaded the first alerts of this order only; the rest are counted, not listed
    $("alert-list").append(
      h(
        "li",
        { class: "more" },
        `${more.toLocaleString("en")} more ${more === 1 ? "alert" : "alerts"} not loaded. `,
        h(
          "button",
          {
            type: "button",
            id: "more-alerts",
            onclick: () => ctx.feed.moreAlerts().catch(ctx.report),
          },
          "Load more",
        ),
      ),
    );
  }
  renderAlertDetail(ctx, s, p);
}

/** Selects an alert in the inbox (and frames it on the map if `focusMap`). */
export function selectAlert(ctx, id, focusMap) {
  ctx.store.update({ selected: id, form: null });
  switchTab(ctx, "inbox");
  const a = ctx.picture().k.alerts.get(id);
  if (a && focusMap && a.location) ctx.map.focus(a.location);
}

function renderAlertDetail(ctx, s, p) {
  const box = $("alert-detail");
  const a = p.k.alerts.get(s.selected);
  if (!a) {
    const sig = `summary|${p.k.alerts.size}|${Math.floor(p.at / 60000)}|${s.zone}|${p.items.length}`;
    if (box.dataset.sig !== sig) {
      box.dataset.sig = sig;
      replace(box, summary(ctx, s, p));
    }
    return;
  }
  if (s.form && s.form.alert === a.id && box.querySelector("form")) {
    return; // keep the form the officer is typing in
  }
  const sig = `${JSON.stringify(a)}|${s.zone}|${s.live}|${Math.floor(s.now / 60000)}`;
  if (box.dataset.sig === sig && box.querySelector("h2")) return;
  box.dataset.sig = sig;
  const rows = [
    [
      "State",
      `${a.state}${a.overdue ? " (overdue)" : ""}${a.state === "open" ? `, level ${a.level} (${ladder(a.level)})` : ""}`,
    ],
    a.deadline
      ? ["Escalates", `${ctx.fmt(a.deadline)}, ${time.relative(a.deadline, ctx.viewAt())}`]
      : null,
    ["From", ctx.fmt(a.start)],
    ["To", ctx.fmt(a.end)],
    a.location ? ["Place", time.formatPlace(a.location)] : null,
    a.closest
      ? ["Closest", `${a.closest.distanceMeters} m at ${time.utc(a.closest.time, true)}`]
      : null,
    a.own && a.own.item ? ["Our item", a.own.item] : null,
    a.other
      ? [
          "Other",
          `${a.other.party ? a.other.party.toUpperCase() : "a party"}${a.other.item ? ` ${a.other.item}` : ""} (shares ${a.other.shares})`,
        ]
      : null,
    a.live && a.live.level
      ? [
          "Now",
          `${a.live.level}: ${Math.round(a.live.distanceNowMeters)} m apart, closest ${Math.round(a.live.distanceAtClosestMeters)} m in ${Math.round(a.live.timeToClosestSeconds / 60)} min`,
        ]
      : null,
    formationUnits(a.live) ? ["Units", formationUnits(a.live)] : null,
    a.live && a.live.closestPair
      ? [
          "Closest pair",
          `${a.live.closestPair.own}${a.live.closestPair.other ? ` and ${a.live.closestPair.other}` : ""}`,
        ]
      : null,
    a.linked ? ["Linked", linkedStory(a, (t) => time.utc(t, true))] : null,
    a.live && a.live.reason
      ? [
          "Off plan",
          `${a.live.reason}${a.live.offTrackMeters ? `, ${Math.round(a.live.offTrackMeters)} m off track` : ""}`,
        ]
      : null,
    a.acknowledged
      ? [
          "Acknowledged",
          `by ${a.acknowledged.by} at ${ctx.fmt(a.acknowledged.at)}: seen, not approved`,
        ]
      : null,
    a.deconflictedNote ? ["Our note", a.deconflictedNote] : null,
    a.resolution ? ["Resolved", a.resolution] : null,
    a.channelSuspended ? ["Channel", "the agreement was suspended when this was raised"] : null,
    a.lapsed
      ? [
          "Lapsed",
          `the site or zone was not reconfirmed in time: lapsed since ${ctx.fmt(a.lapsedSince)}; the conflict stands`,
        ]
      : null,
  ].filter(Boolean);
  const counterpart = a.counterpart.map((c) =>
    h(
      "li",
      {},
      `${c.party ? c.party.toUpperCase() : "The other party"} ${c.counterpart === "deconflicted" ? `marked it deconflicted${c.note ? `: ${c.note}` : ""}` : "acknowledged it (seen, not approved)"} at ${ctx.fmt(c.at)}`,
    ),
  );
  const acting = s.live && ctx.canAct();
  replace(
    box,
    h("h2", { id: "alert-title" }, `${a.conflictId} · ${kindName(a.kind)} ${otherParty(a)}`),
    h(
      "dl",
      { class: "facts" },
      rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
    ),
    counterpart.length
      ? h("div", {}, h("h3", {}, "The other side"), h("ul", { class: "counterpart" }, counterpart))
      : null,
    proposalsBox(ctx, a, acting),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          id: "show-on-map",
          dataset: { key: "show-on-map" },
          onclick: () => a.location && ctx.map.focus(a.location, 12),
        },
        "Show on map (m)",
      ),
      acting && a.state === "open"
        ? h(
            "button",
            {
              type: "button",
              id: "acknowledge",
              class: "primary",
              dataset: { key: "acknowledge" },
              onclick: () => openAcknowledge(ctx, a),
            },
            "Acknowledge… (a)",
          )
        : null,
      acting && a.state !== "resolved"
        ? h(
            "button",
            {
              type: "button",
              id: "deconflict",
              dataset: { key: "deconflict" },
              onclick: () => openDeconflict(ctx, a),
            },
            "Mark deconflicted… (d)",
          )
        : null,
      h(
        "button",
        {
          type: "button",
          id: "open-thread",
          dataset: { key: "open-thread" },
          onclick: () => openThread(ctx, `conflict:${a.conflictId}`),
        },
        "Hotline thread (t)",
      ),
    ),
    h("h3", {}, "History"),
    h(
      "ol",
      { class: "history" },
      a.history.map((e) =>
        h(
          "li",
          {},
          e.count > 1
            ? `${time.utc(e.time)} to ${time.utc(e.until)}: ${e.what} (${e.count} times)`
            : `${time.utc(e.time)}: ${e.what}`,
        ),
      ),
    ),
    h(
      "p",
      { class: "notice" },
      a.notice ||
        "Acknowledging an alert means it was seen. It never means the movement is approved.",
    ),
  );
}

/** What stands out when no alert is selected: counts, the next conflict, the next deadline. */
function summary(ctx, s, p) {
  const { open, coming, deadline, routes, running } = situation(p, s.me.party);
  return [
    h("h2", {}, `Situation at ${time.utc(new Date(p.at).toISOString())}`),
    h(
      "dl",
      { class: "facts summary" },
      h("dt", {}, "Open alerts"),
      h("dd", {}, String(open)),
      h("dt", {}, "Next conflict"),
      h(
        "dd",
        {},
        coming
          ? `${coming.conflictId} ${otherParty(coming)}: ${ctx.fmt(coming.start)}, ${time.relative(coming.start, p.at)}`
          : "none known",
      ),
      h("dt", {}, "Next deadline"),
      h(
        "dd",
        {},
        deadline
          ? `${deadline.conflictId} escalates ${time.relative(deadline.deadline, p.at)} (level ${deadline.level})`
          : "none",
      ),
      h("dt", {}, "Our routes"),
      h("dd", {}, `${running} running now, ${routes} notified`),
    ),
    h(
      "p",
      { class: "hint" },
      "Select an alert (j / k) to see it and read it back; ? lists the keys.",
    ),
  ];
}
