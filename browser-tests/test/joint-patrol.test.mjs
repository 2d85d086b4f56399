// Joint movements on the web map (design-decisions.md, D39), in a real browser: Russia notifies a
// joint patrol that the US joins at its second waypoint (both parties are played in the demo, so no
// scripted actor answers for either). Russia's map and plans say "RU + US (proposed)"; the US
// officer's plans offer to accept it; the US officer accepts from the page and both pages then say
// "RU + US (joint)".

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, startBrowser, signedIn, shot } from "../lib/harness.mjs";

let demo;
let browser;

before(async () => {
  demo = await startDemo();
  browser = await startBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (demo) await demo.stop();
});

test("joint-patrol: proposed until the participant accepts from its page, then joint on both", async () => {
  const reply = await demo.api("ru", "/movements", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      type: "Feature",
      id: "ru-us-joint",
      properties: {
        name: "Joint patrol 1",
        times: ["2022-10-08T05:00:00Z", "2022-10-08T05:30:00Z", "2022-10-08T06:00:00Z"],
        participants: [{ party: "us", joinAt: 1 }],
      },
      geometry: {
        type: "LineString",
        coordinates: [
          [40.0, 36.9],
          [40.2, 36.9],
          [40.4, 36.9],
        ],
      },
    }),
  });
  assert.equal(reply.id, "ru-us-joint");

  const ru = await signedIn(browser, demo, "ru");
  const us = await signedIn(browser, demo, "us");
  for (const p of [ru.page, us.page]) await p.locator("#tab-plans").click();

  const ruRow = ru.page.locator("#plan-list .plan-row", { hasText: "Joint patrol 1" });
  await ruRow.locator(".joint").waitFor({ timeout: 30_000 });
  assert.equal(await ruRow.locator(".joint").textContent(), "RU + US (proposed)");
  const route = ru.page.locator("path.joint-route.proposed.movement-ru-ru-us-joint");
  await route.first().waitFor({ state: "attached" });
  await shot(ru.page, "joint-patrol-01-proposed");

  // the participant sees the whole movement and is offered its answer
  const usRow = us.page.locator("#plan-list .plan-row", { hasText: "Joint patrol 1" });
  await usRow.locator(".joint").waitFor({ timeout: 30_000 });
  assert.equal(await usRow.locator(".joint").textContent(), "RU + US (proposed)");
  const accept = us.page.locator('#plan-list button.participation.accept[data-key="ru:ru-us-joint"]');
  await accept.waitFor({ timeout: 30_000 });
  await shot(us.page, "joint-patrol-02-offered");
  await accept.click();

  // both pages hear of it on their streams: joint
  for (const row of [usRow, ruRow]) {
    await row.locator(".joint", { hasText: "(joint)" }).waitFor({ timeout: 30_000 });
    assert.equal(await row.locator(".joint").textContent(), "RU + US (joint)");
  }
  assert.equal(await accept.count(), 0, "answered: no button any more");
  await ru.page.locator("path.joint-route.joint.movement-ru-ru-us-joint").first().waitFor({ state: "attached" });
  await shot(ru.page, "joint-patrol-03-joint");
  assert.deepEqual(ru.errors, []);
  assert.deepEqual(us.errors, []);
  await ru.context.close();
  await us.context.close();
});
