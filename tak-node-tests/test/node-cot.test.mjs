// Every message the TAK listener sends, as a TAK client receives it, parsed by the TAK community's
// @tak-ps/node-cot (the library @tak-ps/node-tak and CloudTAK use): in XML on one connection and in
// TAK protocol 1 on another, over a scenario that makes the server send each kind of message it
// has: the protocol offer and response, sign-in and error replies, pongs, other parties' units,
// alert markers (raised, updated), their deletion, hotline chat. The client on TAK protocol 1
// writes its own messages with node-cot's encoder, so the server reads node-cot's protobuf too.

import { test } from "node:test";
import assert from "node:assert/strict";
import { CoTParser } from "@tak-ps/node-cot";
import { TakClient, chat, event, startDemo } from "../lib/tak.mjs";

const US = "ANDROID-node-us";
const RU = "ANDROID-node-ru";

/** `0xBF`, varint length, message: a TAK protocol 1 stream frame. */
function frame(message) {
  const header = [0xbf];
  let n = message.length;
  while (n >= 0x80) {
    header.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 0x80);
  }
  header.push(n);
  return Buffer.concat([Buffer.from(header), Buffer.from(message)]);
}

/** What node-cot makes of a message: `{ cot }` or `{ error }`. */
async function parse(m) {
  try {
    const cot = m.format === "xml" ? CoTParser.from_xml(m.text) : await CoTParser.from_proto(m.bytes);
    return { cot };
  } catch (error) {
    return { error };
  }
}

const attrs = (cot) => cot.raw.event._attributes;
const remarks = (cot) => cot.raw.event.detail?.remarks?._text ?? "";

test("every message the TAK listener sends parses with node-cot, in XML and in TAK protocol 1", { timeout: 240_000 }, async () => {
  const demo = await startDemo();
  const clients = [];
  try {
    const us = await TakClient.connect(demo.host, demo.port); // stays in XML
    const ru = await TakClient.connect(demo.host, demo.port); // switches to TAK protocol 1
    clients.push(us, ru);
    const isXml = (re) => (m) => m.format === "xml" && re.test(m.text);
    const offer = await us.waitFor(isXml(/type="t-x-takp-v"/), "protocol offer");
    await ru.waitFor(isXml(/type="t-x-takp-v"/), "protocol offer");
    // the demo's clock (simulated) is the time of what the server sends
    let clock = new Date(attrs(CoTParser.from_xml(offer.text)).time).getTime();

    us.send(`<auth><cot username="us-officer" password="${demo.tokens["us-officer"]}" uid="${US}"/></auth>`);
    ru.send(`<auth><cot username="ru-officer" password="${demo.tokens["ru-officer"]}" uid="${RU}"/></auth>`);
    await us.waitFor(isXml(/signed in as us-officer/), "sign-in answer");
    await ru.waitFor(isXml(/signed in as ru-officer/), "sign-in answer");

    ru.send(
      event({ uid: `${RU}-takp`, type: "t-x-takp-q", time: clock, detail: `<TakControl><TakRequest version="1"/></TakControl>` }),
    );
    const response = await ru.waitFor(isXml(/type="t-x-takp-r"/), "protocol response");
    assert.equal(attrs(CoTParser.from_xml(response.text)).uid, `${RU}-takp`, "the response reuses the request's uid");
    assert.ok(ru.protocol, "the server accepted TAK protocol 1");
    const ruSend = async (xml) => ru.socket.write(frame(await CoTParser.to_proto(CoTParser.from_xml(xml))));

    const fromProto = async (m) => (m.format === "proto" ? (await parse(m)).cot : undefined);
    const protoType = (type, extra = () => true) => async (m) => {
      const cot = await fromProto(m);
      return cot && attrs(cot).type === type && extra(cot);
    };
    // XML messages decoded once, for the checks at the end
    const decoded = new Map();
    const cotOf = (m) => {
      if (!decoded.has(m)) decoded.set(m, m.format === "xml" ? CoTParser.from_xml(m.text) : null);
      return decoded.get(m);
    };
    // node-cot decodes protobuf asynchronously: poll what has arrived
    const protoWait = async (type, what, extra = () => true) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        for (const m of ru.messages) {
          if (await protoType(type, extra)(m)) return (await parse(m)).cot;
        }
        if (Date.now() > deadline) throw new Error(`no ${what} in TAK protocol; received ${ru.messages.length} messages`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    // pings
    us.send(event({ uid: `${US}-ping`, type: "t-x-c-t", how: "h-g-i-g-o", time: clock }));
    await ruSend(event({ uid: `${RU}-ping`, type: "t-x-c-t", how: "h-g-i-g-o", time: clock }));
    const pong = await us.waitFor(isXml(/type="t-x-c-t-r"/), "pong");
    assert.equal(attrs(CoTParser.from_xml(pong.text)).uid, "takPong");
    assert.equal(attrs(await protoWait("t-x-c-t-r", "pong")).uid, "takPong");

    // two units 400 m apart, closing: each party sees the other's unit and gets an alert marker
    const closing = (time) => [
      event({ uid: US, type: "a-f-G-U-C", time, lat: 36.5, lon: 38.0, hae: 350, detail: `<contact callsign="NODE US"/><track course="90" speed="4"/>` }),
      event({ uid: RU, type: "a-f-G-U-C-I", time, lat: 36.5, lon: 38.0045, hae: 352, detail: `<contact callsign="NODE RU"/><track course="270" speed="4"/>` }),
    ];
    let [usAtom, ruAtom] = closing(clock);
    us.send(usAtom);
    await ruSend(ruAtom);
    const usMarker = await us.waitFor(isXml(/type="b-m-p-s-m"/), "alert marker");
    const ruMarker = await protoWait("b-m-p-s-m", "alert marker");
    assert.match(remarks(ruMarker), /ACK al-\d+/);

    // a little later, closer: the markers are sent again with the new situation
    clock += 12_000;
    [usAtom, ruAtom] = [
      event({ uid: US, type: "a-f-G-U-C", time: clock, lat: 36.5, lon: 38.00054, hae: 350, detail: `<contact callsign="NODE US"/><track course="90" speed="4"/>` }),
      event({ uid: RU, type: "a-f-G-U-C-I", time: clock, lat: 36.5, lon: 38.00396, hae: 352, detail: `<contact callsign="NODE RU"/><track course="270" speed="4"/>` }),
    ];
    us.send(usAtom);
    await ruSend(ruAtom);
    await us.waitFor(
      (m) => m !== usMarker && isXml(/type="b-m-p-s-m"/)(m) && remarks(CoTParser.from_xml(m.text)) !== remarks(CoTParser.from_xml(usMarker.text)),
      "updated alert marker",
    );

    // hotline chat, a wrong read-back, a room that is not a thread, malformed XML
    us.send(chat(US, "pair:ru:us", "Patrol holding at the bridge.", clock));
    const alertId = remarks(ruMarker).match(/ACK (al-\d+)/)[1];
    await ruSend(chat(RU, "deconflict", `ACK ${alertId} 2001-01-01T00:00:00Z 2001-01-01T00:10:00Z 36.5,38.0`, clock));
    await ruSend(chat(RU, "lobby", "anyone?", clock));
    us.send(`<event version="2.0" uid="broken" type="a-f-G" time="x"><point lat="1"/></event>`);
    await us.waitFor(isXml(/reply="error"/), "error answer");
    await protoWait("b-t-f", "error answer", (cot) => /not a hotline thread/.test(remarks(cot)));

    // apart: the encounter ends, the alerts resolve, the markers are deleted
    clock += 12_000;
    us.send(event({ uid: US, type: "a-f-G-U-C", time: clock, lat: 36.0, lon: 37.5, detail: `<track course="225" speed="4"/>` }));
    await ruSend(event({ uid: RU, type: "a-f-G-U-C-I", time: clock, lat: 37.0, lon: 38.5, detail: `<track course="45" speed="4"/>` }));
    await us.waitFor(isXml(/type="t-x-d-d"/), "marker deletion");
    await protoWait("t-x-d-d", "marker deletion");
    await new Promise((r) => setTimeout(r, 1000)); // whatever else comes

    // every message parses with node-cot
    const failures = [];
    const types = { xml: new Set(), proto: new Set() };
    for (const c of clients) {
      for (const m of c.messages) {
        const { cot, error } = await parse(m);
        if (error) {
          failures.push(`${m.format}: ${error.message}\n  ${m.format === "xml" ? m.text : m.bytes.toString("base64")}`);
        } else {
          types[m.format].add(attrs(cot).type);
        }
      }
    }
    assert.deepEqual(failures, [], `node-cot could not parse ${failures.length} message(s)`);
    for (const t of ["t-x-takp-v", "t-x-takp-r", "t-x-c-t-r", "b-t-f", "b-m-p-s-m", "t-x-d-d", "a-n-G-U-C-I"]) {
      assert.ok(types.xml.has(t), `XML: no ${t} among ${[...types.xml].join(", ")}`);
    }
    for (const t of ["t-x-c-t-r", "b-t-f", "b-m-p-s-m", "t-x-d-d", "a-n-G-U-C"]) {
      assert.ok(types.proto.has(t), `TAK protocol 1: no ${t} among ${[...types.proto].join(", ")}`);
    }
    const version = CoTParser.from_xml(offer.text).raw.event.detail.TakControl.TakServerVersionInfo._attributes;
    assert.match(version.serverVersion, /^deconflict \d+\.\d+\.\d+/);
    assert.equal(String(version.apiVersion), "3");
    // the other party's unit keeps its altitude, in both formats
    const ruUnit = us.messages.map((m) => cotOf(m)).find((c) => c && attrs(c).uid === RU);
    assert.equal(Number(ruUnit.raw.event.point._attributes.hae), 352);
    const usUnit = await protoWait("a-n-G-U-C", "unit", (c) => attrs(c).uid === US);
    assert.equal(Number(usUnit.raw.event.point._attributes.hae), 350);
  } catch (e) {
    e.message += `\n--- demo output ---\n${demo.output().slice(-4000)}`;
    throw e;
  } finally {
    for (const c of clients) c.close();
    await demo.stop();
  }
});
