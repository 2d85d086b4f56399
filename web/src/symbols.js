// MIL-STD-2525C symbol codes for the units on the map. The symbol is drawn by milsymbol; this
// module only chooses the code: the affiliation from who is looking, the function from what the
// party shared about the unit.

/** 2525C affiliation letter of `party` as seen by `viewer`'s party. */
export function affiliation(party, viewer) {
  if (party === viewer) return "F";
  return "N";
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
export function sidc(properties, party, viewer) {
  const given = properties && typeof properties.sidc === "string" ? properties.sidc : "";
  if (/^[A-Z][A-Z*-][A-Z][A-Z*-][A-Z0-9*-]{6}[A-Z0-9*-]{5}$/.test(given)) {
    return given[0] + affiliation(party, viewer) + given.slice(2);
  }
  const name = (properties && properties.name) || "";
  const found = FUNCTIONS.find(([re]) => re.test(name));
  return `S${affiliation(party, viewer)}GP${found ? found[1] : "U-----"}-----`;
}
