#!/usr/bin/env node
// n8n's community-node checks on the n8n package, run the way n8n runs them, offline:
//
//   1. template   `n8n-node lint` (@n8n/node-cli 0.48.3): strict mode requires eslint.config.mjs to be the
//                 template verbatim; then ESLint with that config over package.json and {nodes,credentials}/.
//   2. scan-src   @n8n/scan-community-package's source leg, with the scanner's own code (its `findPackageRoot`,
//                 `SOURCE_FILE_PATTERNS` and `analyzePackage`, at the versions it pins): the folder of the
//                 source tree whose package.json carries the package name (this repository's root), as the
//                 scanner finds it in the attested commit's checkout. The tree is copied as a commit would
//                 hold it (git's tracked and unignored files), so dist/ and node_modules are not in it.
//   3. scan-dist  the scanner's tarball leg, with its own `analyzePackage` over every **/*.js and package.json
//                 of the n8n package's tarball (scripts/pack), with no exclusion.
//
// Only the scanner's network steps are left out (registry metadata, npm provenance, the GitHub download):
// this package is not published from here. Its CLI exits 0 even when a scan fails; this script exits 1 on any
// finding, 2 when a leg could not run.
//
// Usage: node scripts/e2e/n8n-lint.mjs [--legs template,scan-src,scan-dist]
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// eslint-plugin-n8n-nodes-base switches to its own unit-test mode (fake file names) when NODE_ENV is
// 'test', which jest sets: this run must see the real files. Its modules load later (dynamic imports).
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const { ESLint } = require('eslint');
const fastGlob = (() => {
	try {
		return require('fast-glob');
	} catch {
		return null;
	}
})();

// The plugins exactly as @n8n/node-cli resolves them (its own copies).
const cliDir = resolve(dirname(require.resolve('@n8n/node-cli/eslint')), '../..');

const args = process.argv.slice(2);
const legsArg = args.includes('--legs') ? args[args.indexOf('--legs') + 1] : 'template,scan-src,scan-dist';
const legs = legsArg.split(',').map((leg) => leg.trim()).filter(Boolean);

// The scanner's own module (it creates a temporary folder on import and touches no network until asked).
const scanner = await import(pathToFileURL(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs')).href);

function globFiles(cwd, patterns) {
	if (!fastGlob) throw new Error('fast-glob is not installed (it comes with eslint)');
	return fastGlob.sync(patterns, { cwd, absolute: true, ignore: ['node_modules/**', '**/node_modules/**', '**/package-lock.json'] });
}

function summarize(leg, cwd, results) {
	const findings = [];
	for (const result of results) {
		for (const message of result.messages) {
			findings.push({
				leg,
				file: relative(cwd, result.filePath),
				line: message.line ?? 0,
				column: message.column ?? 0,
				severity: message.severity === 2 ? 'error' : 'warning',
				rule: message.ruleId ?? '(parser)',
				message: message.message,
			});
		}
	}
	return { leg, files: results.length, findings };
}

async function templateLeg() {
	// `n8n-node lint` in strict mode: the config must be the template, whitespace aside.
	const template = readFileSync(join(cliDir, 'dist/template/templates/shared/default/eslint.config.mjs'), 'utf8');
	const current = readFileSync(join(root, 'eslint.config.mjs'), 'utf8');
	const normalize = (text) => text.replace(/\s+/g, ' ').trim();
	const findings = [];
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	if (pkg.n8n?.strict && normalize(template) !== normalize(current)) {
		findings.push({ leg: 'template', file: 'eslint.config.mjs', line: 1, column: 1, severity: 'error', rule: 'n8n-node/strict-mode', message: 'eslint.config.mjs differs from the @n8n/node-cli template' });
	}
	const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.mjs') });
	const files = globFiles(root, ['package.json', '{nodes,credentials}/**/*.ts']);
	const summary = summarize('template', root, await eslint.lintFiles(files));
	summary.findings.unshift(...findings);
	return summary;
}

/** Runs the scanner's analyzePackage and reports its findings (it prints ESLint's stylish format on failure). */
async function scannerLeg(leg, folder, patterns) {
	const files = globFiles(folder, patterns);
	const result = await scanner.analyzePackage(folder, patterns);
	if (result.error) throw result.error;
	return { leg, files: files.length, passed: result.passed, details: result.details ?? '', findings: [] };
}

async function scanSourceLeg() {
	const checkout = mkdtempSync(join(tmpdir(), 'gatewaykit-scan-src-'));
	try {
		const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		for (const file of tracked.split('\0').filter(Boolean)) {
			if (!existsSync(join(root, file))) continue; // deleted in the working tree, not yet committed
			mkdirSync(dirname(join(checkout, file)), { recursive: true });
			copyFileSync(join(root, file), join(checkout, file));
		}
		const packageRoot = scanner.findPackageRoot(checkout, packageName);
		if (!packageRoot) throw new Error(`no package.json named ${packageName} in the source tree`);
		return await scannerLeg('scan-src', packageRoot, scanner.SOURCE_FILE_PATTERNS);
	} finally {
		rmSync(checkout, { recursive: true, force: true });
	}
}

async function scanTarballLeg() {
	const scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-scan-dist-'));
	try {
		const packed = JSON.parse(execFileSync(process.execPath, [join(root, 'scripts/pack/pack.mjs'), '--json', '--out', scratch, 'n8n'], { encoding: 'utf8' }))[0];
		const unpacked = join(scratch, 'package');
		mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', packed.tarball, '-C', unpacked, '--strip-components=1']);
		if (!packed.files.some((file) => file.startsWith('dist/nodes/'))) throw new Error('the n8n package has no dist/nodes/: run `npm run build` first');
		return await scannerLeg('scan-dist', unpacked, ['**/*.js', 'package.json']);
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

const packageName = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name;
const runners = { template: templateLeg, 'scan-src': scanSourceLeg, 'scan-dist': scanTarballLeg };
const summaries = [];
let failedToRun = false;
for (const leg of legs) {
	if (!runners[leg]) {
		console.error(`unknown leg '${leg}' (use ${Object.keys(runners).join(', ')})`);
		process.exit(2);
	}
	try {
		summaries.push(await runners[leg]());
	} catch (error) {
		failedToRun = true;
		summaries.push({ leg, files: 0, findings: [], error: error instanceof Error ? error.message : String(error) });
	}
}

for (const summary of summaries) {
	if (summary.error) {
		console.log(`\n[${summary.leg}] could not run: ${summary.error}`);
		continue;
	}
	if ('passed' in summary) {
		console.log(`\n[${summary.leg}] ${summary.files} files, ${summary.passed ? '0 findings (passed)' : 'FAILED'}`);
		if (!summary.passed) console.log(summary.details);
		continue;
	}
	const errors = summary.findings.filter((finding) => finding.severity === 'error').length;
	console.log(`\n[${summary.leg}] ${summary.files} files, ${errors} errors, ${summary.findings.length - errors} warnings`);
	for (const finding of summary.findings) {
		console.log(`  ${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}  ${finding.rule}`);
	}
}
const failed = summaries.some((summary) => summary.findings.length > 0 || summary.passed === false);
process.exit(failedToRun ? 2 : failed ? 1 : 0);
