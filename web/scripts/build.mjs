// Builds the web map into the directory the service serves it from: our own files as they are
// (plain ES modules, no bundler, each preloaded from index.html) and the libraries they use,
// copied from node_modules.
//
//   node scripts/build.mjs [OUT]   (default: target/classes/io/deconflict/web/static)

import { cpSync, mkdirSync, rmSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(root, process.argv[2] || "target/classes/io/deconflict/web/static");
const modules = join(root, "node_modules");

const vendor = [
  ["leaflet/dist/leaflet.js", "vendor/leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.css", "vendor/leaflet/leaflet.css"],
  ["leaflet/dist/images", "vendor/leaflet/images"],
  ["leaflet/LICENSE", "vendor/leaflet/LICENSE"],
  ["milsymbol/dist/milsymbol.js", "vendor/milsymbol.js"],
  ["milsymbol/LICENSE", "vendor/milsymbol.LICENSE"],
  ["topojson-client/dist/topojson-client.min.js", "vendor/topojson-client.min.js"],
  ["topojson-client/LICENSE", "vendor/topojson-client.LICENSE"],
  ["world-atlas/countries-50m.json", "vendor/countries-50m.json"],
  ["world-atlas/LICENSE", "vendor/world-atlas.LICENSE"],
  ["chart.js/dist/chart.umd.min.js", "vendor/chart.umd.min.js"],
  ["chart.js/LICENSE.md", "vendor/chart.js.LICENSE.md"],
];

for (const [from] of vendor) {
  if (!existsSync(join(modules, from))) {
    console.error(`web build: ${join(modules, from)} is missing; run npm ci in ${root} first`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(join(root, "src"), out, { recursive: true });
for (const [from, to] of vendor) {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(join(modules, from), join(out, to), { recursive: true });
}

// Every module app.js imports, directly or not, preloaded from the page itself: without a bundler
// the browser otherwise finds them one level of imports at a time, a round trip each (four levels
// took 1 s of a sign-in on a busy service; docs/web.md).
const reached = [];
const queue = ["app.js"];
while (queue.length) {
  const file = queue.shift();
  if (reached.includes(file)) continue;
  reached.push(file);
  const text = readFileSync(join(root, "src", file), "utf8");
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"\.\/([\w.-]+\.js)"/g)) queue.push(m[1]);
}
const page = join(out, "index.html");
const entry = '<script type="module" src="app.js"></script>';
const html = readFileSync(page, "utf8");
if (!html.includes(entry)) {
  console.error(`web build: ${page} does not load ${entry}`);
  process.exit(1);
}
const links = reached
  .slice(1)
  .map((f) => `<link rel="modulepreload" href="${f}" />`)
  .join("\n    ");
writeFileSync(page, html.replace(entry, `${entry}\n    ${links}`));
console.log(`web build: ${out}`);
