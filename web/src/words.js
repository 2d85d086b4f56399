// The names the page gives things: conflict kinds, the other party, escalation levels, hotline
// threads, durations. Pure functions, tested in Node.

/** A conflict's kind as the duty officer says it. */
export function kindName(kind) {
  return (
    {
      "movement-movement": "routes cross",
      "movement-site": "route near site",
      "movement-zone": "route enters zone",
      "unit-unit": "units closing",
      "formation-formation": "formations closing",
      "non-conformance": "off plan",
      incursion: "incursion",
    }[kind] || kind
  );
}

/**
 * The units of a formation alert (D29): own ones by id, the other side's by id as far as shared,
 * else how many; "" for any other alert.
 */
export function formationUnits(live) {
  if (!live || !Array.isArray(live.ownUnits)) return "";
  const other = Array.isArray(live.otherUnits)
    ? live.otherUnits.join(", ")
    : `${live.otherUnitCount} unit${live.otherUnitCount === 1 ? "" : "s"}`;
  return `${live.ownUnits.join(", ")} against ${other} (${live.unitPairs} pair${live.unitPairs === 1 ? "" : "s"})`;
}

/** How an alert is linked to the other time scale (D29), or "". */
export function linkedStory(a, utc) {
  if (!a.linked) return "";
  return a.linked.plannedClosest
    ? `planned to cross at ${utc(a.linked.plannedClosest)}, now closing (${a.linked.alert})`
    : `now closing live: ${a.linked.alert}`;
}

/** "with RU", or "" for an alert that has no other party. */
export function otherParty(a) {
  if (a.other && a.other.party) return `with ${a.other.party.toUpperCase()}`;
  return a.kind === "non-conformance" || a.kind === "incursion" ? "" : "with another party";
}

/** Who an escalation level reaches. */
export function ladder(level) {
  return ["", "officers", "commanders", "operators"][level] || "";
}

/** A hotline thread's name for a member of `party` (operators see both parties of a channel). */
export function threadName(t, party, operator = false) {
  if (t.startsWith("pair:")) {
    const ps = t
      .slice(5)
      .split(":")
      .filter((p) => p !== party);
    const both = operator ? ` (${t.slice(5).replace(":", " & ").toUpperCase()})` : "";
    return `Channel with ${ps.map((p) => p.toUpperCase()).join(", ")}${both}`;
  }
  if (t.startsWith("conflict:")) return `Conflict ${t.slice(9)}`;
  return t;
}

/** "PT3H" as "3 h", "PT10M" as "10 min". */
export function duration(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(iso || "");
  if (!m) return iso || "";
  return (
    [m[1] && `${m[1]} h`, m[2] && `${m[2]} min`, m[3] && `${m[3]} s`].filter(Boolean).join(" ") ||
    "0"
  );
}

/**
 * An item's vertical band as the duty officer reads it (D37): a movement's bands per leg, in order
 * with repeats of the same band said once ("3000–3200 m then 2400–2600 m"); a site's or zone's
 * band; "" for an item on the ground band (no band: every height).
 */
export function bandText(properties) {
  const p = properties || {};
  const one = (b) => `${b[0]}–${b[1]} m`;
  if (Array.isArray(p.bands) && p.bands.length) {
    const said = [];
    for (const b of p.bands) {
      const t = one(b);
      if (said[said.length - 1] !== t) said.push(t);
    }
    return said.join(" then ");
  }
  if (Array.isArray(p.band) && p.band.length === 2) return one(p.band);
  return "";
}

/**
 * A joint movement's parties and status as the duty officer reads them (D39): "RU + TR (joint)",
 * the lead first; "" for a movement of one party. `joint` is an item view's `joint`.
 */
export function jointText(joint) {
  if (!joint || !Array.isArray(joint.parties) || joint.parties.length < 2) return "";
  return `${joint.parties.map((p) => String(p).toUpperCase()).join(" + ")} (${joint.status})`;
}
