import { test } from "node:test";
import assert from "node:assert/strict";
import { drain } from "../src/api.js";
import { sidc, partnersOf } from "../src/symbols.js";

test("the event-stream parser reads whole events and keeps the rest for later", () => {
  const got = [];
  const rest = drain(
    'retry: 2000\n: connected, events after 0\n\nid: 5\nevent: item.notify\ndata: {"seq":5}\n\nid: 6\nevent: alert.raised\ndata: {"se',
    (id, data) => got.push([id, data]),
  );
  assert.deepEqual(got, [["5", '{"seq":5}']]);
  assert.equal(rest, 'id: 6\nevent: alert.raised\ndata: {"se');
  drain(rest + 'q":6}\r\n\r\n: heartbeat\n\n', (id, data) => got.push([id, data]));
  assert.deepEqual(got[1], ["6", '{"seq":6}']);
});

test("symbols: own units friendly, agreement partners neutral, others unknown; the function from the name or the unit's own code", () => {
  const partners = partnersOf("us", [
    { parties: ["ru", "us"], suspended: false },
    { parties: ["sy", "us"], suspended: true },
    { parties: ["ru", "tr"], suspended: false },
  ]);
  assert.deepEqual([...partners], ["ru"]);
  assert.equal(sidc({ name: "US armoured patrol" }, "us", "us", partners), "SFGPUCA--------");
  assert.equal(
    sidc({ name: "Russian military police patrol" }, "ru", "us", partners),
    "SNGPUUM--------",
  );
  assert.equal(sidc({}, "tr", "us", partners), "SUGPU----------");
  assert.equal(
    sidc({}, "sy", "us", partners),
    "SUGPU----------",
    "a suspended agreement vouches for nobody",
  );
  assert.equal(sidc({ sidc: "SHGPUCI--------" }, "us", "us"), "SFGPUCI--------");
  assert.equal(sidc({ sidc: "<script>" }, "us", "us"), "SFGPU----------");
});
