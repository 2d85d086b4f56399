import { test } from "node:test";
import assert from "node:assert/strict";
import { knownAt, notice } from "../src/knowledge.js";

// an own site, then what its stream tells of its reconfirmation (D36); Knowledge.java folds the
// same facts into the same fields (KnowledgeFoldsReconfirmationTest)
const site = {
  seq: 3,
  type: "item.notify",
  time: "2026-03-01T06:00:00Z",
  by: "ru-officer",
  body: {
    kind: "site",
    replace: false,
    feature: {
      type: "Feature",
      id: "clinic",
      properties: { kind: "site", party: "ru", radiusMeters: 500 },
      geometry: { type: "Point", coordinates: [40.7, 36.5] },
    },
    result: { id: "clinic", version: 1, late: false },
  },
};
const ref = { kind: "site", id: "clinic", party: "ru", version: 1 };
const due = {
  seq: 9,
  type: "item.due",
  time: "2026-03-07T06:00:00Z",
  by: "system",
  body: {
    ...ref,
    confirmedAt: "2026-03-01T06:00:00Z",
    reconfirmBy: "2026-03-08T06:00:00Z",
    every: "PT168H",
  },
};
const lapsed = {
  seq: 12,
  type: "item.lapsed",
  time: "2026-03-08T06:00:01Z",
  by: "system",
  body: {
    ...ref,
    confirmedAt: "2026-03-01T06:00:00Z",
    lapsedSince: "2026-03-08T06:00:00Z",
    every: "PT168H",
  },
};
const reconfirm = {
  seq: 15,
  type: "item.reconfirm",
  time: "2026-03-08T09:00:00Z",
  by: "ru-officer",
  body: {
    kind: "site",
    id: "clinic",
    result: {
      id: "clinic",
      kind: "site",
      version: 1,
      confirmedAt: "2026-03-08T09:00:00Z",
      reconfirmBy: "2026-03-15T09:00:00Z",
      restored: true,
    },
  },
};
const restored = {
  seq: 16,
  type: "item.restored",
  time: "2026-03-08T09:00:00Z",
  by: "system",
  body: {
    ...ref,
    confirmedAt: "2026-03-08T09:00:00Z",
    lapsedSince: "2026-03-08T06:00:00Z",
    restoredBy: "reconfirmed",
  },
};

test("an own site's reconfirmation is folded: due, lapsed, reconfirmed", () => {
  const item = (facts) => knownAt(facts).items.get("site:clinic");
  assert.equal(item([site, due]).reconfirmDue, true);
  assert.equal(item([site, due]).reconfirmBy, "2026-03-08T06:00:00Z");
  const gone = item([site, due, lapsed]);
  assert.equal(gone.lapsed, true);
  assert.equal(gone.lapsedSince, "2026-03-08T06:00:00Z");
  assert.equal(gone.reconfirmDue, false);
  const back = item([site, due, lapsed, reconfirm, restored]);
  assert.equal(back.lapsed, false);
  assert.equal(back.lapsedSince, undefined);
  assert.equal(back.confirmedAt, "2026-03-08T09:00:00Z");
  assert.equal(back.reconfirmBy, "2026-03-15T09:00:00Z");
  // another party's lapsed item is not folded (the map asks the service for those)
  const other = { ...lapsed, body: { ...lapsed.body, party: "us", id: "base" } };
  assert.equal(knownAt([site, other]).items.get("site:base"), undefined);
});

test("reconfirmation facts are news", () => {
  const who = { party: "ru", signedInAt: 0 };
  assert.match(notice(due, who), /^Reconfirm site clinic by .*, or it lapses$/);
  assert.match(notice(lapsed, who), /^Your site clinic lapsed/);
  assert.match(notice(lapsed, { party: "us", signedInAt: 0 }), /^RU site clinic lapsed/);
  assert.match(notice(restored, { party: "us", signedInAt: 0 }), /in force again \(reconfirmed\)/);
});
