import { test } from "node:test";
import assert from "node:assert/strict";
import { utc, local, parseUtc, parsePlace, placeInput, relative } from "../src/time.js";

test("times are shown in UTC and in the chosen local zone", () => {
  assert.equal(utc("2022-10-08T07:45:12.5Z"), "2022-10-08 07:45 UTC");
  assert.equal(utc("2022-10-08T07:45:12.5Z", true), "2022-10-08 07:45:12 UTC");
  assert.equal(local("2022-10-08T07:45:00Z", "Asia/Damascus"), "10:45 UTC+3 local");
  assert.equal(local("2022-10-08T22:30:00Z", "Asia/Damascus"), "2022-10-09 01:30 UTC+3 local");
  assert.equal(local("2022-10-08T07:45:00Z", "UTC"), "07:45 UTC local");
});

test("an officer's read-back of a time: a time of day takes the alert's date", () => {
  assert.equal(parseUtc("07:43", "2022-10-08T07:43:14Z"), "2022-10-08T07:43:00Z");
  assert.equal(parseUtc("0746", "2022-10-08T07:43:14Z"), "2022-10-08T07:46:00Z");
  assert.equal(parseUtc("2022-10-09 00:05 UTC", "2022-10-08T07:43:14Z"), "2022-10-09T00:05:00Z");
  assert.equal(parseUtc("2022-10-09T00:05Z"), "2022-10-09T00:05:00Z");
  assert.equal(parseUtc("25:00", "2022-10-08T07:43:14Z"), null);
  assert.equal(parseUtc("soon", "2022-10-08T07:43:14Z"), null);
});

test("a place is read latitude first, as people say it", () => {
  assert.deepEqual(parsePlace("37.005, 41.42"), [41.42, 37.005]);
  assert.deepEqual(parsePlace("-33.9 151.2"), [151.2, -33.9]);
  assert.equal(parsePlace("95, 41"), null);
  assert.equal(parsePlace("Qamishli"), null);
  assert.equal(placeInput([41.42, 37.005]), "37.0050, 41.4200");
});

test("relative times", () => {
  const now = Date.parse("2022-10-08T04:00:00Z");
  assert.equal(relative("2022-10-08T07:43:00Z", now), "in 3 h 43 min");
  assert.equal(relative("2022-10-08T03:50:00Z", now), "10 min ago");
  assert.equal(relative("2022-10-08T04:00:10Z", now), "now");
});
