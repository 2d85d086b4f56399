// Air movements on the web map (design-decisions.md, D37), in a real browser: the US notifies a
// drone route with a band per leg; the US officer's map draws it as an air route whose label says
// the band, and the plans list shows the band beside the item's times.

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

test("air-band: an air movement's label and its plans row say its band", async () => {
  const reply = await demo.api("us", "/movements", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      type: "Feature",
      id: "us-drone-air",
      properties: {
        name: "Drone 7",
        times: ["2022-10-08T05:00:00Z", "2022-10-08T05:30:00Z", "2022-10-08T06:00:00Z"],
        bands: [
          [3000, 3200],
          [2400, 2600],
        ],
      },
      geometry: {
        type: "LineString",
        coordinates: [
          [38.6, 35.5, 3100],
          [38.9, 35.7, 3100],
          [39.2, 35.9, 2500],
        ],
      },
    }),
  });
  assert.equal(reply.id, "us-drone-air");

  const { page, context, errors } = await signedIn(browser, demo, "us");
  // the demo's own US drone (encounter 6) is an air route too: this one by its item's class
  const route = page.locator("path.air-route.movement-us-us-drone-air");
  await route.first().waitFor({ state: "attached" });
  assert.equal(await route.count(), 1, "one air route for the drone");
  await shot(page, "air-band-01");

  // its label: hover the route until Leaflet's tooltip shows (a thin line running north-east from
  // the box's lower left to its upper right; try a few spots along it)
  const box = await route.first().boundingBox();
  let tip = "";
  for (const f of [0.25, 0.75, 0.35, 0.65, 0.15]) {
    await page.mouse.move(box.x + box.width * f, box.y + box.height * (1 - f));
    // the route's label, not a waypoint's (those say only the waypoint's time)
    const t = page.locator(".leaflet-tooltip", { hasText: "✈" });
    try {
      await t.first().waitFor({ timeout: 2000 });
      tip = await t.first().textContent();
      break;
    } catch {
      // missed the line; try the next spot
    }
  }
  assert.match(tip, /3000–3200 m then 2400–2600 m/, `tooltip: ${tip}`);

  const row = page.locator("#plan-list .plan-row", { hasText: "Drone 7" });
  assert.match(await row.locator(".band").textContent(), /3000–3200 m then 2400–2600 m/);
  assert.deepEqual(errors, []);
  await context.close();
});
