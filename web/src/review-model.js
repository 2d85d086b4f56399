// The weekly review as the page shows it: pure functions from the service's review document
// (GET /agreements/{id}/reviews/{week}, docs/api.md) to the rows, figures and chart data the
// review view draws, and the ISO-week arithmetic of its week picker. No DOM here, so every figure
// is tested in Node (test/review.test.mjs) and agrees with the PDF (module report) on the same
// document: the same classes for the charts, the same short forms for times and durations.

const DAY = 86_400_000;
export const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Acknowledgement-time classes (upper bounds exclusive, in seconds; the last is open). */
export const ACK_BINS = {
  labels: ["< 1 min", "1–2 min", "2–5 min", "5–10 min", "10–30 min", "≥ 30 min"],
  bounds: [60, 120, 300, 600, 1800],
};

/** Lead-time classes: a conflict's start minus its first alert, in seconds. */
export const LEAD_BINS = {
  labels: ["after start", "< 1 h", "1–6 h", "6–12 h", "12–24 h", "1–2 d", "≥ 2 d"],
  bounds: [0, 3600, 6 * 3600, 12 * 3600, 24 * 3600, 48 * 3600],
};

/** How many of `values` fall into each of `bins`' classes. */
export function binCounts(bins, values) {
  const out = bins.labels.map(() => 0);
  for (const v of values || []) {
    let i = bins.bounds.findIndex((b) => v < b);
    if (i < 0) i = bins.bounds.length;
    out[i]++;
  }
  return out;
}

/** The ISO week (`2022-W41`) of the UTC instant `ms`. */
export function isoWeek(ms) {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  // the Thursday of this week decides the year
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday 00:00 UTC (ms) that begins `week`; throws naming the text when it is no ISO week. */
export function weekStart(week) {
  const m = /^(\d{4})-W(\d{2})$/.exec(String(week));
  if (!m) throw new Error(`"${week}" is not an ISO week such as 2022-W41`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  const jan4 = Date.UTC(year, 0, 4);
  const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  const start = monday1 + (n - 1) * 7 * DAY;
  if (n < 1 || isoWeek(start) !== week) throw new Error(`${year} has no week ${n}`);
  return start;
}

/** The week `n` weeks after `week` (before, for negative `n`). */
export function shiftWeek(week, n) {
  return isoWeek(weekStart(week) + n * 7 * DAY + 3 * DAY);
}

/** A number of seconds as `45 s`, `10 min 0 s`, `3 h 0 min`, `2 d 4 h`; "—" for none. */
export function seconds(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  const sign = value < 0 ? "−" : "";
  const s = Math.round(Math.abs(value));
  if (s < 60) return `${sign}${s} s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${sign}${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${sign}${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/** An ISO-8601 duration (`PT24H`, `P1DT2H`) in seconds; NaN when it is not one. */
export function durationSeconds(text) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(text));
  if (!m || text === "P" || text === "PT") return NaN;
  return (
    Number(m[1] || 0) * 86_400 +
    Number(m[2] || 0) * 3600 +
    Number(m[3] || 0) * 60 +
    Number(m[4] || 0)
  );
}

/** A duration as the review shows it: seconds, or an ISO-8601 duration's text. */
export function duration(value) {
  if (typeof value === "number") return seconds(value);
  const s = durationSeconds(value);
  return Number.isNaN(s) ? String(value ?? "—") : seconds(s);
}

/** An ISO instant as `2022-10-11 05:00Z` (seconds when not zero). */
export function time(iso) {
  if (!iso) return "—";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return String(iso);
  const t = new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return t.endsWith(":00Z") ? `${t.slice(0, 16)}Z` : t;
}

/** `[lon, lat]` as `37.0300 N, 41.3800 E`. */
export function position(p) {
  if (!Array.isArray(p) || typeof p[0] !== "number" || typeof p[1] !== "number") return "—";
  const [lon, lat] = p;
  return `${Math.abs(lat).toFixed(4)} ${lat >= 0 ? "N" : "S"}, ${Math.abs(lon).toFixed(4)} ${lon >= 0 ? "E" : "W"}`;
}

export function median(values) {
  if (!values || !values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

const up = (party) => String(party ?? "").toUpperCase();
const n = (v) => (typeof v === "number" ? v : 0);
const entries = (o) => Object.entries(o || {});

/** The review's request path, and its PDF's. */
export function reviewPath(agreement, week) {
  return `/agreements/${encodeURIComponent(agreement)}/reviews/${encodeURIComponent(week)}`;
}
export function pdfPath(agreement, week) {
  return `${reviewPath(agreement, week)}.pdf`;
}

/** Conflicts by weekday (rows, Monday first) and hour UTC (columns), 7 × 24. */
export function dayHour(review) {
  const out = DAYS.map(() => new Array(24).fill(0));
  for (const [d, h, c] of review?.conflicts?.byDayHour || []) {
    if (d >= 0 && d < 7 && h >= 0 && h < 24) out[d][h] += n(c);
  }
  return out;
}

/**
 * Everything the review view shows, from one review document: headline facts, every section as
 * a table (`{ headers, rows }`, rows of strings) or sentence, and the charts' data.
 */
export function model(review) {
  const r = review || {};
  const viewer =
    r.viewer === "operators" ? "as seen by the operators" : `as seen by ${up(r.viewer)}`;
  const t = r.terms || {};
  const alertsBy = entries(r.alerts?.byParty);
  const notifiedBy = entries(r.notifications?.byParty);
  const c = r.conflicts || {};
  const lead = (c.leadSeconds || []).filter((x) => typeof x === "number");
  const facts = [
    ["Agreement", `${r.agreement}, version ${n(r.agreementVersion)}`],
    ["Parties", (r.parties || []).map(up).join(", ")],
    ["Week", `${r.week}: ${time(r.from)} to ${time(r.until)} (UTC)`],
    ["Viewer", `${viewer}: only what this viewer was told`],
    [
      "Computed up to",
      `journal position ${n(r.position)}${r.complete === false ? " (the week is not over yet: figures so far)" : " (the week is over)"}`,
    ],
  ];
  const terms = [];
  if ("separationMeters" in t) terms.push(["Separation", `${Math.round(t.separationMeters)} m`]);
  if ("minimumNotice" in t) terms.push(["Minimum notice", duration(t.minimumNotice)]);
  if ("emergencyNotice" in t) terms.push(["Emergency notice", duration(t.emergencyNotice)]);
  if ("acknowledgeWithin" in t) terms.push(["Acknowledge within", duration(t.acknowledgeWithin)]);
  if ("escalation" in t) {
    terms.push([
      "Escalation after",
      (t.escalation || []).length ? t.escalation.map(duration).join(", then ") : "none",
    ]);
  }
  if ("effectiveFrom" in t) terms.push(["In force from", time(t.effectiveFrom)]);
  if (t.sharing && typeof t.sharing === "object") {
    terms.push([
      "Sharing",
      entries(t.sharing)
        .map(([p, what]) => `${up(p)} shares ${what}`)
        .join(", "),
    ]);
  }
  if (t.suspended) terms.push(["Suspended", "yes"]);
  const versions = (r.versions || []).map(
    (v) =>
      `version ${v.version}${v.effectiveFrom ? ` from ${time(v.effectiveFrom)}` : ""}${v.record?.seq !== undefined ? ` (journal record ${v.record.seq})` : ""}`,
  );
  if (versions.length) terms.push(["Versions in force", versions.join("; ")]);
  const raised = alertsBy.reduce((s, [, a]) => s + n(a.raised), 0);
  const acknowledged = alertsBy.reduce((s, [, a]) => s + n(a.acknowledged), 0);
  const figures = [
    ["Items notified", String(notifiedBy.reduce((s, [, x]) => s + n(x.total), 0))],
    ["Conflicts found", `${n(c.total)} (${n(c.strategic)} strategic, ${n(c.tactical)} tactical)`],
    ["Alerts raised", `${raised} (${acknowledged} acknowledged)`],
    ["Hotline", `${n(r.hotline?.threads)} threads, ${n(r.hotline?.messages)} messages`],
    ["Incidents", String((r.incidents || []).length)],
    ["Lapsed sites", String((r.lapsed || []).length)],
    ["Compliance flags", String((r.compliance || []).length)],
  ];
  const ackByParty = alertsBy.map(([p, a]) => [p, (a.ackSeconds || []).filter(Number.isFinite)]);
  return {
    title: `Weekly review — agreement ${r.agreement}, ${r.week}`,
    viewer,
    complete: r.complete !== false,
    facts,
    terms,
    figures,
    notifications: {
      headers: ["party", "notified", "on time", "late", "emergency", "revised", "cancelled"],
      rows: notifiedBy.map(([p, x]) => [
        up(p),
        ...["total", "onTime", "late", "emergency", "revised", "cancelled"].map((k) =>
          String(n(x[k])),
        ),
      ]),
    },
    conflictSummary:
      `${n(c.total)} ${n(c.total) === 1 ? "conflict" : "conflicts"}: ${n(c.strategic)} strategic (found from notified plans), ` +
      `${n(c.tactical)} tactical (found from live positions).` +
      (lead.length
        ? ` Lead time, from first alert to the conflict's start: median ${seconds(median(lead))}, shortest ${seconds(Math.min(...lead))}.`
        : ""),
    conflicts: {
      headers: ["alert", "kind", "parties", "start", "closest at", "closest", "lead", "where"],
      rows: (c.list || []).map((k) => [
        k.alert || "",
        k.kind || "",
        (k.parties || []).map(up).join(" / "),
        time(k.start),
        time(k.closestAt),
        typeof k.distanceMeters === "number" ? `${Math.round(k.distanceMeters)} m` : "—",
        typeof k.leadSeconds === "number" ? seconds(k.leadSeconds) : "—",
        position(k.position),
      ]),
    },
    alerts: {
      headers: [
        "recipient",
        "raised",
        "acknowledged",
        "unacknowledged",
        "median ack.",
        "slowest ack.",
        "level 1",
        "level 2",
        "level 3",
      ],
      rows: alertsBy.map(([p, a]) => {
        const ack = (a.ackSeconds || []).filter(Number.isFinite);
        return [
          up(p),
          String(n(a.raised)),
          String(n(a.acknowledged)),
          String(n(a.unacknowledged)),
          seconds(median(ack)),
          seconds(ack.length ? Math.max(...ack) : NaN),
          ...["1", "2", "3"].map((l) => String(n(a.byLevel?.[l]))),
        ];
      }),
    },
    escalations: {
      headers: ["party", "to level 2", "to level 3", "overdue"],
      rows: entries(r.escalations?.byParty).map(([p, x]) => [
        up(p),
        String(n(x.level2)),
        String(n(x.level3)),
        String(n(x.overdue)),
      ]),
    },
    hotline:
      `Hotline: ${n(r.hotline?.threads)} threads, ${n(r.hotline?.messages)} messages` +
      (entries(r.hotline?.byParty).length
        ? ` (${entries(r.hotline.byParty)
            .map(([p, m]) => `${up(p)} ${n(m)}`)
            .join(", ")}).`
        : "."),
    incidents: (r.incidents || []).map((i) => ({
      heading: `${i.id} · ${time(i.time)} · ${position(i.position)} · recorded by ${up(i.recordedBy)}`,
      summary: i.summary || "",
      accounts: (i.accounts || []).map((a) => [up(a.by), time(a.at), a.text || ""]),
    })),
    lapsed: {
      headers: ["party", "kind", "id", "lapsed since", "restored"],
      rows: (r.lapsed || []).map((l) => [
        up(l.party),
        l.kind || "",
        l.id || "",
        time(l.lapsedSince),
        l.restoredAt ? time(l.restoredAt) : "not restored",
      ]),
    },
    compliance: {
      headers: ["rule", "party", "subject", "what", "at", "journal records"],
      rows: (r.compliance || []).map((f) => [
        f.rule || "",
        up(f.party),
        f.subject || "",
        f.detail || "",
        time(f.at),
        (f.records || [])
          .map((x) => `seq ${x.seq} ${x.type || ""} · hash ${x.hash || ""}`)
          .join("\n"),
      ]),
    },
    ackChart: {
      labels: ACK_BINS.labels,
      datasets: ackByParty.map(([p, values]) => ({
        label: up(p),
        data: binCounts(ACK_BINS, values),
      })),
      empty: ackByParty.every(([, v]) => v.length === 0),
      within: "acknowledgeWithin" in t ? duration(t.acknowledgeWithin) : null,
    },
    leadChart: { labels: LEAD_BINS.labels, data: binCounts(LEAD_BINS, lead), empty: !lead.length },
    dayHour: dayHour(r),
    places: (r.places || [])
      .filter((p) => Array.isArray(p.position) && p.position.length >= 2)
      .map((p) => ({ kind: p.kind, id: p.id, position: p.position, time: time(p.time) })),
  };
}
