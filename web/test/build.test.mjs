// The build preloads every module the page imports, so the browser asks for them all at once
// instead of one level of imports per round trip (docs/web.md, sign-in at 30,000 units).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");

test("the built page preloads every module app.js reaches, and nothing else", () => {
  const out = mkdtempSync(join(tmpdir(), "deconflict-web-"));
  try {
    execFileSync(process.execPath, [join(web, "scripts", "build.mjs"), out], { stdio: "pipe" });
    const html = readFileSync(join(out, "index.html"), "utf8");
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map(
      (m) => m[1],
    );
    // what the modules import, followed from app.js
    const seen = new Set();
    const queue = ["app.js"];
    while (queue.length) {
      const f = queue.shift();
      if (seen.has(f)) continue;
      seen.add(f);
      const text = readFileSync(join(web, "src", f), "utf8");
      for (const m of text.matchAll(/from "\.\/([\w.-]+\.js)"/g)) queue.push(m[1]);
    }
    seen.delete("app.js");
    assert.deepEqual(new Set(preloaded), seen);
    assert.equal(preloaded.length, seen.size, "each module once");
    const own = readdirSync(join(web, "src")).filter((f) => f.endsWith(".js"));
    for (const f of preloaded) assert.ok(own.includes(f), `${f} is one of ours`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
