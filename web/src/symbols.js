// MIL-STD-2525C symbol codes for the units on the map. The symbol is drawn by milsymbol; this
// module only chooses the code: the affiliation from who is looking, the function from what the
// party shared about the unit.

/**
 * 2525C affiliation letter of `party` as seen by `viewer`'s party: friend for its own units,
 * neutral for a party it has an agreement with (`partners`, a set of party ids), unknown for any
 * other. Deconfliction partners are neither friends nor foes; a unit of a party outside every
 * agreement is one nobody vouches for.
 */
export function affiliation(party, viewer, partners = new Set()) {
  if (party === viewer) return "F";
  return partners.has(party) ? "N" : "U";
}

/** The parties `viewer` has an agreement in force with (not suspended), from agreement views. */
export function partnersOf(viewer, agreements) {
  const out = new Set();
  for (const a of agreements) {
    if (a.suspended || !a.parties.includes(viewer)) continue;
    for (const p of a.parties) if (p !== viewer) out.add(p);
  }
  return out;
}

const FUNCTIONS = [
  [/armou?r|tank/i, "UCA---"],
  [/military police|\bmp\b/i, "UUM---"],
  [/reconn?aissance|recon\b/i, "UCR---"],
  [/infantry/i, "UCI---"],
  [/convoy|supply|logistic|humanitarian|aid\b/i, "USS---"],
  [/medical|ambulance/i, "USM---"],
  [/observer|monitor/i, "UCR---"],
  [/patrol/i, "UCR---"],
];

/**
 * The 15-character 2525C code of a ground unit: `properties.sidc` if the party gave one, else a
 * function read from its name (only visible when the party shares it), else a plain ground unit.
 */
export function sidc(properties, party, viewer, partners = new Set()) {
  const given = properties && typeof properties.sidc === "string" ? properties.sidc : "";
  if (/^[A-Z][A-Z*-][A-Z][A-Z*-][A-Z0-9*-]{6}[A-Z0-9*-]{5}$/.test(given)) {
    return given[0] + affiliation(party, viewer, partners) + given.slice(2);
  }
  const name = (properties && properties.name) || "";
  const found = FUNCTIONS.find(([re]) => re.test(name));
  return `S${affiliation(party, viewer, partners)}GP${found ? found[1] : "U-----"}-----`;
}
