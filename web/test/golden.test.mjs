// The page's derivations over the golden facts: what the US officer's event stream sends in the
// server module's GoldenFactsTest scenario, recorded from a real server and compared there, so
// these fixtures cannot drift from what the service sends (docs/web.md: re-recording).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { knownAt, inboxOrder, ms } from "../src/knowledge.js";

const facts = JSON.parse(readFileSync(new URL("./golden/us-facts.json", import.meta.url), "utf8"));
const at = (type) => ms(facts.find((f) => f.type === type).time);

test("golden facts: the whole story folds into a resolved, acknowledged alert with its history", () => {
  const k = knownAt(facts);
  assert.equal(k.alerts.size, 1);
  const a = k.alerts.get("al-2");
  assert.equal(a.conflictId, "cf-1");
  assert.equal(a.state, "resolved");
  assert.equal(a.level, 2);
  assert.equal(a.deadline, undefined);
  assert.deepEqual(a.acknowledged, {
    by: "us-officer",
    at: "2022-10-08T06:13:00Z",
    meaning: "seen, not approved",
  });
  assert.deepEqual(
    a.counterpart.map((c) => [c.party, c.counterpart]),
    [["ru", "acknowledged"]],
  );
  assert.equal(a.resolution, "the conflict vanished");
  assert.deepEqual(
    a.history.map((e) => e.what),
    [
      "raised at level 1",
      "escalated to level 2 (commanders)",
      "RU acknowledged it (seen, not approved)",
      "acknowledged by us-officer (seen, not approved)",
      "resolved: the conflict vanished",
    ],
  );
  assert.equal(k.items.size, 0, "the route was cancelled");
  assert.equal(k.agreements.get("ag-1").separationMeters, 1000);
  assert.deepEqual(k.reports.get("us-patrol-1").lat, 36.5);
});

test("golden facts: the hotline thread holds the coded message as rendered and the free text as written", () => {
  const thread = knownAt(facts).threads.get("conflict:cf-1");
  assert.deepEqual(
    thread.map((m) => [m.party, m.code || "", m.code ? m.rendered : m.text]),
    [
      ["us", "request-delay", "Request you delay your movement by 30 minutes."],
      ["ru", "", "We hold at the bridge."],
    ],
  );
});

test("golden facts: the incident carries the other party's account", () => {
  const i = knownAt(facts).incidents.get("inc-1");
  assert.equal(i.kind, "encounter");
  assert.equal(i.recordedBy, "us-officer");
  assert.deepEqual(
    i.accounts.map((x) => [x.by, x.text]),
    [["ru-officer", "our patrol kept to the agreed route"]],
  );
});

test("golden facts: what the US knew between the escalation and the acknowledgements", () => {
  const k = knownAt(facts, at("alert.escalated"));
  const a = k.alerts.get("al-2");
  assert.equal(a.state, "open");
  assert.equal(a.level, 2);
  assert.equal(a.deadline, "2022-10-08T06:40:00Z");
  assert.deepEqual(a.counterpart, []);
  assert.equal(k.threads.size, 0);
  assert.equal(k.items.get("movement:us-1").version, 1);
  assert.deepEqual(
    inboxOrder([...k.alerts.values()]).map((x) => x.id),
    ["al-2"],
  );
});
