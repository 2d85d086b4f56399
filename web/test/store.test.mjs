import { test } from "node:test";
import assert from "node:assert/strict";
import { createStore } from "../src/store.js";

test("the store has its declared fields and refuses any other", () => {
  const store = createStore({ lang: "en", live: true });
  assert.deepEqual(store.get(), { lang: "en", live: true });
  assert.throws(() => store.update({ langauge: "ru" }), /"langauge" is not a declared field/);
  assert.equal(store.get().lang, "en", "a refused update changes nothing");
  assert.throws(() => {
    "use strict";
    store.get().lang = "ru";
  }, TypeError);
});

test("subscribers hear of each change once, with the fields that changed, and can unsubscribe", () => {
  const store = createStore({ lang: "en", live: true, at: 0 });
  const heard = [];
  const unsubscribe = store.subscribe((s, changed) => heard.push([s.lang, s.at, changed]));
  store.update({ lang: "ru", live: true });
  store.update({ lang: "ru" }); // no change, no news
  store.update({ at: 5, live: false });
  unsubscribe();
  store.update({ lang: "ar" });
  assert.deepEqual(heard, [
    ["ru", 0, ["lang"]],
    ["ru", 5, ["at", "live"]],
  ]);
  assert.equal(store.get().lang, "ar");
});
