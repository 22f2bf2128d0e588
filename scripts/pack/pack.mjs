#!/usr/bin/env node
// `npm run pack`: the three tarballs from one build, into .packages/ (or --out DIR).
//   node scripts/pack/pack.mjs [--out DIR] [--json] [n8n] [node-red] [sandbox]
// Run `npm run build` first (`npm run pack` does). Prints each tarball with its size and file count.
import { join, relative } from 'node:path';
import { PACKAGES, ROOT, packPackage } from './packages.mjs';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : join(ROOT, '.packages');
const asJson = args.includes('--json');
const keys = args.filter((arg, index) => !arg.startsWith('--') && !(outIndex >= 0 && index === outIndex + 1));
const wanted = keys.length > 0 ? keys : Object.keys(PACKAGES);

const results = wanted.map((key) => packPackage(key, out));
if (asJson) {
	process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
	for (const result of results) {
		const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
		console.log(`${result.name.padEnd(28)} ${relative(process.cwd(), result.tarball)}  ${kb(result.size)} packed, ${kb(result.unpackedSize)} unpacked, ${result.files.length} files`);
	}
}
