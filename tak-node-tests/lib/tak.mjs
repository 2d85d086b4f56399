// `deconflict demo` with its TAK listener on a free port, and a small streaming TAK client that
// keeps every message the server sends, byte for byte, split as TAK clients split them: XML events
// up to `</event>`, then, once the server accepts TAK protocol 1, `0xBF`, a varint length, a
// TakMessage.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const moduleDir = resolve(here, "..");

/** The demo (encounter 1 of the scenario) with a plain TCP TAK listener; tokens by member. */
export async function startDemo() {
  const jar = process.env.DECONFLICT_JAR || resolve(moduleDir, "..", "cli", "target", "deconflict.jar");
  const data = mkdtempSync(join(tmpdir(), "deconflict-tak-node-"));
  const child = spawn("java", ["-jar", jar, "demo", "--data", data, "--port", "0", "--tak-port", "0", "--encounter", "1", "--speed", "1"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  await new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start in 120 s:\n${out}`)), 120_000);
    child.on("exit", (code) => reject(new Error(`the demo exited with ${code}:\n${out}`)));
    const poll = setInterval(() => {
      if (/TAK listener \(Cursor on Target, plain TCP\): tcp:\/\/\S+:\d+/.test(out)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolveReady();
      }
    }, 100);
  });
  const [, host, port] = out.match(/TAK listener \(Cursor on Target, plain TCP\): tcp:\/\/(\S+):(\d+)/);
  const tokens = {};
  for (const m of out.matchAll(/^(\S+)\s+(\S+)\s+(officer|commander|observer|operator)\s+\S+\s+(dct_\S+)$/gm)) {
    tokens[m[2]] = m[4];
  }
  return {
    host,
    port: Number(port),
    tokens,
    output: () => out,
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

const END = Buffer.from("</event>", "latin1");

/** A streaming client: `messages` holds every message received, `{ format, bytes }`. */
export class TakClient {
  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.protocol = false;
    this.messages = [];
    this.waiters = [];
    socket.on("data", (d) => this.#data(d));
  }

  static connect(host, port) {
    return new Promise((resolveConnect, reject) => {
      const socket = net.connect({ host, port }, () => resolveConnect(new TakClient(socket)));
      socket.once("error", reject);
    });
  }

  #data(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (!this.protocol) {
        const end = this.buffer.indexOf(END);
        if (end < 0) break;
        const bytes = this.buffer.subarray(0, end + END.length);
        this.buffer = this.buffer.subarray(end + END.length);
        const text = bytes.toString("utf8");
        this.#received({ format: "xml", bytes, text });
        if (/type="t-x-takp-r"/.test(text) && /status="true"/.test(text)) this.protocol = true;
      } else {
        if (this.buffer.length < 2) break;
        if (this.buffer[0] !== 0xbf) throw new Error(`expected 0xBF, got ${this.buffer[0]}`);
        let length = 0;
        let shift = 0;
        let i = 1;
        let complete = false;
        while (i < this.buffer.length) {
          const b = this.buffer[i++];
          length += (b & 0x7f) * 2 ** shift;
          shift += 7;
          if ((b & 0x80) === 0) {
            complete = true;
            break;
          }
        }
        if (!complete || this.buffer.length < i + length) break;
        const bytes = this.buffer.subarray(i, i + length);
        this.buffer = this.buffer.subarray(i + length);
        this.#received({ format: "proto", bytes });
      }
    }
  }

  #received(message) {
    this.messages.push(message);
    for (const w of [...this.waiters]) {
      if (w.test(message)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  }

  /** The first message (received already or within `ms`) that `test` accepts. */
  waitFor(test, what, ms = 20_000) {
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolveWait, reject) => {
      const w = { test, resolve: (m) => (clearTimeout(timer), resolveWait(m)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`no ${what} within ${ms} ms; received ${this.messages.length} messages`));
      }, ms);
      this.waiters.push(w);
    });
  }

  send(xml) {
    this.socket.write(xml);
  }

  close() {
    this.socket.destroy();
  }
}

/** A CoT event as a TAK client writes it. */
export function event({ uid, type, time, staleSeconds = 120, lat = 0, lon = 0, hae = 0, how = "m-g", detail = "" }) {
  const t = new Date(time);
  const stale = new Date(t.getTime() + staleSeconds * 1000);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<event version="2.0" uid="${uid}" type="${type}" how="${how}" time="${t.toISOString()}" start="${t.toISOString()}" stale="${stale.toISOString()}">` +
    `<point lat="${lat}" lon="${lon}" hae="${hae}" ce="5.0" le="10.0"/><detail>${detail}</detail></event>`
  );
}

/** A GeoChat message from `uid` to a chat room. */
export function chat(uid, room, text, time) {
  return event({
    uid: `GeoChat.${uid}.${room}.${Date.now()}${Math.random().toString(16).slice(2, 6)}`,
    type: "b-t-f",
    how: "h-g-i-g-o",
    time,
    detail:
      `<__chat chatroom="${room}" id="${room}" senderCallsign="${uid}"><chatgrp uid0="${uid}" uid1="${room}" id="${room}"/></__chat>` +
      `<link uid="${uid}" type="a-f-G-U-C" relation="p-p"/>` +
      `<remarks source="BAO.F.ATAK.${uid}" to="${room}" time="${new Date(time).toISOString()}">${text}</remarks>`,
  });
}
