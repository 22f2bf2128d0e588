'use strict';
// Lets `node -r ./scripts/bench/register-ts.js scripts/bench/all.ts` run the benchmark from this
// repository's TypeScript sources (and the end-to-end harnesses it shares with the tests), compiled in
// memory with the project's own TypeScript. Types are not checked here: `npm run build` and the tests do.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..');
const OPTIONS = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, resolveJsonModule: true };

Module._extensions['.ts'] = (module, filename) => {
  // Only this repository's own sources, never a .ts file that came with a package.
  if (!filename.startsWith(ROOT) || filename.includes(`${path.sep}node_modules${path.sep}`)) {
    throw new Error(`register-ts: refusing to compile ${filename}`);
  }
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: OPTIONS, fileName: filename });
  module._compile(outputText, filename);
};
