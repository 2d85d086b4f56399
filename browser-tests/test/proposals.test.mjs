// Resolution proposals (design-decisions.md, D41) on the web map, in a real browser on the
// northeast Syria scenario: the US officer opens a planned crossing's alert and reads what the
// service found (how long either movement would have to wait, exact to the second); it refuses
// Russia's proposal on the conflict's thread, then accepts a delay of its own movement: the service
// writes the movement's new version as the US's and the alert resolves. Russia reads the answer on
// the thread in Russian. A third party's officer cannot open the alert nor its proposals.

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

test("proposals: shown with the alert, refused, then accepted by the owner", async () => {
  // A planned US-Russia conflict whose US movement has not started and has a whole-minute delay.
  const { alerts } = await demo.api("us", "/alerts?state=open&limit=1000");
  let alert;
  let proposals;
  for (const a of alerts.filter((x) => x.kind === "movement-movement" && x.other?.party === "ru")) {
    const p = await demo.api("us", `/alerts/${a.id}/proposals`);
    if (p.yours?.delayMinutes) {
      alert = a;
      proposals = p;
      break;
    }
  }
  assert.ok(alert, "a US-Russia crossing with a proposal");
  const before = await demo.api("us", `/movements/${alert.own.item}`);

  const { page, context, errors } = await signedIn(browser, demo, "us");
  await page.locator(`#alert-list [data-key="${alert.id}"]`).click();
  const text = page.locator("#proposal-text");
  await text.waitFor({ timeout: 30_000 });
  assert.equal(await text.innerText(), proposals.text);
  assert.match(proposals.text, /^Delay yours by /);
  const accept = page.locator("#proposal-accept-delay");
  assert.equal(await accept.innerText(), `Accept: delay ours by ${proposals.yours.delayMinutes} min`);
  await shot(page, "proposals-01-shown");

  // Refuse: a coded message on the conflict's thread, which Russia reads in Russian.
  await page.locator("#proposal-refuse").click();
  const thread = encodeURIComponent(`conflict:${alert.conflictId}`);
  const read = async () =>
    (await demo.api("ru", `/hotline/threads/${thread}/messages?lang=ru`)).messages;
  for (let i = 0; i < 50 && !(await read()).some((m) => m.code === "refuse-proposal"); i++) {
    await page.waitForTimeout(100);
  }
  const refused = (await read()).find((m) => m.code === "refuse-proposal");
  assert.equal(refused.rendered, "Отклоняем предложение.");

  // Accept: the movement's new version, by the US's own click; the alert resolves.
  await accept.click();
  for (let i = 0; i < 100; i++) {
    const a = await demo.api("us", `/alerts/${alert.id}`);
    if (a.state === "resolved") break;
    await page.waitForTimeout(100);
  }
  const after = await demo.api("us", `/movements/${alert.own.item}`);
  assert.equal(after.version, before.version + 1);
  const shift = Date.parse(after.feature.properties.times[0]) - Date.parse(before.feature.properties.times[0]);
  assert.equal(shift, proposals.yours.delayMinutes * 60_000);
  assert.equal((await demo.api("us", `/alerts/${alert.id}`)).state, "resolved");
  const answered = (await read()).find((m) => m.code === "will-delay");
  assert.match(answered.rendered, /^Задерживаем движение на \d+/);
  await page.locator("#alert-detail", { hasText: "Resolved" }).waitFor({ timeout: 30_000 });
  await shot(page, "proposals-02-accepted");

  // A third party sees neither the alert nor its proposals.
  await assert.rejects(demo.api("tr", `/alerts/${alert.id}/proposals`), /404/);
  assert.deepEqual(errors, []);
  await context.close();
});
