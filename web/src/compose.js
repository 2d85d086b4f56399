// The hotline's compose form: a coded message from the shared vocabulary with its parameters
// (places can be picked on the map; the preview shows what the other side will read), or free
// text. Observers read only.

import * as time from "./time.js";
import { h, replace } from "./dom.js";
import { pickButton } from "./situation.js";

const $ = (id) => document.getElementById(id);

/**
 * Builds the compose form once: its controls and its one submit handler live as long as the page.
 * When the reader changes the language, the coded messages are shown in it, the draft kept.
 */
export function setupCompose(ctx) {
  const form = $("compose");
  if (!(ctx.canAct() || ctx.isOperator())) {
    replace(
      form,
      h("p", { class: "hint" }, "Observers read the hotline; officers and commanders write."),
    );
    return;
  }
  const { codes } = ctx.store.get().vocabulary;
  const label = (c) => c.text[ctx.store.get().lang] || c.text.en;
  const mode = h(
    "select",
    { id: "compose-mode", "aria-label": "Message kind" },
    h("option", { value: "code" }, "Coded message"),
    h("option", { value: "text" }, "Free text"),
  );
  const code = h(
    "select",
    { id: "compose-code", "aria-label": "Coded message" },
    codes.map((c) => h("option", { value: c.code }, label(c))),
  );
  const params = h("div", { id: "compose-params", class: "params" });
  const text = h("textarea", {
    id: "compose-text",
    rows: 2,
    maxlength: 4000,
    "aria-label": "Message text",
    hidden: true,
  });
  const preview = h("p", { id: "compose-preview", class: "hint", "aria-live": "polite" });
  const error = h("p", { class: "error", role: "alert", id: "compose-error" });
  const send = h("button", { type: "submit", class: "primary", id: "compose-send" }, "Send");
  const paramInput = (pdef) => {
    const id = `param-${pdef.name}`;
    const attrs = {
      id,
      name: pdef.name,
      required: true,
      autocomplete: "off",
      dataset: { type: pdef.type },
    };
    const input =
      pdef.type === "minutes" || pdef.type === "count"
        ? h("input", {
            ...attrs,
            type: "number",
            min: 1,
            max: pdef.type === "minutes" ? 1440 : 100000,
          })
        : h("input", {
            ...attrs,
            placeholder: pdef.type === "place" ? "latitude, longitude" : "HH:MM UTC",
          });
    input.addEventListener("input", updatePreview);
    return h(
      "div",
      { class: "param" },
      h("label", { for: id }, `${pdef.name} (${pdef.description})`),
      input,
      pdef.type === "place" ? pickButton(ctx, input, updatePreview) : null,
    );
  };
  function current() {
    return codes.find((c) => c.code === code.value);
  }
  function readParams() {
    const out = {};
    for (const input of params.querySelectorAll("input")) {
      const t = input.dataset.type;
      if (t === "minutes" || t === "count")
        out[input.name] = input.value === "" ? null : Number(input.value);
      else if (t === "place") out[input.name] = time.parsePlace(input.value);
      else if (t === "time")
        out[input.name] = time.parseUtc(input.value, new Date(ctx.store.get().now).toISOString());
      else out[input.name] = input.value;
    }
    return out;
  }
  function updatePreview() {
    const c = current();
    if (mode.value !== "code" || !c) {
      preview.textContent = "";
      return;
    }
    const values = readParams();
    const types = Object.fromEntries(c.params.map((p) => [p.name, p.type]));
    const shown = (n) => {
      const v = values[n];
      if (v == null) return `{${n}}`;
      if (Array.isArray(v)) return time.formatPlace(v);
      if (types[n] === "minutes") return `${v} min`;
      if (types[n] === "time") return time.utc(v);
      return String(v);
    };
    preview.textContent = `Each reader gets this in their own language: ${label(c).replace(/\{(\w+)\}/g, (_, n) => shown(n))}`;
  }
  function updateParams() {
    const c = current();
    replace(params, c ? c.params.map(paramInput) : []);
    updatePreview();
  }
  mode.addEventListener("change", () => {
    const coded = mode.value === "code";
    code.hidden = !coded;
    params.hidden = !coded;
    text.hidden = coded;
    updatePreview();
  });
  code.addEventListener("change", updateParams);
  // one submit handler for the life of the page, over these controls: a Send posts exactly what
  // they compose (issue 17: one handler more per language change posted words nobody chose)
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (!ctx.store.get().live) {
      error.textContent = "You are looking at the past; press Live to write.";
      return;
    }
    let body;
    if (mode.value === "code") {
      body = { code: code.value, params: readParams() };
      const missing = Object.entries(body.params).find(([, v]) => v == null || v === "");
      if (missing) {
        error.textContent = `${missing[0]} is missing or not readable`;
        const input = $(`param-${missing[0]}`);
        if (input) input.focus();
        return;
      }
    } else {
      body = { text: text.value };
    }
    try {
      const { thread } = ctx.store.get();
      await ctx.api.post(`/hotline/threads/${encodeURIComponent(thread)}/messages`, body);
      text.value = "";
      ctx.toast("Message sent");
    } catch (err) {
      error.textContent = err.message;
    }
  });
  replace(form, h("div", { class: "row" }, mode, code), params, text, preview, error, send);
  updateParams();
  ctx.store.subscribe((state, changed) => {
    if (!changed.includes("lang")) return;
    for (const option of code.options) {
      option.textContent = label(codes.find((c) => c.code === option.value));
    }
    updatePreview();
  });
}
