import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  ACK_BINS,
  LEAD_BINS,
  binCounts,
  isoWeek,
  weekStart,
  shiftWeek,
  seconds,
  duration,
  durationSeconds,
  time,
  position,
  median,
  model,
  pdfPath,
  reviewPath,
} from "../src/review-model.js";

// the report module's hand-written review: the browser and the PDF render the same document
const sample = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../report/src/test/resources/review-sample.json", import.meta.url)),
    "utf8",
  ),
);

test("ISO weeks: the Thursday decides the year", () => {
  assert.equal(isoWeek(Date.parse("2022-10-08T09:00:00Z")), "2022-W40");
  assert.equal(isoWeek(Date.parse("2022-10-10T00:00:00Z")), "2022-W41");
  assert.equal(isoWeek(Date.parse("2022-10-09T23:59:59Z")), "2022-W40");
  assert.equal(isoWeek(Date.parse("2021-01-03T12:00:00Z")), "2020-W53");
  assert.equal(isoWeek(Date.parse("2019-12-30T00:00:00Z")), "2020-W01");
  assert.equal(new Date(weekStart("2022-W40")).toISOString(), "2022-10-03T00:00:00.000Z");
  assert.equal(new Date(weekStart("2020-W01")).toISOString(), "2019-12-30T00:00:00.000Z");
  assert.equal(new Date(weekStart("2020-W53")).toISOString(), "2020-12-28T00:00:00.000Z");
  assert.equal(shiftWeek("2022-W52", 1), "2023-W01");
  assert.equal(shiftWeek("2021-W01", -1), "2020-W53");
  assert.throws(() => weekStart("2022-41"), /"2022-41" is not an ISO week/);
  assert.throws(() => weekStart("2022-W53"), /2022 has no week 53/);
  assert.throws(() => weekStart("2022-W00"), /2022 has no week 0/);
});

test("every ISO week of ten years round-trips", () => {
  let week = "2015-W01";
  for (let i = 0; i < 522; i++) {
    const start = weekStart(week);
    assert.equal(new Date(start).getUTCDay(), 1, week);
    assert.equal(isoWeek(start), week);
    assert.equal(isoWeek(start + 7 * 86_400_000 - 1), week);
    const next = shiftWeek(week, 1);
    assert.equal(weekStart(next) - start, 7 * 86_400_000, week);
    week = next;
  }
});

test("durations and times read as in the PDF", () => {
  assert.equal(seconds(45), "45 s");
  assert.equal(seconds(600.5), "10 min 1 s");
  assert.equal(seconds(10800), "3 h 0 min");
  assert.equal(seconds(-120), "−2 min 0 s");
  assert.equal(seconds(190000), "2 d 4 h");
  assert.equal(seconds(NaN), "—");
  assert.equal(durationSeconds("PT24H"), 86400);
  assert.equal(durationSeconds("P1DT2H30M"), 95400);
  assert.ok(Number.isNaN(durationSeconds("24h")));
  assert.equal(duration("PT10M"), "10 min 0 s");
  assert.equal(duration("soon"), "soon");
  assert.equal(time("2022-10-08T09:40:00Z"), "2022-10-08 09:40Z");
  assert.equal(time("2022-10-05T14:06:30Z"), "2022-10-05 14:06:30Z");
  assert.equal(time(null), "—");
  assert.equal(position([41.38, 37.03]), "37.0300 N, 41.3800 E");
  assert.equal(position([-3.7, -40.5]), "40.5000 S, 3.7000 W");
  assert.equal(median([600.5, 240]), 420.25);
  assert.equal(median([3, 1, 2]), 2);
});

test("chart classes: upper bounds exclusive, the last open", () => {
  assert.deepEqual(binCounts(ACK_BINS, [0, 59.9, 60, 600, 1799, 1800, 99999]), [2, 1, 0, 0, 2, 2]);
  assert.deepEqual(binCounts(LEAD_BINS, [-1, 0, 3600, 86400, 172800]), [1, 1, 1, 0, 0, 1, 1]);
});

test("the sample review's sections hold the document's figures", () => {
  const m = model(sample);
  assert.equal(m.title, "Weekly review — agreement ag-1, 2022-W40");
  assert.equal(m.viewer, "as seen by US");
  assert.deepEqual(m.facts[1], ["Parties", "US, RU"]);
  assert.deepEqual(m.facts[2], ["Week", "2022-W40: 2022-10-03 00:00Z to 2022-10-10 00:00Z (UTC)"]);
  assert.deepEqual(m.terms, [
    ["Separation", "2000 m"],
    ["Minimum notice", "3 h 0 min"],
    ["Emergency notice", "30 min 0 s"],
    ["Acknowledge within", "10 min 0 s"],
    ["Escalation after", "30 min 0 s, then 1 h 0 min"],
  ]);
  assert.deepEqual(m.figures.slice(0, 3), [
    ["Items notified", "25"],
    ["Conflicts found", "3 (2 strategic, 1 tactical)"],
    ["Alerts raised", "6 (5 acknowledged)"],
  ]);
  assert.deepEqual(m.notifications.rows, [
    ["US", "14", "12", "1", "1", "3", "1"],
    ["RU", "11", "9", "2", "0", "2", "0"],
  ]);
  assert.deepEqual(m.conflicts.rows[0], [
    "al-7",
    "movement-movement",
    "US / RU",
    "2022-10-08 09:40Z",
    "2022-10-08 09:52Z",
    "813 m",
    "3 h 0 min",
    "37.0300 N, 41.3800 E",
  ]);
  assert.match(m.conflictSummary, /median 3 h 0 min, shortest −2 min 0 s\.$/);
  assert.deepEqual(m.alerts.rows[1], [
    "RU",
    "3",
    "2",
    "1",
    "7 min 0 s",
    "10 min 1 s",
    "2",
    "0",
    "1",
  ]);
  assert.deepEqual(m.escalations.rows[1], ["RU", "1", "1", "1"]);
  assert.equal(m.hotline, "Hotline: 3 threads, 17 messages (US 9, RU 8).");
  assert.equal(m.incidents[0].accounts[1][0], "RU");
  assert.match(m.incidents[0].accounts[1][2], /^Патрули остановились/);
  assert.deepEqual(m.lapsed.rows, [["RU", "site", "st-4", "2022-10-06 00:00Z", "not restored"]]);
  assert.equal(m.compliance.rows.length, 2);
  assert.match(m.compliance.rows[0][5], /^seq 812 item\.notify · hash 9f2c4b7e/);
  assert.deepEqual(m.ackChart.datasets, [
    { label: "US", data: [2, 0, 1, 0, 0, 0] },
    { label: "RU", data: [0, 0, 1, 0, 1, 0] },
  ]);
  assert.equal(m.ackChart.within, "10 min 0 s");
  assert.deepEqual(m.leadChart.data, [1, 0, 1, 1, 0, 0, 0]);
  assert.equal(m.dayHour[5][9], 1);
  assert.equal(m.dayHour[2][14], 1);
  assert.equal(
    m.dayHour.flat().reduce((a, b) => a + b, 0),
    3,
  );
  assert.deepEqual(
    m.places.map((p) => `${p.kind} ${p.id}`),
    ["conflict al-7", "conflict al-8", "conflict al-9", "incident in-2"],
  );
});

test("an empty or partial review still makes a model", () => {
  const m = model({ agreement: "ag-1", week: "2022-W45", viewer: "operators", complete: false });
  assert.equal(m.viewer, "as seen by the operators");
  assert.equal(m.complete, false);
  assert.match(m.facts[4][1], /not over yet/);
  assert.deepEqual(m.notifications.rows, []);
  assert.equal(m.ackChart.empty, true);
  assert.equal(m.leadChart.empty, true);
  assert.equal(
    m.conflictSummary,
    "0 conflicts: 0 strategic (found from notified plans), 0 tactical (found from live positions).",
  );
  assert.deepEqual(m.places, []);
});

test("the service's extra terms and versions are shown; fractions of a second are not", () => {
  const m = model({
    agreement: "ag-1",
    week: "2022-W41",
    terms: {
      effectiveFrom: "2022-10-08T06:00:00Z",
      sharing: { ru: "conflicts", us: "positions" },
      suspended: false,
    },
    versions: [{ version: 1, effectiveFrom: "2022-10-08T06:00:00Z", record: { seq: 2 } }],
    conflicts: {
      total: 1,
      list: [
        { alert: "al-2", start: "2022-10-12T06:27:54.239Z", closestAt: "2022-10-12T06:30:00.448Z" },
      ],
    },
  });
  assert.deepEqual(m.terms, [
    ["In force from", "2022-10-08 06:00Z"],
    ["Sharing", "RU shares conflicts, US shares positions"],
    ["Versions in force", "version 1 from 2022-10-08 06:00Z (journal record 2)"],
  ]);
  assert.equal(m.conflicts.rows[0][3], "2022-10-12 06:27:54Z");
  assert.equal(m.conflicts.rows[0][4], "2022-10-12 06:30Z");
  assert.match(m.conflictSummary, /^1 conflict: /);
});

test("request paths escape the agreement", () => {
  assert.equal(reviewPath("ag 1", "2022-W41"), "/agreements/ag%201/reviews/2022-W41");
  assert.equal(pdfPath("ag-1", "2022-W41"), "/agreements/ag-1/reviews/2022-W41.pdf");
});
