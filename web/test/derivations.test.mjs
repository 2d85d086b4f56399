// What the page derives from the fold, on the golden facts (see golden.test.mjs).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  knownAt,
  foldMore,
  pictureAt,
  inboxAlerts,
  situation,
  planOrder,
  sliderRange,
  notice,
  ms,
} from "../src/knowledge.js";
import { kindName, otherParty, ladder, threadName, duration } from "../src/words.js";

const facts = JSON.parse(readFileSync(new URL("./golden/us-facts.json", import.meta.url), "utf8"));
const timeOf = (type) => ms(facts.find((f) => f.type === type).time);
const live = { live: true, party: "us", visibleItems: [{ id: "x" }], tracks: [{ unit: "u" }] };

test("live, the picture draws the service's current items and tracks", () => {
  const p = pictureAt({ ...live, at: 1 }, knownAt(facts));
  assert.deepEqual(p.items, [{ id: "x" }]);
  assert.deepEqual(p.tracks, [{ unit: "u" }]);
});

test("looking back, the picture draws the own items as told then and the own reports of the two minutes before", () => {
  const report = timeOf("positions.report");
  const at = report + 30e3; // before the route was cancelled
  const ru = { id: "ru-1", kind: "movement", party: "ru", notifiedAt: "2022-10-08T06:00:00Z" };
  const later = { ...ru, id: "ru-2", notifiedAt: "2022-10-08T07:00:00Z" };
  const p = pictureAt(
    { live: false, at, party: "us", visibleItems: [ru, later], tracks: [] },
    knownAt(facts, at),
  );
  assert.deepEqual(
    p.items.map((i) => [i.party, i.kind, i.id]),
    [
      ["us", "movement", "us-1"],
      ["ru", "movement", "ru-1"],
    ],
  );
  assert.deepEqual(p.tracks, [
    {
      unit: "us-patrol-1",
      party: "us",
      time: "2022-10-08T06:22:00Z",
      position: [40.61, 36.5],
      courseDegrees: 90,
      stale: false,
    },
  ]);
  const stale = report + 121e3;
  assert.deepEqual(
    pictureAt({ ...live, live: false, at: stale }, knownAt(facts, stale)).tracks,
    [],
  );
});

test("the inbox shows resolved alerts only with the filter all", () => {
  const k = knownAt(facts);
  assert.deepEqual(inboxAlerts(k, "open"), []);
  assert.deepEqual(
    inboxAlerts(k, "all").map((a) => a.id),
    ["al-2"],
  );
  const before = knownAt(facts, timeOf("alert.escalated"));
  assert.deepEqual(
    inboxAlerts(before, "open").map((a) => [a.id, a.state, a.level]),
    [["al-2", "open", 2]],
  );
});

test("the situation summary: open alerts, the next conflict and deadline, the own routes", () => {
  const at = timeOf("alert.escalated");
  const k = knownAt(facts, at);
  const items = [...k.items.values()].map((i) => ({ ...i, party: "us" }));
  const s = situation({ k, items, at }, "us");
  assert.equal(s.open, 1);
  assert.equal(s.coming.conflictId, "cf-1");
  assert.equal(s.deadline.deadline, "2022-10-08T06:40:00Z");
  assert.deepEqual([s.routes, s.running], [1, 0]);
  const during = ms("2022-10-10T06:30:00Z");
  assert.equal(situation({ k, items, at: during }, "us").running, 1);
  const after = situation({ k: knownAt(facts), items: [], at: during }, "us");
  assert.deepEqual([after.open, after.coming, after.deadline], [0, undefined, undefined]);
});

test("plans: the party's own items first, then by party, kind and id", () => {
  const items = [
    { party: "ru", kind: "zone", id: "b" },
    { party: "us", kind: "zone", id: "a" },
    { party: "ru", kind: "movement", id: "c" },
    { party: "us", kind: "movement", id: "d" },
  ];
  assert.deepEqual(
    planOrder(items, "us").map((i) => i.id),
    ["d", "a", "c", "b"],
  );
});

test("the time slider runs from a day before the first fact to a day after now, on whole minutes", () => {
  const now = ms("2022-10-08T06:30:30Z");
  assert.deepEqual(sliderRange(ms(facts[0].time), now), {
    min: ms("2022-10-07T06:30:00Z"),
    max: ms("2022-10-09T06:31:00Z"),
  });
  assert.equal(sliderRange(null, now).min, ms("2022-10-07T06:30:00Z"));
});

test("notices: only what arrives after sign-in, and not the party's own messages", () => {
  const who = { party: "us", signedInAt: ms("2022-10-08T05:00:00Z") };
  const said = facts.map((f) => notice(f, who)).filter(Boolean);
  assert.deepEqual(said, [
    "New alert cf-1: routes cross with RU, from 2022-10-10 06:27 UTC",
    "cf-1 escalated to level 2 (commanders): not yet acknowledged",
    "cf-1: RU acknowledged",
    "Hotline Conflict cf-1: We hold at the bridge.",
  ]);
  assert.deepEqual(
    facts.map((f) => notice(f, { party: "us", signedInAt: null })).filter(Boolean),
    [],
  );
  assert.deepEqual(
    facts
      .map((f) => notice(f, { ...who, signedInAt: timeOf("alert.counterpart") }))
      .filter(Boolean),
    ["Hotline Conflict cf-1: We hold at the bridge."],
  );
});

test("the names the page gives things", () => {
  const a = knownAt(facts).alerts.get("al-2");
  assert.equal(`${kindName(a.kind)} ${otherParty(a)}`, "routes cross with RU");
  assert.equal(otherParty({ kind: "incursion" }), "");
  assert.equal(
    otherParty({ kind: "unit-unit", other: { shares: "nothing" } }),
    "with another party",
  );
  assert.deepEqual([1, 2, 3].map(ladder), ["officers", "commanders", "operators"]);
  assert.equal(threadName("pair:ru:us", "us"), "Channel with RU");
  assert.equal(threadName("pair:ru:us", "mechanism", true), "Channel with RU, US (RU & US)");
  assert.equal(threadName("conflict:cf-1", "us"), "Conflict cf-1");
  const ag = knownAt(facts).agreements.get("ag-1");
  assert.deepEqual([ag.minimumNotice, ag.acknowledgeWithin, ...ag.escalation].map(duration), [
    "24 h",
    "10 min",
    "30 min",
    "1 h",
  ]);
});

test("folding the stream's facts batch by batch into one fold gives the fold of them all at once", () => {
  const k = knownAt([]);
  for (let i = 0; i < facts.length; i += 3) foldMore(k, facts.slice(i, i + 3));
  assert.deepEqual(k, knownAt(facts));
});

test("bandText: a movement's bands in order, repeats said once; a site's band; nothing on the ground", async () => {
  const { bandText } = await import("../src/words.js");
  assert.equal(
    bandText({
      bands: [
        [3000, 3200],
        [3000, 3200],
        [2400, 2600],
      ],
    }),
    "3000–3200 m then 2400–2600 m",
  );
  assert.equal(bandText({ band: [0, 1500] }), "0–1500 m");
  assert.equal(bandText({ times: [] }), "");
  assert.equal(bandText(undefined), "");
});

test("jointText: a joint movement's parties, the lead first, and its status; nothing for one party", async () => {
  const { jointText } = await import("../src/words.js");
  assert.equal(
    jointText({
      status: "proposed",
      parties: ["ru", "tr"],
      participants: [{ party: "tr", joinAt: 1, leaveAt: 2, participation: "pending" }],
    }),
    "RU + TR (proposed)",
  );
  assert.equal(jointText({ status: "joint", parties: ["ru", "tr", "sy"] }), "RU + TR + SY (joint)");
  assert.equal(jointText(undefined), "");
  assert.equal(jointText({ status: "joint", parties: ["ru"] }), "");
});
