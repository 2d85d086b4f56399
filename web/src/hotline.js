// The hotline: the party's channels and conflict threads, the chosen thread's messages oldest
// first (coded messages in the chosen language, Arabic right to left; free text as written), and
// the compose form (compose.js).

import { h, replace } from "./dom.js";
import { threadName } from "./words.js";
import { setupCompose } from "./compose.js";
import { switchTab } from "./tabs.js";

const $ = (id) => document.getElementById(id);

export function setup(ctx) {
  $("thread").addEventListener("change", () => ctx.store.update({ thread: $("thread").value }));
  setupCompose(ctx);
}

/** Shows `thread` (a conflict's thread may have no message yet) with the focus on its list. */
export function openThread(ctx, thread) {
  const { threads } = ctx.store.get();
  ctx.store.update({ threads: threads.includes(thread) ? threads : [...threads, thread], thread });
  switchTab(ctx, "hotline");
  requestAnimationFrame(() => $("thread").focus());
}

export function render(ctx, s, p) {
  const select = $("thread");
  const names = s.threads.map((t) => `${t}=${(p.k.threads.get(t) || []).length}`).join(",");
  if (select.dataset.names !== names || select.value !== s.thread) {
    select.dataset.names = names;
    replace(
      select,
      s.threads.map((t) =>
        h(
          "option",
          { value: t, selected: t === s.thread },
          `${threadName(t, s.me.party, ctx.isOperator())}${(p.k.threads.get(t) || []).length ? ` (${(p.k.threads.get(t) || []).length})` : ""}`,
        ),
      ),
    );
    select.value = s.thread;
  }
  const msgs = p.k.threads.get(s.thread) || [];
  const list = $("messages");
  const sig = `${s.thread}:${msgs.length}:${s.lang}:${s.zone}`;
  if (list.dataset.sig === sig) return;
  list.dataset.sig = sig;
  replace(
    list,
    msgs.length
      ? msgs.map((m) =>
          h(
            "li",
            { class: `message${m.party === s.me.party ? " mine" : ""}`, dataset: { id: m.id } },
            h(
              "div",
              { class: "meta" },
              `${m.party.toUpperCase()} ${m.from} · ${ctx.fmt(m.at)}${m.code ? ` · coded: ${m.code}` : ""}`,
            ),
            h(
              "div",
              { class: "text", lang: m.language || false, dir: m.rightToLeft ? "rtl" : "auto" },
              m.code ? m.rendered : m.text,
            ),
          ),
        )
      : h("li", { class: "empty" }, "No messages yet."),
  );
  list.scrollTop = list.scrollHeight;
}
