#!/usr/bin/env node
// Completes package-lock.json with the platform builds of native packages that this machine's npm registry
// does not serve (404), e.g. @unrs/resolver-binding-darwin-arm64. npm leaves them out of the lock it writes,
// and `npm ci` then refuses that same lock as "out of sync". Each missing optional dependency gets an entry
// that says which os/cpu/libc it is for, so npm skips it here (a different platform) exactly as it skips
// the platform builds it could resolve. Run after any `npm install` that rewrites the lock:
//   node scripts/lock/complete-platform-bindings.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

/** os, cpu and libc from a platform package name such as `resolver-binding-linux-arm-musleabihf`. */
function platformOf(name) {
	const tail = name.split('/').pop();
	const match = /-(android|darwin|freebsd|linux|openharmony|win32)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x)(?:-(gnu|musl|gnueabihf|musleabihf|eabi|msvc))?$/.exec(tail);
	if (!match) return null;
	const [, os, cpu, abi] = match;
	const libc = abi?.startsWith('gnu') ? ['glibc'] : abi?.startsWith('musl') ? ['musl'] : undefined;
	return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const nested = `${path}/node_modules/${name}`;
		const hoisted = `node_modules/${name}`;
		if (packages[nested] || packages[hoisted]) continue;
		const platform = platformOf(name);
		// Not a platform build (an optional peer such as `encoding`): npm's own choice, left as it is.
		if (!platform) continue;
		packages[hoisted] = { version, ...platform, dev: entry.dev ?? undefined, optional: true };
		added++;
	}
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform build(s) recorded`);
