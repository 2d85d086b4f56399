// Starts `deconflict demo` (the real jar, the real scenario) and a headless Debian Chromium, and
// keeps what the tests need: the URL, each party's token, screenshots under target/screenshots.

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const moduleDir = resolve(here, "..");  // browser-tests/
export const screenshots = resolve(moduleDir, "target", "screenshots");

/** The demo on a random port, clock stopped at `start` once the scenario is loaded. */
export async function startDemo({ start = "2022-10-08T04:10:00Z" } = {}) {
  const jar = process.env.DECONFLICT_JAR || resolve(moduleDir, "..", "cli", "target", "deconflict.jar");
  const data = mkdtempSync(join(tmpdir(), "deconflict-browser-"));
  const child = spawn("java", ["-jar", jar, "demo", "--data", data, "--port", "0", "--start", start, "--paused"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const ready = await new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start in 120 s:\n${out}`)), 120_000);
    child.on("exit", (code) => reject(new Error(`the demo exited with ${code}:\n${out}`)));
    const poll = setInterval(() => {
      if (/Commands on standard input/.test(out)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolveReady(out);
      }
    }, 100);
  });
  const base = ready.match(/The map: (http:\/\/[^ \n]+\/)/)[1];
  const tokens = {};
  for (const m of ready.matchAll(/^(\S+)\s+(\S+)\s+(officer|commander|observer|operator)\s+\S+\s+(dct_\S+)$/gm)) {
    tokens[m[1]] = m[4];
  }
  return {
    base,
    tokens,
    output: () => out,
    /** Sends a console command (pause, resume, speed N) and waits for its answer. */
    async command(line) {
      const before = out.length;
      child.stdin.write(`${line}\n`);
      for (let i = 0; i < 100 && out.length === before; i++) await new Promise((r) => setTimeout(r, 50));
    },
    async api(party, path, init = {}) {
      const r = await fetch(`${base}api/v1${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${tokens[party]}`, ...(init.headers || {}) },
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${path}: ${r.status} ${text}`);
      return JSON.parse(text);
    },
    async stop() {
      child.stdin.end("quit\n");
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          r();
        }, 10_000);
        child.on("exit", () => {
          clearTimeout(t);
          r();
        });
      });
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export async function startBrowser() {
  mkdirSync(screenshots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A 1280x800 page signed in as `party`'s officer, recording every byte the service sends to it:
 * each response body, and the event stream as it arrives (read through the DevTools protocol,
 * since a stream never finishes).
 */
export async function signedIn(browser, demo, party) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: "Asia/Damascus" });
  const page = await context.newPage();
  const received = { bodies: [], stream: "", requests: [] };
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => received.requests.push({ url: r.url(), headers: r.headers() }));
  page.on("response", async (r) => {
    if (r.url().includes("/api/v1/events")) return;
    try {
      received.bodies.push({ url: r.url(), body: (await r.body()).toString("utf8") });
    } catch {
      /* the page moved on */
    }
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const streams = new Set();
  cdp.on("Network.responseReceived", async (e) => {
    if (!e.response.url.includes("/api/v1/events")) return;
    streams.add(e.requestId);
    try {
      const r = await cdp.send("Network.streamResourceContent", { requestId: e.requestId });
      received.stream += Buffer.from(r.bufferedData, "base64").toString("utf8");
    } catch (err) {
      received.streamError = String(err);
    }
  });
  cdp.on("Network.dataReceived", (e) => {
    if (streams.has(e.requestId) && e.data) received.stream += Buffer.from(e.data, "base64").toString("utf8");
  });
  await page.goto(`${demo.base}#token=${demo.tokens[party]}`);
  await page.locator("#stream.connected").waitFor({ timeout: 30_000 });
  return { page, context, received, errors };
}

export async function shot(page, name) {
  await page.waitForTimeout(400); // let the map finish a zoom animation
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}
