// The page's lint rules: ESLint's recommended set. The page runs in the browser (map.js names the
// globals of Leaflet, milsymbol and topojson-client's script tags); tests and scripts in Node.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "target/"] },
  js.configs.recommended,
  {
    files: ["src/**/*.js"],
    languageOptions: {
      globals: { ...globals.browser },
    },
  },
  {
    // `const { result, ...fields } = body` drops a field on purpose
    rules: { "no-unused-vars": ["error", { ignoreRestSiblings: true }] },
  },
  {
    files: ["test/**/*.mjs", "scripts/**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: { ...globals.node } },
  },
];
