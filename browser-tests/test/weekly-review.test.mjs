// The weekly review (issue 15, part 2; web.md "The weekly review", D43) in a real browser on the
// northeast Syria scenario: the US officer opens the review of the US–Russia agreement for the week
// of the al-Qahtaniyah encounter (2022-W40, which has conflicts), reads the figures the service
// computed for the US in every section the page shows, sees a mark per place on the small map and
// downloads the PDF for the meeting. Turkey, not a party of that agreement, gets 404 for the
// review and for its PDF.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startDemo, startBrowser, signedIn, shot, screenshots } from "../lib/harness.mjs";

let demo;
let browser;
const WEEK = "2022-W40";

before(async () => {
  demo = await startDemo();
  browser = await startBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (demo) await demo.stop();
});

const facts = async (page, label) =>
  Object.fromEntries(
    await page
      .locator(`dl[aria-label="${label}"]`)
      .evaluate((dl) => [...dl.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])),
  );

const rows = (page, caption) =>
  page
    .locator(".review-table", { has: page.locator("caption", { hasText: caption }) })
    .evaluate((t) => [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)));

test("weekly review: the US officer reads its week, sees the places and downloads the PDF", async () => {
  const { agreements } = await demo.api("us", "/agreements");
  const agreement = agreements.find((a) => a.parties.includes("us") && a.parties.includes("ru"));
  assert.ok(agreement, "the demo's US–Russia agreement");
  const review = await demo.api("us", `/agreements/${agreement.id}/reviews/${WEEK}`);
  assert.equal(review.viewer, "us");
  assert.ok(review.conflicts.total > 0, `${WEEK} has conflicts in the demo`);

  const { page, context, errors } = await signedIn(browser, demo, "us");
  await page.locator("#review-button").click();
  await page.locator("#review-agreement").selectOption(agreement.id);
  await page.locator("#review-week").fill(WEEK);
  await page.locator(".review-title", { hasText: `agreement ${agreement.id}, ${WEEK}` }).waitFor({ timeout: 30_000 });

  const figures = await facts(page, "Figures");
  const c = review.conflicts;
  assert.equal(figures["Conflicts found"], `${c.total} (${c.strategic} strategic, ${c.tactical} tactical)`);
  const alertsBy = Object.values(review.alerts.byParty);
  const raised = alertsBy.reduce((s, a) => s + a.raised, 0);
  const acknowledged = alertsBy.reduce((s, a) => s + a.acknowledged, 0);
  assert.equal(figures["Alerts raised"], `${raised} (${acknowledged} acknowledged)`);
  assert.equal(figures["Incidents"], String(review.incidents.length));
  assert.equal(figures["Compliance flags"], String(review.compliance.length));
  assert.equal((await facts(page, "The review"))["Parties"], review.parties.map((p) => p.toUpperCase()).join(", "));

  // the conflicts' table: one row per conflict, in the review's order, with its alert and distance
  const conflicts = await rows(page, "Conflicts");
  assert.deepEqual(
    conflicts.map((r) => [r[0], r[5]]),
    // a conflict with a zone has no distance: "—"
    c.list.map((k) => [k.alert, typeof k.distanceMeters === "number" ? `${Math.round(k.distanceMeters)} m` : "—"]),
  );
  // alerts per recipient: raised, acknowledged, unacknowledged as the service counted them
  const alerts = await rows(page, "Alerts per recipient");
  assert.deepEqual(
    alerts.map((r) => r.slice(0, 4)),
    Object.entries(review.alerts.byParty).map(([p, a]) => [
      p.toUpperCase(),
      String(a.raised),
      String(a.acknowledged),
      String(a.unacknowledged),
    ]),
  );
  // the day-by-hour table holds every conflict of byDayHour
  const cells = await page.locator("table.heat td").evaluateAll((tds) => tds.map((td) => Number(td.dataset.count)));
  assert.equal(cells.length, 7 * 24);
  assert.equal(
    cells.reduce((a, b) => a + b, 0),
    c.byDayHour.reduce((s, [, , n]) => s + n, 0),
  );
  // the charts were drawn, and the small map has a mark per conflict and incident
  assert.equal(await page.locator(".review-charts canvas").count(), 2);
  const conflictsPlaced = review.places.filter((p) => p.kind === "conflict").length;
  const incidentsPlaced = review.places.filter((p) => p.kind === "incident").length;
  await page.locator("#review-map").scrollIntoViewIfNeeded();
  assert.equal(await page.locator("#review-map path.review-conflict-mark").count(), conflictsPlaced);
  assert.equal(await page.locator("#review-map .review-incident-mark").count(), incidentsPlaced);
  await page.locator(".review-title").scrollIntoViewIfNeeded();
  await shot(page, "weekly-review-01-us");
  await page.locator("#review-h-charts").scrollIntoViewIfNeeded();
  await shot(page, "weekly-review-02-charts");
  await page.locator("#review-h-map").scrollIntoViewIfNeeded();
  await shot(page, "weekly-review-03-map");

  // the PDF for the meeting: the same review, as a document
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#review-pdf").click()]);
  assert.equal(download.suggestedFilename(), `review-${agreement.id}-${WEEK}.pdf`);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  const pdf = Buffer.concat(chunks);
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
  assert.ok(pdf.length > 20_000, `a PDF with charts and a map (${pdf.length} bytes)`);
  writeFileSync(join(screenshots, "weekly-review.pdf"), pdf);

  // back to the map
  await page.locator("#review-close").click();
  await page.locator("#map").waitFor({ state: "visible" });
  assert.deepEqual(errors, []);
  await context.close();

  // Turkey is a party of no agreement with the US or Russia: no review, no PDF
  for (const path of [`/agreements/${agreement.id}/reviews/${WEEK}`, `/agreements/${agreement.id}/reviews/${WEEK}.pdf`]) {
    const r = await fetch(`${demo.base}api/v1${path}`, { headers: { Authorization: `Bearer ${demo.tokens.tr}` } });
    assert.equal(r.status, 404, path);
  }
});
