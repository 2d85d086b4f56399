// The weekly review view: for a member, the weeks of its agreements as the service computed them
// for its party (GET /agreements/{id}/reviews/{week}: only what the party was told). Every section
// of the review as tables, the charts (Chart.js: acknowledgement times per party, lead times; a
// day-by-hour table for when conflicts would have begun), a small map of the week's conflicts and
// incidents over the same borders and layers as the main map, and the PDF for the meeting. The
// figures come from review-model.js, which the Node tests check.

/* global Chart, L, topojson */

import { ApiError } from "./api.js";
import { h, replace } from "./dom.js";
import { DAYS, isoWeek, model, pdfPath, reviewPath, shiftWeek, weekStart } from "./review-model.js";

const $ = (id) => document.getElementById(id);
const PARTY_COLOURS = ["#1f5fbf", "#c0392b", "#8e44ad", "#16a085", "#d35400", "#2c3e50", "#7f8c8d"];

let charts = [];
let smallMap = null;
let asked = 0; // the latest load; older answers are dropped

export function setup(ctx) {
  $("review-button").addEventListener("click", () => open(ctx));
  $("review-close").addEventListener("click", () => close(ctx));
  $("review-agreement").addEventListener("change", (e) =>
    show(ctx, e.target.value, ctx.store.get().review.week),
  );
  $("review-week").addEventListener("change", (e) => {
    if (e.target.value) show(ctx, ctx.store.get().review.agreement, e.target.value);
  });
  $("review-prev").addEventListener("click", () => step(ctx, -1));
  $("review-next").addEventListener("click", () => step(ctx, 1));
  $("review-pdf").addEventListener("click", () => downloadPdf(ctx));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("review").hidden) close(ctx);
  });
}

/** The agreements the member's party is told of, by id. */
function agreements(ctx) {
  return [...ctx.picture().k.agreements.values()].sort((a, b) =>
    a.id.localeCompare(b.id, undefined, { numeric: true }),
  );
}

/** Opens the review of `agreement` (default: the first) for `week` (default: the view time's). */
export function open(ctx, agreement, week) {
  const list = agreements(ctx);
  const id = agreement || (list[0] && list[0].id) || "";
  replace(
    $("review-agreement"),
    list.map((a) =>
      h(
        "option",
        { value: a.id, selected: a.id === id },
        `${a.id}: ${a.parties.map((p) => p.toUpperCase()).join(" – ")}`,
      ),
    ),
  );
  $("review").hidden = false;
  document.querySelector(".body").hidden = true;
  $("review-week").focus();
  show(ctx, id, week || isoWeek(ctx.viewAt()));
}

function close(ctx) {
  $("review").hidden = true;
  document.querySelector(".body").hidden = false;
  ctx.store.update({ review: null });
  if (ctx.map) ctx.map.map.invalidateSize();
  $("review-button").focus();
}

function step(ctx, n) {
  const r = ctx.store.get().review;
  if (r) show(ctx, r.agreement, shiftWeek(r.week, n));
}

async function show(ctx, agreement, week) {
  ctx.store.update({ review: { agreement, week } });
  $("review-week").value = week;
  $("review-agreement").value = agreement;
  const body = $("review-body");
  if (!agreement) {
    replace(body, h("p", { class: "empty" }, "Your party is a party of no agreement: no review."));
    return;
  }
  const mine = ++asked;
  replace(body, h("p", { class: "empty" }, `Loading the review of ${agreement} for ${week}…`));
  try {
    weekStart(week);
    const review = await ctx.api.get(reviewPath(agreement, week));
    if (mine === asked) draw(ctx, review);
  } catch (e) {
    if (mine !== asked) return;
    const why =
      e instanceof ApiError && e.status === 404
        ? `No review of ${agreement} for ${week}: ${e.message}`
        : e.message;
    replace(body, h("p", { class: "error", role: "alert" }, why));
  }
}

async function downloadPdf(ctx) {
  const r = ctx.store.get().review;
  if (!r) return;
  try {
    const blob = await ctx.api.download(pdfPath(r.agreement, r.week));
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: `review-${r.agreement}-${r.week}.pdf` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    ctx.report(e);
  }
}

function table(caption, { headers, rows }, empty, cls = "") {
  if (!rows.length) return h("p", { class: "empty" }, empty);
  return h(
    "table",
    { class: `review-table ${cls}` },
    h("caption", { class: "visually-hidden" }, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        headers.map((x) => h("th", { scope: "col" }, x)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((r) =>
        h(
          "tr",
          {},
          r.map((c) => h("td", {}, c)),
        ),
      ),
    ),
  );
}

function facts(label, pairs) {
  return h(
    "dl",
    { class: "review-facts", "aria-label": label },
    pairs.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
  );
}

function section(id, title, ...content) {
  return h(
    "section",
    { class: "review-section", "aria-labelledby": `review-h-${id}` },
    h("h3", { id: `review-h-${id}` }, title),
    ...content,
  );
}

function draw(ctx, review) {
  const m = model(review);
  for (const c of charts) c.destroy();
  charts = [];
  if (smallMap) {
    smallMap.remove();
    smallMap = null;
  }
  const ackCanvas = h("canvas", { "aria-label": "Acknowledgement times per party", role: "img" });
  const leadCanvas = h("canvas", { "aria-label": "Conflicts by lead time", role: "img" });
  const mapDiv = h("div", {
    id: "review-map",
    class: "review-map",
    "aria-label": "Map of the week",
  });
  replace(
    $("review-body"),
    h("h2", { class: "review-title" }, m.title),
    m.complete
      ? null
      : h("p", { class: "review-partial", role: "note" }, "The week is not over: figures so far."),
    facts("The review", m.facts),
    h(
      "div",
      { class: "review-columns" },
      section("terms", "Terms in force", facts("Terms", m.terms)),
      section("figures", "The week in figures", facts("Figures", m.figures)),
    ),
    section(
      "notifications",
      "Notifications",
      table("Notifications per party", m.notifications, "No item was notified this week."),
    ),
    section(
      "conflicts",
      "Conflicts",
      h("p", {}, m.conflictSummary),
      table("Conflicts", m.conflicts, "No conflict this week.", "conflicts"),
    ),
    section(
      "charts",
      "Charts",
      h(
        "div",
        { class: "review-charts" },
        h(
          "figure",
          {},
          h("div", { class: "chart-box" }, ackCanvas),
          h(
            "figcaption",
            {},
            m.ackChart.empty
              ? "No alert was acknowledged this week."
              : `Acknowledgement times per party${m.ackChart.within ? `; the agreement asks for ${m.ackChart.within}` : ""}.`,
          ),
        ),
        h(
          "figure",
          {},
          h("div", { class: "chart-box" }, leadCanvas),
          h(
            "figcaption",
            {},
            m.leadChart.empty
              ? "No conflict this week."
              : "Lead times: conflict start minus its first alert.",
          ),
        ),
      ),
      heatTable(m.dayHour),
    ),
    section(
      "alerts",
      "Alerts and acknowledgements",
      table("Alerts per recipient", m.alerts, "No alert was raised this week."),
    ),
    section(
      "escalations",
      "Escalations and hotline",
      table("Escalations per party", m.escalations, "No escalation this week."),
      h("p", {}, m.hotline),
    ),
    section(
      "map",
      "Where",
      m.places.length
        ? [
            mapDiv,
            table(
              "Places",
              {
                headers: ["kind", "id", "time", "where"],
                rows: m.places.map((p) => [
                  p.kind,
                  p.id,
                  p.time,
                  `${p.position[1].toFixed(4)}, ${p.position[0].toFixed(4)}`,
                ]),
              },
              "",
            ),
          ]
        : h("p", { class: "empty" }, "No conflict or incident had a place this week."),
    ),
    section(
      "incidents",
      "Incidents",
      m.incidents.length
        ? m.incidents.map((i) =>
            h(
              "article",
              { class: "review-incident" },
              h("h4", {}, i.heading),
              h("p", {}, i.summary),
              table(
                "Accounts",
                { headers: ["account by", "at", "account"], rows: i.accounts },
                "No account yet.",
              ),
            ),
          )
        : h("p", { class: "empty" }, "No incident was recorded this week."),
    ),
    section("lapsed", "Lapsed sites", table("Lapsed sites", m.lapsed, "No site lapsed this week.")),
    section(
      "compliance",
      "Compliance with the terms",
      table(
        "Compliance flags",
        m.compliance,
        "No breach of the agreement's terms was found in what your party was told.",
        "compliance",
      ),
    ),
  );
  if (typeof Chart !== "undefined") {
    charts.push(
      new Chart(ackCanvas, {
        type: "bar",
        data: {
          labels: m.ackChart.labels,
          datasets: m.ackChart.datasets.map((d, i) => ({
            ...d,
            backgroundColor: PARTY_COLOURS[i % PARTY_COLOURS.length],
          })),
        },
        options: barOptions("alerts"),
      }),
      new Chart(leadCanvas, {
        type: "bar",
        data: {
          labels: m.leadChart.labels,
          datasets: [{ label: "conflicts", data: m.leadChart.data, backgroundColor: "#1f5fbf" }],
        },
        options: { ...barOptions("conflicts"), plugins: { legend: { display: false } } },
      }),
    );
  }
  if (m.places.length && typeof L !== "undefined") drawMap(ctx, mapDiv, m.places);
}

function barOptions(unit) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    scales: {
      y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: unit } },
    },
  };
}

/** Conflicts by weekday and hour as a table whose cells are shaded by their count. */
function heatTable(matrix) {
  const max = Math.max(1, ...matrix.flat());
  const shade = (c) => (c ? `rgba(214, 39, 40, ${0.25 + (0.75 * c) / max})` : "");
  return h(
    "table",
    { class: "heat", "aria-label": "Conflicts by day and hour (UTC)" },
    h("caption", {}, "Conflicts by day and hour (UTC)"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, ""),
        [...Array(24).keys()].map((hr) => h("th", { scope: "col" }, String(hr).padStart(2, "0"))),
      ),
    ),
    h(
      "tbody",
      {},
      matrix.map((row, d) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, DAYS[d]),
          row.map((c, hr) =>
            h(
              "td",
              {
                style: c ? `background:${shade(c)}` : null,
                title: `${DAYS[d]} ${String(hr).padStart(2, "0")}:00: ${c}`,
                "data-count": String(c),
              },
              c ? String(c) : "",
            ),
          ),
        ),
      ),
    ),
  );
}

function drawMap(ctx, element, places) {
  smallMap = L.map(element, {
    attributionControl: true,
    zoomControl: true,
    minZoom: 3,
    maxZoom: 13,
  });
  smallMap.attributionControl.setPrefix(false);
  smallMap.attributionControl.addAttribution("Borders: Natural Earth (world-atlas)");
  const m = smallMap;
  // the view first: Leaflet draws vector layers only on a map that has one
  const bounds = L.latLngBounds(places.map((p) => [p.position[1], p.position[0]]));
  m.fitBounds(bounds.pad(0.3), { maxZoom: 11 });
  ctx.baseMap.countries.then((topology) => {
    if (m !== smallMap || !topology) return;
    const shades = ["#f3efe4", "#ebe6d6", "#efe9dc", "#e6e1d0"];
    const geo = topojson.feature(topology, topology.objects.countries);
    L.geoJSON(geo, {
      interactive: false,
      style: (f) => ({
        color: "#7d7262",
        weight: 1.2,
        fillColor: shades[Number(f.id || 0) % shades.length],
        fillOpacity: 1,
      }),
    })
      .addTo(m)
      .bringToBack();
  });
  for (const layer of ctx.baseMap.layers) {
    L.geoJSON(layer, {
      interactive: false,
      style: () => ({ color: "#a89a84", weight: 2.5, opacity: 0.75 }),
      pointToLayer: (f, latlng) =>
        L.circleMarker(latlng, { radius: 3, color: "#333", weight: 1, fillOpacity: 1 }).bindTooltip(
          f.properties?.name || "",
          { permanent: false },
        ),
    }).addTo(m);
  }
  for (const p of places) {
    const at = [p.position[1], p.position[0]];
    const mark =
      p.kind === "incident"
        ? L.marker(at, {
            icon: L.divIcon({ className: "review-incident-mark", html: "▲", iconSize: [18, 18] }),
            keyboard: false,
          })
        : L.circleMarker(at, {
            className: "review-conflict-mark",
            radius: 7,
            color: "#fff",
            weight: 2,
            fillColor: "#d62728",
            fillOpacity: 1,
          });
    mark.bindTooltip(`${p.kind} ${p.id} · ${p.time}`).addTo(m);
  }
}
