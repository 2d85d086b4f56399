// The service's HTTP API as the browser uses it: every request carries the member's bearer token,
// errors come back as RFC 9457 problems, and the event stream is read with fetch (EventSource
// cannot send the Authorization header).

export const BASE = "/api/v1";

/** A refused request: the problem document the service sent, or a network failure. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.field = problem.field || "";
  }
}

export class Api {
  constructor(token) {
    this.token = token;
  }

  async request(method, path, body) {
    const headers = { Authorization: `Bearer ${this.token}` };
    const init = { method, headers, cache: "no-store" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(BASE + path, init);
    } catch (e) {
      throw new ApiError(0, {
        title: "Network error",
        detail: `the service did not answer (${e.message})`,
      });
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = { detail: text };
      }
    }
    if (!response.ok) {
      throw new ApiError(response.status, json || { title: `HTTP ${response.status}` });
    }
    return json;
  }

  get(path) {
    return this.request("GET", path);
  }

  /** The body of `GET path` as a Blob (a PDF); a refusal as an ApiError, like every request. */
  async download(path) {
    let response;
    try {
      response = await fetch(BASE + path, {
        headers: { Authorization: `Bearer ${this.token}` },
        cache: "no-store",
      });
    } catch (e) {
      throw new ApiError(0, {
        title: "Network error",
        detail: `the service did not answer (${e.message})`,
      });
    }
    if (!response.ok) {
      const text = await response.text();
      let problem;
      try {
        problem = JSON.parse(text);
      } catch {
        problem = { detail: text || `HTTP ${response.status}` };
      }
      throw new ApiError(response.status, problem);
    }
    return response.blob();
  }

  post(path, body) {
    return this.request("POST", path, body);
  }

  /**
   * Follows the member's event stream from after `lastSeq`, calling `onFact` for every fact in
   * order, reconnecting (resuming with Last-Event-ID) whenever the stream ends, until `stop()`.
   */
  follow(lastSeq, lang, onFact, onState) {
    let stopped = false;
    let controller = null;
    let seq = lastSeq;
    const run = async () => {
      while (!stopped) {
        controller = new AbortController();
        try {
          const response = await fetch(`${BASE}/events?lang=${encodeURIComponent(lang)}`, {
            headers: { Authorization: `Bearer ${this.token}`, "Last-Event-ID": String(seq) },
            signal: controller.signal,
            cache: "no-store",
          });
          if (response.status === 401) {
            onState("unauthorized");
            return;
          }
          if (!response.ok || !response.body) {
            throw new Error(`HTTP ${response.status}`);
          }
          onState("connected");
          await readEvents(response.body, (id, data) => {
            const fact = JSON.parse(data);
            seq = Math.max(seq, Number(id) || fact.seq || seq);
            onFact(fact);
          });
        } catch {
          if (stopped) return;
        }
        if (!stopped) {
          onState("reconnecting");
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
    };
    run();
    return {
      stop() {
        stopped = true;
        if (controller) controller.abort();
      },
    };
  }
}

/** Reads a text/event-stream body, calling `onEvent(id, data)` for each event with data. */
export async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    buffer = drain(buffer, onEvent);
  }
}

/** Parses the complete events at the front of `buffer`; returns what is left. Exported for tests. */
export function drain(buffer, onEvent) {
  for (;;) {
    const end = buffer.search(/\r?\n\r?\n/);
    if (end < 0) return buffer;
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
    let id = "";
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") id = value;
      else if (field === "data") data.push(value);
    }
    if (data.length) onEvent(id, data.join("\n"));
  }
}
