import { test } from "node:test";
import assert from "node:assert/strict";
import {
  alertsLeftOut,
  foldMore,
  fromPicture,
  inboxAlerts,
  knownAt,
  inboxOrder,
  plannedPosition,
  happeningAt,
  ms,
} from "../src/knowledge.js";

// facts as the service's event stream sends them to the US (shapes copied from a demo run)
const facts = [
  {
    seq: 8,
    type: "item.notify",
    time: "2022-10-06T22:30:00Z",
    by: "us-officer",
    body: {
      kind: "zone",
      replace: false,
      feature: {
        type: "Feature",
        id: "us-ao",
        properties: { kind: "zone", party: "us" },
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [42, 37],
              [42.1, 37],
              [42.1, 37.1],
              [42, 37],
            ],
          ],
        },
      },
      result: { id: "us-ao", version: 1, late: false },
    },
  },
  {
    seq: 71,
    type: "alert.raised",
    time: "2022-10-08T04:05:00Z",
    by: "system",
    body: {
      id: "al-5",
      conflictId: "cf-2",
      recipient: "us",
      kind: "movement-movement",
      state: "open",
      level: 1,
      deadline: "2022-10-08T04:15:00Z",
      raisedAt: "2022-10-08T04:05:00Z",
      start: "2022-10-08T07:43:14.609Z",
      end: "2022-10-08T07:46:45.391Z",
      location: [41.42, 37.005],
      own: { item: "us-e5-oil-field" },
      other: { shares: "conflicts", party: "ru" },
    },
  },
  {
    seq: 96,
    type: "alert.escalated",
    time: "2022-10-08T04:15:54.143182800Z",
    by: "system",
    body: {
      alert: "al-5",
      conflictId: "cf-2",
      level: 2,
      to: "commanders",
      deadline: "2022-10-08T04:45:00Z",
    },
  },
  {
    seq: 120,
    type: "alert.acknowledge",
    time: "2022-10-08T04:20:00Z",
    by: "us-officer",
    body: {
      readBack: {},
      id: "al-5",
      result: {
        alert: "al-5",
        conflictId: "cf-2",
        acknowledgedBy: "us-officer",
        party: "us",
        at: "2022-10-08T04:20:00Z",
        meaning: "seen, not approved",
      },
    },
  },
  {
    seq: 130,
    type: "alert.counterpart",
    time: "2022-10-08T04:30:00Z",
    by: "system",
    body: {
      alert: "al-5",
      conflictId: "cf-2",
      counterpart: "acknowledged",
      at: "2022-10-08T04:30:00Z",
      party: "ru",
    },
  },
  {
    seq: 140,
    type: "hotline.post",
    time: "2022-10-08T04:31:00Z",
    by: "us-officer",
    body: {
      id: "msg-1",
      thread: "conflict:cf-2",
      from: "us-officer",
      party: "us",
      at: "2022-10-08T04:31:00Z",
      code: "request-delay",
      params: { minutes: 30 },
      rendered: "Request you delay your movement by 30 minutes.",
      language: "en",
    },
  },
  {
    seq: 150,
    type: "incident.record",
    time: "2022-10-08T08:00:00Z",
    by: "us-officer",
    body: {
      kind: "encounter",
      time: "2022-10-08T07:45:00Z",
      place: [41.42, 37.005],
      parties: ["us", "ru"],
      result: { id: "inc-1", version: 1 },
    },
  },
  {
    seq: 151,
    type: "incident.account",
    time: "2022-10-08T08:05:00Z",
    by: "ru-officer",
    body: { text: "RU account", id: "inc-1", result: { id: "inc-1", version: 1 } },
  },
  {
    seq: 160,
    type: "alert.resolved",
    time: "2022-10-08T09:00:00Z",
    by: "system",
    body: { alert: "al-5", conflictId: "cf-2", resolution: "the conflict vanished" },
  },
  {
    seq: 170,
    type: "item.cancel",
    time: "2022-10-08T09:10:00Z",
    by: "us-officer",
    body: { kind: "zone", id: "us-ao", result: { id: "us-ao" } },
  },
];

test("everything told: the alert went through escalation, acknowledgement, the other side's answer and resolution", () => {
  const k = knownAt(facts);
  const a = k.alerts.get("al-5");
  assert.equal(a.state, "resolved");
  assert.equal(a.level, 2);
  assert.equal(a.acknowledged.by, "us-officer");
  assert.equal(a.counterpart[0].party, "ru");
  assert.equal(a.resolution, "the conflict vanished");
  assert.equal(a.history.length, 5);
  assert.equal(
    k.threads.get("conflict:cf-2")[0].rendered,
    "Request you delay your movement by 30 minutes.",
  );
  assert.deepEqual(
    k.incidents.get("inc-1").accounts.map((x) => x.text),
    ["RU account"],
  );
  assert.equal(k.items.size, 0, "the zone was cancelled");
});

test("what was known at a moment: only the facts told by then", () => {
  const at = ms("2022-10-08T04:16:00Z");
  const k = knownAt(facts, at);
  const a = k.alerts.get("al-5");
  assert.equal(a.state, "open");
  assert.equal(a.level, 2);
  assert.equal(a.deadline, "2022-10-08T04:45:00Z");
  assert.equal(a.acknowledged, undefined);
  assert.equal(k.threads.size, 0);
  assert.equal(k.items.get("zone:us-ao").version, 1);
  assert.equal(knownAt(facts, ms("2022-10-08T04:00:00Z")).alerts.size, 0);
});

/** A fold as the service's picture carries it (GET /picture), through JSON. */
function asPicture(k) {
  return JSON.parse(
    JSON.stringify({
      alerts: [...k.alerts.values()],
      items: [...k.items.values()],
      threads: Object.fromEntries(k.threads),
      incidents: [...k.incidents.values()],
      agreements: [...k.agreements.values()],
      reports: [...k.reports.values()],
    }),
  );
}

test("a fold continued from a picture of the first facts is the fold of every fact", () => {
  for (let n = 0; n <= facts.length; n++) {
    const base = fromPicture(asPicture(knownAt(facts.slice(0, n))));
    const continued = knownAt(facts.slice(n), Infinity, base);
    assert.deepEqual(asPicture(continued), asPicture(knownAt(facts)), `picture after ${n} facts`);
    assert.deepEqual(
      asPicture(base),
      asPicture(knownAt(facts.slice(0, n))),
      "the base is unchanged",
    );
  }
});

test("alertDeconflictMarksTheAlertTheCommandNames (the command carries it as body.alert)", () => {
  const raised = facts.find((f) => f.type === "alert.raised");
  const deconflict = {
    seq: 999,
    type: "alert.deconflict",
    time: "2022-10-08T05:00:00Z",
    by: "us-officer",
    body: { alert: raised.body.id, note: "we hold at the bridge", result: { party: "us" } },
  };
  const k = knownAt([raised, deconflict]);
  const alert = k.alerts.get(raised.body.id);
  assert.equal(alert.deconflictedNote, "we hold at the bridge");
  assert.match(
    alert.history.at(-1).what,
    /marked deconflicted by us-officer: we hold at the bridge/,
  );
});

test("the inbox puts open alerts first, newest first", () => {
  const alerts = [
    { id: "a", state: "resolved", raisedAt: "2022-10-08T05:00:00Z" },
    { id: "b", state: "open", raisedAt: "2022-10-08T03:00:00Z" },
    { id: "c", state: "open", raisedAt: "2022-10-08T04:00:00Z" },
    { id: "d", state: "acknowledged", raisedAt: "2022-10-08T06:00:00Z" },
  ];
  assert.deepEqual(
    inboxOrder(alerts).map((a) => a.id),
    ["c", "b", "d", "a"],
  );
});

test("a movement's planned position is interpolated between its waypoints and absent outside its times", () => {
  const f = {
    type: "Feature",
    properties: { times: ["2022-10-08T08:00:00Z", "2022-10-08T09:00:00Z", "2022-10-08T09:00:00Z"] },
    geometry: {
      type: "LineString",
      coordinates: [
        [41, 37],
        [42, 37],
        [42, 37],
      ],
    },
  };
  const p = plannedPosition(f, ms("2022-10-08T08:30:00Z"));
  assert.deepEqual(p.slice(0, 2), [41.5, 37]);
  assert.ok(Math.abs(p[2] - 90) < 1, "heading east");
  assert.equal(plannedPosition(f, ms("2022-10-08T07:59:59Z")), null);
  assert.equal(plannedPosition(f, ms("2022-10-08T09:00:01Z")), null);
  // across the antimeridian
  const g = {
    properties: { times: ["2022-10-08T08:00:00Z", "2022-10-08T09:00:00Z"] },
    geometry: {
      type: "LineString",
      coordinates: [
        [179.5, 0],
        [-179.5, 0],
      ],
    },
  };
  assert.deepEqual(
    plannedPosition(g, ms("2022-10-08T08:30:00Z"))
      .slice(0, 2)
      .map((x) => Math.abs(x)),
    [180, 0],
  );
});

test("a conflict is happening between its start and end", () => {
  const a = { start: "2022-10-08T07:43:00Z", end: "2022-10-08T07:46:00Z" };
  assert.ok(happeningAt(a, ms("2022-10-08T07:45:00Z")));
  assert.ok(!happeningAt(a, ms("2022-10-08T07:47:00Z")));
});

test("a picture bounded by ?alerts= names the alerts it left out: they count by state, the inbox leaves them out, the stream keeps their state", () => {
  const raised = facts.find((f) => f.type === "alert.raised");
  const k = fromPicture({
    alerts: [{ ...raised.body, history: [], counterpart: [] }],
    alertsLeftOut: [
      ["al-90", "open", 2],
      ["al-91", "resolved", 1],
    ],
  });
  assert.deepEqual(
    inboxAlerts(k, "open").map((a) => a.id),
    [raised.body.id],
  );
  assert.equal(alertsLeftOut(k, "open"), 1);
  assert.equal(alertsLeftOut(k, "all"), 2);
  assert.equal([...k.alerts.values()].filter((a) => a.state === "open").length, 2);
  const ack = {
    seq: 1000,
    type: "alert.acknowledge",
    time: "2022-10-08T05:00:00Z",
    by: "us-officer",
    body: { id: "al-90", result: { alert: "al-90", acknowledgedBy: "us-officer" } },
  };
  foldMore(k, [ack]);
  assert.equal(k.alerts.get("al-90").state, "acknowledged");
  assert.equal(alertsLeftOut(k, "open"), 1, "still left out, now acknowledged");
});

test("aLiveAlertsHistoryGrewWithEveryRefresh: a run of refreshes at one level is one history line with its count and last time", () => {
  const raised = {
    seq: 1,
    type: "alert.raised",
    time: "2022-10-08T07:00:00Z",
    by: "system",
    body: {
      id: "al-9",
      conflictId: "enc-1",
      level: 1,
      state: "open",
      raisedAt: "2022-10-08T07:00:00Z",
    },
  };
  const levels = [...Array(360).fill("caution"), ...Array(5).fill("warning"), "caution"];
  const refreshes = levels.map((level, i) => ({
    seq: 2 + i,
    type: "alert.updated",
    time: new Date(ms("2022-10-08T07:00:10Z") + i * 10_000).toISOString(),
    by: "system",
    body: { alert: "al-9", conflictId: "enc-1", live: { level, distanceNowMeters: 900 - i } },
  }));
  const all = [raised, ...refreshes];
  const a = knownAt(all).alerts.get("al-9");
  assert.deepEqual(a.history, [
    { time: "2022-10-08T07:00:00Z", what: "raised at level 1" },
    {
      time: "2022-10-08T07:00:10.000Z",
      what: "now caution",
      count: 360,
      until: "2022-10-08T08:00:00.000Z",
    },
    {
      time: "2022-10-08T08:00:10.000Z",
      what: "now warning",
      count: 5,
      until: "2022-10-08T08:00:50.000Z",
    },
    { time: "2022-10-08T08:01:00.000Z", what: "now caution" },
  ]);
  assert.equal(a.live.distanceNowMeters, 900 - 365);
  // a picture taken in the middle of a run and the stream after it fold to the same history
  for (const n of [1, 2, 100, 361, 363]) {
    const base = fromPicture(asPicture(knownAt(all.slice(0, n))));
    assert.deepEqual(
      asPicture(knownAt(all.slice(n), Infinity, base)),
      asPicture(knownAt(all)),
      `after ${n}`,
    );
  }
});
