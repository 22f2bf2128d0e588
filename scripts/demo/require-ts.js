'use strict';
// Loads a TypeScript module of this repository (and the .ts files it imports) from plain JS, compiled in
// memory with the project's own TypeScript (a devDependency). The demo uses it to run the n8n end-to-end
// harness (test/e2e/n8n/harness.ts) as it is, so the demo and the tests share one source of truth for
// installing, packing, starting and driving n8n. Types are not checked here: `npm run build` and the tests do.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

let registered = false;

function register() {
  if (registered) return;
  registered = true;
  const ts = require('typescript');
  const compilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    resolveJsonModule: true,
    sourceMap: false,
    inlineSourceMap: true,
  };
  // Only this repository's sources: a .ts file under node_modules is never ours to compile.
  const root = path.resolve(__dirname, '..', '..');
  Module._extensions['.ts'] = (module, filename) => {
    if (!filename.startsWith(root) || filename.includes(`${path.sep}node_modules${path.sep}`)) {
      throw new Error(`require-ts: refusing to compile ${filename} (outside this repository's sources)`);
    }
    const source = fs.readFileSync(filename, 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
    module._compile(outputText, filename);
  };
}

/** require() for a .ts file of this repository (path relative to the repository root or absolute). */
function requireTs(file) {
  register();
  return require(path.resolve(__dirname, '..', '..', file));
}

module.exports = { requireTs };
