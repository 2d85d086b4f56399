// The side panel's tabs: Inbox, Hotline, Incidents, Plans (← → move between them).

const $ = (id) => document.getElementById(id);

export function setup(ctx) {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => switchTab(ctx, tab.dataset.tab));
    tab.addEventListener("keydown", (e) => {
      const tabs = [...document.querySelectorAll("[role=tab]")];
      const i = tabs.indexOf(tab);
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
        switchTab(ctx, next.dataset.tab);
        next.focus();
        e.preventDefault();
      }
    });
  }
}

/** Shows the panel `name` at once (a focus may follow in the same task). */
export function switchTab(ctx, name) {
  ctx.store.update({ tab: name });
  for (const tab of document.querySelectorAll("[role=tab]")) {
    const on = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`panel-${tab.dataset.tab}`).hidden = !on;
  }
}
