// Zones that are lines (design-decisions.md, D34) on the web map, in a real browser: Russia
// notifies "stay west of the line" (a line running north with its right-hand side, the east, as
// the zone) and a 3 km buffer around another line; the Russian officer's map draws each line bold
// over its shaded region, the side's region east of its line and the buffer's on both sides and
// past both ends (zones drawn large, 30 km deep and 10 km wide, as the map opens on all Syria).

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

const lineZone = (id, coordinates, properties) =>
  JSON.stringify({
    type: "Feature",
    id,
    properties: { name: id, ...properties },
    geometry: { type: "LineString", coordinates },
  });

test("line-zone: each line is drawn over its shaded region, a side's region on its side only", async () => {
  const post = (body) =>
    demo.api("ru", "/zones", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
  const side = await post(
    lineZone("ru-west-of-line", [[39.5, 35.2], [39.55, 35.5], [39.5, 35.8]], {
      side: "right",
      depthMeters: 30000,
    }),
  );
  assert.equal(side.id, "ru-west-of-line");
  const buffer = await post(
    lineZone("ru-border-strip", [[38.8, 35.0], [39.2, 35.0]], { bufferMeters: 10000 }),
  );
  assert.equal(buffer.id, "ru-border-strip");
  const { zones } = await demo.api("ru", "/zones");
  const drawn = zones.find((z) => z.id === "ru-west-of-line");
  assert.equal(drawn.outline.type, "Polygon", "the service sends the region to draw");

  const { page, context, errors } = await signedIn(browser, demo, "ru");
  const lines = page.locator("path.line-zone");
  const regions = page.locator("path.line-zone-region");
  await lines.nth(1).waitFor();
  await regions.nth(1).waitFor();
  assert.equal(await lines.count(), 2);
  assert.equal(await regions.count(), 2);
  await shot(page, "line-zone-01");

  // Leaflet draws them in the order of the list (by id): the border strip, then the side.
  const [stripLine, sideLine] = [await lines.nth(0).boundingBox(), await lines.nth(1).boundingBox()];
  const [stripArea, sideArea] = [
    await regions.nth(0).boundingBox(),
    await regions.nth(1).boundingBox(),
  ];
  // the side: its region starts at the line's west-most point and reaches well east of it
  assert.ok(sideArea.x >= sideLine.x - 2, `side region ${JSON.stringify(sideArea)} west of its line ${JSON.stringify(sideLine)}`);
  assert.ok(
    sideArea.x + sideArea.width > sideLine.x + sideLine.width + 10,
    `side region ${JSON.stringify(sideArea)} east of its line ${JSON.stringify(sideLine)}`,
  );
  // ... along the whole line: both segments' sides are shaded (regression: only the larger piece
  // of the outline was drawn, SideOutlineKeepsEverySegmentTest)
  assert.ok(sideArea.y <= sideLine.y + 2, `side region ${JSON.stringify(sideArea)} up to the line's north end`);
  assert.ok(
    sideArea.y + sideArea.height >= sideLine.y + sideLine.height - 2,
    `side region ${JSON.stringify(sideArea)} down to the line's south end ${JSON.stringify(sideLine)}`,
  );
  // the buffer: its region on both sides of the line, and past both ends
  const box = `strip region ${JSON.stringify(stripArea)}, line ${JSON.stringify(stripLine)}`;
  assert.ok(stripArea.y < stripLine.y - 3, box);
  assert.ok(stripArea.y + stripArea.height > stripLine.y + stripLine.height + 3, box);
  assert.ok(stripArea.x < stripLine.x, box);
  assert.ok(stripArea.x + stripArea.width > stripLine.x + stripLine.width, box);
  assert.deepEqual(errors, []);
  await context.close();
});
