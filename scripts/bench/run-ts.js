#!/usr/bin/env node
/**
 * Runs a TypeScript script from its sources: `node scripts/bench/run-ts.js scripts/bench/queue.ts [args]`.
 * For benchmarks that reuse the end-to-end harness (test/e2e/...), which finds the repository from its
 * own location and so must run where it lies, not from a compiled copy. Each .ts file is transpiled on
 * load with the project's TypeScript (no type check: `npx tsc --noEmit` does that); no new dependency.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports --
   a command-line helper, not an n8n node. */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		fileName: filename,
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
	});
	module._compile(outputText, filename);
};

const script = process.argv[2];
if (!script) {
	console.error('usage: node scripts/bench/run-ts.js <script.ts> [args...]');
	process.exit(2);
}
process.argv.splice(1, 2, path.resolve(script));
require(path.resolve(script));
