// Formations (design-decisions.md, D29) on the web map, in a real browser on the northeast Syria
// scenario: a 3-vehicle US patrol reporting under its notified movement us-e5-oil-field meets a
// 3-vehicle Russian patrol under ru-e5-oil-field. The US officer sees one "formations closing"
// alert for the nine unit pairs, with its own units, how many Russian ones (Russia shares only its
// conflicts with the US) and the closest pair, linked both ways to the planned al-Qahtaniyah
// crossing of the same two movements.

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

/** A column of three vehicles 500 m apart, the lead at `lon`, at 15 m/s on `course`. */
function patrol(prefix, lon, course, movement, time) {
  const behind = course === 90 ? -1 : 1;
  return [0, 1, 2].map((k) => ({
    unit: `${prefix}-${k + 1}`,
    time,
    lon: lon + (behind * k * 500) / 89_000,
    lat: 37.005,
    course,
    speed: 15,
    movement,
  }));
}

test("formation-alert: one alert for two patrols, with their units, linked to the planned crossing", async () => {
  const { clock } = { clock: (await demo.api("us", "/clock")).now };
  const time = new Date(Date.parse(clock) - 5000).toISOString();
  const post = (party, reports) =>
    demo.api(party, "/positions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(reports),
    });
  await post("us", patrol("us-e5-v", 41.4, 90, "us-e5-oil-field", time));
  await post("ru", patrol("ru-e5-v", 41.44, 270, "ru-e5-oil-field", time));

  const { alerts } = await demo.api("us", "/alerts?limit=1000");
  const tactical = alerts.filter((a) => a.kind === "formation-formation");
  assert.equal(tactical.length, 1, "one alert for the pair of patrols, not nine");
  const planned = alerts.find((a) => a.id === tactical[0].linked.alert);
  assert.equal(planned.kind, "movement-movement");
  assert.equal(planned.own.item, "us-e5-oil-field");

  const { page, context, errors } = await signedIn(browser, demo, "us");
  const row = page.locator(`#alert-list [data-key="${tactical[0].id}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /formations closing · with RU/);
  await row.click();
  await page.locator("#alert-title").waitFor();
  const detail = await page.locator("#alert-detail").innerText();
  // Russia shares only its conflicts with the US in the scenario: its units are counted, not named
  assert.match(detail, /Units\s+us-e5-v-1, us-e5-v-2, us-e5-v-3 against 3 units \(9 pairs\)/);
  assert.match(detail, /Closest pair\s+us-e5-v-1\n/);
  assert.doesNotMatch(detail, /ru-e5-v/);
  assert.match(detail, new RegExp(`Linked\\s+planned to cross at .* UTC, now closing \\(${planned.id}\\)`));
  await shot(page, "formation-01-tactical");

  // the planned alert tells the same story from the other end
  await page.locator(`#alert-list [data-key="${planned.id}"]`).click();
  await page.locator("#alert-detail", { hasText: `now closing live: ${tactical[0].id}` }).waitFor();
  await shot(page, "formation-02-planned");
  assert.deepEqual(errors, []);
  await context.close();
});
