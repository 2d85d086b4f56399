// Regression, issue 17: after the reader changed the message language twice, one Send of a coded
// "request delay 30 minutes" posted three messages to the other party, the intended one and two
// "Received. This acknowledges receipt only" (the vocabulary's first code) nobody chose. Every
// redraw of the compose form added another submit listener to the same form, and the stale ones
// posted from their detached controls' defaults. Checked on the real server, as Russia reads the
// channel.

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

const THREAD = "pair:ru:us";
const fromUs = async () =>
  (await demo.api("ru", `/hotline/threads/${THREAD}/messages?lang=ru`)).messages.filter((m) => m.party === "us");

test("hotline-send-after-language-change: one Send posts exactly the one message composed", async () => {
  const before = await fromUs();
  const { page, context, errors } = await signedIn(browser, demo, "us");

  // the reader changes the language of coded messages twice
  await page.locator("#lang").selectOption("ru");
  await page.locator("#compose-code option", { hasText: "Просим вас задержать движение" }).waitFor({ state: "attached" });
  await page.locator("#lang").selectOption("en");
  await page.locator("#compose-code option", { hasText: "Request you delay your movement" }).waitFor({ state: "attached" });
  await page.locator("#stream.connected").waitFor();

  await page.locator("body").click({ position: { x: 5, y: 790 } });
  await page.keyboard.press("2");
  await page.locator("#thread").selectOption(THREAD);
  await page.locator("#compose-code").selectOption("request-delay");
  await page.locator("#param-minutes").fill("30");
  assert.match(await page.locator("#compose-preview").innerText(), /Request you delay your movement by 30/);
  await page.locator("#compose-send").click();
  await page.locator("#messages .message", { hasText: "Request you delay your movement by 30 minutes." }).waitFor();
  // every listener of one submit event posts at once; give any extra post time to land anyway
  await page.waitForTimeout(1500);
  await shot(page, "20-us-sent-after-language-change");

  const sent = (await fromUs()).slice(before.length);
  assert.deepEqual(
    sent.map((m) => ({ code: m.code, params: m.params, rendered: m.rendered })),
    [{ code: "request-delay", params: { minutes: 30 }, rendered: "Просим вас задержать движение на 30 минут." }],
    "Russia received exactly the message composed",
  );
  assert.equal(await page.locator("#messages .message.mine").count(), before.length + 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("hotline: a draft survives a change of language, shown in the new one", async () => {
  const { page, context, errors } = await signedIn(browser, demo, "us");
  await page.locator("body").click({ position: { x: 5, y: 790 } });
  await page.keyboard.press("2");
  await page.locator("#compose-code").selectOption("request-delay");
  await page.locator("#param-minutes").fill("45");
  await page.locator("#lang").selectOption("ru");
  await page.locator("#compose-preview", { hasText: "Просим вас задержать движение на 45" }).waitFor();
  assert.equal(await page.locator("#compose-code").inputValue(), "request-delay");
  assert.equal(await page.locator("#param-minutes").inputValue(), "45");
  assert.deepEqual(errors, []);
  await context.close();
});
