// Reconfirmation of sites (design-decisions.md, D36) on the web map, in a real browser: the US and
// Russia agree that their sites be reconfirmed every 3 minutes (warned 2 minutes before); Russia
// notifies a clinic. The Russian officer's Plans panel warns that it is due and offers to
// reconfirm it; once it lapsed the US officer's map draws it grey and dashed and its plan row
// says "LAPSED since"; Russia reconfirms it from the page and the US officer sees it in force again.

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

const json = (body) => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

test("reconfirmation: the owner is warned and reconfirms, the other party sees the lapse", async () => {
  const { clock } = await demo.api("us", "/clock").then((c) => ({ clock: c.now }));
  const agreement = await demo.api(
    "mechanism",
    "/agreements",
    json({
      parties: ["us", "ru"],
      effectiveFrom: clock,
      reconfirmEvery: "PT3M",
      reconfirmWarnBefore: "PT2M",
      sharing: { us: "positions", ru: "positions" },
    }),
  );
  assert.ok(agreement.id);
  const site = await demo.api(
    "ru",
    "/sites",
    json({
      type: "Feature",
      id: "ru-clinic",
      properties: { name: "Field clinic", radiusMeters: 3000 },
      geometry: { type: "Point", coordinates: [41.0, 36.7] },
    }),
  );
  assert.equal(site.id, "ru-clinic");

  const ru = await signedIn(browser, demo, "ru");
  const us = await signedIn(browser, demo, "us");
  for (const p of [ru.page, us.page]) await p.locator("#tab-plans").click();

  // the clock runs: a minute later Russia is told to reconfirm its clinic
  await demo.command("speed 10");
  await demo.command("resume");
  const button = ru.page.locator('#plan-list button.reconfirm[data-key="site:ru-clinic"]');
  await button.waitFor({ timeout: 60_000 });
  const ruRow = ru.page.locator("#plan-list li", {
    has: ru.page.locator('button.reconfirm[data-key="site:ru-clinic"]'),
  });
  assert.match(await ruRow.innerText(), /reconfirm by/);
  await shot(ru.page, "reconfirmation-01-due");

  // two minutes on it lapses: the US officer sees it grey, dashed and "LAPSED since"
  const usRow = us.page.locator("#plan-list li.lapsed", { hasText: "ru-clinic" });
  await usRow.waitFor({ timeout: 60_000 });
  await demo.command("pause");
  assert.match(await usRow.innerText(), /LAPSED since/);
  assert.ok((await us.page.locator("path.site.lapsed").count()) >= 1, "a lapsed site is drawn");
  await shot(us.page, "reconfirmation-02-lapsed");
  assert.match(await ruRow.innerText(), /LAPSED since/);

  // Russia reconfirms from its page; the US officer sees it in force again
  await button.click();
  await us.page
    .locator("#plan-list li:not(.lapsed)", { hasText: "ru-clinic" })
    .waitFor({ timeout: 30_000 });
  const { sites } = await demo.api("ru", "/sites");
  const clinic = sites.find((s) => s.id === "ru-clinic");
  assert.equal(clinic.lapsed, false);
  assert.ok(clinic.reconfirmBy);
  await shot(us.page, "reconfirmation-03-restored");
  assert.deepEqual(ru.errors, []);
  assert.deepEqual(us.errors, []);
  await ru.context.close();
  await us.context.close();
});
