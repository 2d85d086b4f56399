// The sign-in benchmark's browser half (issue 16's target: the web map usable within 2 s of
// sign-in at 30,000 units). Run by LiveBench's `browser` phase against its running service:
//
//   node browser-tests/bench/sign-in.mjs --base http://127.0.0.1:PORT/ --token dct_... --units N
//       [--follow MS] [--limit MS] [--profile FILE.cpuprofile]
//
// Opens the map in Debian's headless Chromium, signs in with the token and prints one JSON line:
// the time from navigation to the end of the first redraw after the sign-in picture was taken in
// (the page's `deconflict:picture` mark) that drew at least N live units (`usable`), the
// redraws' durations (the page's `deconflict:draw` measures), how long a pan of the map then waits
// for the next frame, and the longest task the page ran in the window after sign-in.

import { startBrowser } from "../lib/harness.mjs";

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(" ")
    .split("--")
    .filter(Boolean)
    .map((a) => a.trim().split(/\s+/)),
);
const base = args.base;
const token = args.token;
const units = Number(args.units || 0);
const follow = Number(args.follow || 10_000);
const limit = Number(args.limit || 300_000);
const profile = args.profile; // a file for a DevTools CPU profile of the sign-in, if given
if (!base || !token) {
  console.error(
    "usage: sign-in.mjs --base URL --token TOKEN [--units N] [--follow MS]",
  );
  process.exit(2);
}

const browser = await startBrowser();
try {
  console.log(JSON.stringify(await measure()));
} finally {
  await browser.close();
}

async function measure() {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // every request of the page but the stream: path, status, bytes, milliseconds (or how long an
  // unfinished one had waited)
  const requests = new Map();
  page.on("request", (r) => {
    if (!r.url().includes("/api/v1/events"))
      requests.set(r, {
        path: new URL(r.url()).pathname + new URL(r.url()).search,
        at: Date.now(),
      });
  });
  page.on("requestfinished", async (r) => {
    const q = requests.get(r);
    if (!q) return;
    q.ms = Date.now() - q.at;
    const sizes = await r.sizes().catch(() => null);
    q.bytes = sizes ? sizes.responseBodySize : undefined;
    // a request that finishes as the browser closes has no response to read any more: without the
    // catch that rejection ended the script non-zero after it had printed its result
    q.status = (await r.response().catch(() => null))?.status();
  });
  const network = () =>
    [...requests.values()].map(({ path, ms, bytes, status, at }) =>
      ms === undefined
        ? { path, pendingMs: Date.now() - at }
        : { path, status, bytes, ms },
    );
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries())
        window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  });
  let cdp = null;
  if (profile) {
    cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
    await cdp.send("Profiler.start");
  }
  const t0 = Date.now();
  await page.goto(`${base}#token=${token}`);
  let first;
  try {
    const drawn = await page.waitForFunction(
      (n) => {
        // the first redraw after the sign-in picture was taken in, with every live unit
        const picture = performance.getEntriesByName("deconflict:picture")[0];
        if (!picture) return null;
        const d = performance.getEntriesByName("deconflict:draw");
        const hit = d.find(
          (e) =>
            e.startTime >= picture.startTime && e.detail && e.detail.units >= n,
        );
        return hit
          ? {
              at: hit.startTime + hit.duration,
              units: hit.detail.units,
              alerts: hit.detail.alerts,
            }
          : null;
      },
      units,
      { timeout: limit, polling: 50 },
    );
    first = await drawn.jsonValue();
  } catch (e) {
    if (e.name !== "TimeoutError") throw e;
    // not usable within the limit: say so, with what it had drawn by then
    const draws = await page
      .evaluate(() =>
        performance
          .getEntriesByName("deconflict:draw")
          .map((d) => [d.duration, d.detail]),
      )
      .catch(() => "the page did not answer");
    await saveProfile(cdp);
    return {
      usableMs: null,
      limitMs: limit,
      wallMs: Date.now() - t0,
      draws,
      network: network(),
      errors,
    };
  }
  await saveProfile(cdp);
  const usableMs = first.at; // performance.now() counts from the navigation's start
  // a pan right after: how long until the page paints again
  const panMs = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const t = performance.now();
        const el = document.getElementById("map");
        el.dispatchEvent(
          new KeyboardEvent("keydown", {
            key: "ArrowRight",
            keyCode: 39,
            bubbles: true,
          }),
        );
        requestAnimationFrame(() =>
          requestAnimationFrame(() => resolve(performance.now() - t)),
        );
      }),
  );
  await page.waitForTimeout(follow);
  const after = await page.evaluate((from) => {
    const draws = performance.getEntriesByName("deconflict:draw").map((e) => ({
      start: e.startTime,
      ms: e.duration,
      units: e.detail && e.detail.units,
    }));
    const tasks = window.__longTasks
      .filter(([s]) => s >= from)
      .map(([, d]) => d);
    return {
      draws,
      longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
      longTasks: tasks.length,
    };
  }, usableMs);
  const later = after.draws.filter((d) => d.start > usableMs);
  return {
    usableMs: Math.round(usableMs),
    wallMs: Date.now() - t0,
    units: first.units,
    alerts: first.alerts,
    firstDrawMs: Math.round(
      after.draws.find((d) => d.units >= units)?.ms ?? NaN,
    ),
    redraws: later.length,
    redrawMaxMs: Math.round(later.reduce((m, d) => Math.max(m, d.ms), 0)),
    panMs: Math.round(panMs),
    longestTaskMs: Math.round(after.longestTaskMs),
    longTasks: after.longTasks,
    network: network(),
    errors,
  };
}

async function saveProfile(cdp) {
  if (!cdp) return;
  const { profile: p } = await cdp.send("Profiler.stop");
  const { writeFileSync } = await import("node:fs");
  writeFileSync(profile, JSON.stringify(p));
}
