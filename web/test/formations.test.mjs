// Formation alerts (design-decisions.md, D29) as the page reads them: the units of each side as far
// as shared, and the link between a planned conflict and its tactical alert.

import { test } from "node:test";
import assert from "node:assert/strict";
import { knownAt } from "../src/knowledge.js";
import { kindName, formationUnits, linkedStory } from "../src/words.js";

const t = "2022-10-08T07:40:00Z";
const raised = (body) => ({ seq: 1, time: t, type: "alert.raised", body });

test("a formation alert names the units of each side, the other's only as far as shared", () => {
  assert.equal(kindName("formation-formation"), "formations closing");
  const shared = { ownUnits: ["u1", "u2"], otherUnits: ["r1"], otherUnitCount: 1, unitPairs: 2 };
  assert.equal(formationUnits(shared), "u1, u2 against r1 (2 pairs)");
  const hidden = { ownUnits: ["r1"], otherUnitCount: 2, unitPairs: 2 };
  assert.equal(formationUnits(hidden), "r1 against 2 units (2 pairs)");
  assert.equal(formationUnits({ level: "caution" }), "", "a unit-unit alert has no formation");
});

test("a planned alert learns it is tracked live from alert.updated, and keeps its own situation", () => {
  const k = knownAt([
    raised({ id: "al-1", conflictId: "cf-1", kind: "movement-movement", state: "open", level: 1 }),
    {
      seq: 2,
      time: t,
      type: "alert.updated",
      body: {
        alert: "al-1",
        conflictId: "cf-1",
        linked: { alert: "al-3", conflictId: "cf-2", kind: "formation-formation" },
      },
    },
  ]);
  const a = k.alerts.get("al-1");
  assert.equal(a.linked.alert, "al-3");
  assert.equal(a.live, undefined);
  assert.equal(a.history.at(-1).what, "now closing live: al-3");
  assert.equal(
    linkedStory(a, (x) => x),
    "now closing live: al-3",
  );
  const tactical = {
    linked: { alert: "al-1", kind: "movement-movement", plannedClosest: "2022-10-08T07:43:00Z" },
  };
  assert.equal(
    linkedStory(tactical, (x) => x.slice(11, 16)),
    "planned to cross at 07:43, now closing (al-1)",
  );
});
