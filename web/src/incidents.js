// Incidents: the party's incidents with their sources and every party's account; recording an
// incident (kind, time, place, parties, conflict, summary) and adding the party's account.

import * as time from "./time.js";
import { h, replace } from "./dom.js";
import { ms } from "./knowledge.js";
import { kindName } from "./words.js";
import { pickButton } from "./situation.js";
import { switchTab } from "./tabs.js";

const $ = (id) => document.getElementById(id);
const KINDS = [
  "encounter",
  "standoff",
  "blocking",
  "interception",
  "collision",
  "exchange-of-fire",
  "other",
];

export function setup(ctx) {
  const button = $("new-incident");
  const { me } = ctx.store.get();
  button.hidden = !(ctx.canAct() || ctx.isOperator() || (me && me.role === "observer"));
  button.addEventListener("click", () => openIncidentForm(ctx));
}

export function render(ctx, s, p) {
  const incidents = [...p.k.incidents.values()].sort((a, b) => ms(b.time) - ms(a.time));
  const sig =
    incidents.map((i) => `${i.id}:${i.version}:${i.accounts.length}`).join(",") +
    s.incident +
    s.zone;
  const list = $("incident-list");
  if (list.dataset.sig === sig) return;
  list.dataset.sig = sig;
  replace(
    list,
    incidents.length
      ? incidents.map((i) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: `incident-row${i.id === s.incident ? " selected" : ""}`,
                dataset: { key: i.id },
                onclick: () => {
                  ctx.store.update({ incident: i.id });
                  if (i.place) ctx.map.focus(i.place);
                },
              },
              `${i.id} · ${i.kind} · ${time.utc(i.time)} · ${i.parties.map((x) => x.toUpperCase()).join(", ")}`,
            ),
          ),
        )
      : h("li", { class: "empty" }, "No incidents."),
  );
  const i = p.k.incidents.get(s.incident);
  const box = $("incident-detail");
  if (box.querySelector("form.incident-form")) return; // keep the new incident being typed
  if (!i) {
    replace(box);
    return;
  }
  replace(
    box,
    h("h2", {}, `${i.id} · ${i.kind} (version ${i.version})`),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "When"),
      h("dd", {}, ctx.fmt(i.time)),
      h("dt", {}, "Where"),
      h("dd", {}, i.place ? time.formatPlace(i.place) : ""),
      h("dt", {}, "Parties"),
      h("dd", {}, i.parties.map((x) => x.toUpperCase()).join(", ")),
      i.conflicts && i.conflicts.length
        ? [h("dt", {}, "Conflicts"), h("dd", {}, i.conflicts.join(", "))]
        : null,
      h("dt", {}, "Summary"),
      h("dd", {}, i.summary || ""),
    ),
    i.sources && i.sources.length
      ? [
          h("h3", {}, "Sources"),
          h(
            "ul",
            {},
            i.sources.map((s) =>
              h(
                "li",
                {},
                `${s.reportedBy} (${s.credibility || "unknown"})${s.link ? ` ${s.link}` : ""}`,
              ),
            ),
          ),
        ]
      : null,
    h("h3", {}, "Accounts"),
    i.accounts.length
      ? h(
          "ul",
          { class: "accounts" },
          i.accounts.map((a) =>
            h(
              "li",
              {},
              h("div", { class: "meta" }, `${a.by} · ${ctx.fmt(a.at)}`),
              h("div", { dir: "auto" }, a.text),
            ),
          ),
        )
      : h("p", { class: "hint" }, "No account yet."),
    s.live && ctx.canAct() ? accountForm(ctx, i) : null,
  );
}

function accountForm(ctx, i) {
  const text = h("textarea", {
    id: "account-text",
    rows: 3,
    maxlength: 10000,
    "aria-label": `Our account of ${i.id}`,
  });
  const error = h("p", { class: "error", role: "alert" });
  const form = h(
    "form",
    { class: "account" },
    h("label", { for: "account-text" }, "Our account"),
    text,
    error,
    h("button", { type: "submit" }, "Add our account"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await ctx.api.post(`/incidents/${encodeURIComponent(i.id)}/accounts`, { text: text.value });
      text.value = "";
    } catch (err) {
      error.textContent = err.message;
    }
  });
  return form;
}

function openIncidentForm(ctx) {
  const s = ctx.store.get();
  if (!s.live) return;
  switchTab(ctx, "incidents");
  const p = ctx.picture();
  const error = h("p", { class: "error", role: "alert" });
  const kind = h(
    "select",
    { id: "inc-kind" },
    KINDS.map((k) => h("option", { value: k }, k)),
  );
  const when = h("input", {
    id: "inc-time",
    required: true,
    value: time.utc(new Date(ctx.store.get().now).toISOString()).replace(" UTC", ""),
    autocomplete: "off",
  });
  const place = h("input", {
    id: "inc-place",
    required: true,
    placeholder: "latitude, longitude",
    autocomplete: "off",
  });
  const summary = h("textarea", { id: "inc-summary", rows: 3, maxlength: 10000 });
  const parties = s.parties.map((pt) =>
    h(
      "label",
      { class: "check" },
      h("input", {
        type: "checkbox",
        name: "party",
        value: pt.id,
        checked: pt.id === s.me.party,
      }),
      pt.id.toUpperCase(),
    ),
  );
  const conflicts = h(
    "select",
    { id: "inc-conflict" },
    h("option", { value: "" }, "none"),
    [...p.k.alerts.values()].map((a) =>
      h("option", { value: a.conflictId }, `${a.conflictId} (${kindName(a.kind)})`),
    ),
  );
  const form = h(
    "form",
    { class: "readback incident-form" },
    h("h3", {}, "Record an incident"),
    h("label", { for: "inc-kind" }, "Kind"),
    kind,
    h("label", { for: "inc-time" }, "Time (UTC)"),
    when,
    h("label", { for: "inc-place" }, "Place"),
    h("div", { class: "row" }, place, pickButton(ctx, place)),
    h("fieldset", {}, h("legend", {}, "Parties"), parties),
    h("label", { for: "inc-conflict" }, "Conflict"),
    conflicts,
    h("label", { for: "inc-summary" }, "Summary"),
    summary,
    error,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary" }, "Record"),
      h(
        "button",
        {
          type: "button",
          onclick: () => {
            $("incident-detail").replaceChildren();
            $("incident-list").dataset.sig = "";
            ctx.schedule();
          },
        },
        "Cancel",
      ),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const t = time.parseUtc(when.value, new Date(ctx.store.get().now).toISOString());
    const pl = time.parsePlace(place.value);
    if (!t || !pl) {
      error.textContent = !t
        ? "the time is not readable (YYYY-MM-DD HH:MM UTC)"
        : "the place must be latitude, longitude";
      return;
    }
    const body = {
      kind: kind.value,
      time: t,
      place: pl,
      summary: summary.value,
      parties: [...form.querySelectorAll("input[name=party]:checked")].map((c) => c.value),
    };
    if (conflicts.value) body.conflicts = [conflicts.value];
    try {
      const r = await ctx.api.post("/incidents", body);
      ctx.store.update({ incident: r.id });
      $("incident-detail").replaceChildren();
      $("incident-list").dataset.sig = "";
      ctx.schedule();
    } catch (err) {
      error.textContent = err.message;
    }
  });
  replace($("incident-detail"), form);
  kind.focus();
}
