// A small store: the page's state as a fixed set of declared fields. Reading gives a frozen
// snapshot; `update` changes some fields and tells every subscriber which ones changed. A field
// that was not declared is refused, so a typo or a forgotten field fails at once instead of
// becoming a new, unobserved piece of state. No DOM, tested in Node.

/**
 * A store whose fields are the keys of `initial`, each starting at its value there.
 *
 * - `get()`: the current state, a frozen object (fields are replaced, never mutated).
 * - `update(patch)`: sets the fields of `patch`; throws on a field that was not declared;
 *   subscribers hear of it only if a value changed (`Object.is`), with the changed names.
 * - `subscribe(listener)`: `listener(state, changed)` after each change; returns an unsubscribe.
 */
export function createStore(initial) {
  const declared = new Set(Object.keys(initial));
  let state = Object.freeze({ ...initial });
  const listeners = new Set();
  return {
    get: () => state,
    update(patch) {
      const changed = [];
      for (const [field, value] of Object.entries(patch)) {
        if (!declared.has(field)) {
          throw new Error(
            `store: "${field}" is not a declared field (${[...declared].join(", ")})`,
          );
        }
        if (!Object.is(state[field], value)) changed.push(field);
      }
      if (!changed.length) return;
      state = Object.freeze({ ...state, ...patch });
      for (const listener of [...listeners]) listener(state, changed);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
