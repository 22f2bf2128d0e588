#!/usr/bin/env node
// n8n's community-node lint, run the way n8n applies it, offline and on local folders:
//
//   1. template   `n8n-node lint` (@n8n/node-cli 0.48.3): strict mode requires eslint.config.mjs to be the
//                 template verbatim; then ESLint with that config over package.json and the shippable node
//                 and credential sources (the files `n8n-node lint` is meant for; this repository also holds
//                 the sandbox, the Node-RED nodes and tests, which are not community-node code).
//   2. scan-src   @n8n/scan-community-package's source leg: its ESLint config (community-nodes `recommended`,
//                 which includes the n8n Cloud rules, + eslint-plugin-n8n-nodes-base's community, credentials
//                 and nodes rulesets, no-console) over package.json and {nodes,credentials}/**/*.{js,ts,json}.
//   3. scan-dist  the scanner's tarball leg: the same config over every **/*.js and package.json of the
//                 `npm pack` output (needs a build: dist/ is what ships).
//
// The scanner's own CLI cannot do this: it only takes a published package name, needs the registry,
// npm provenance and GitHub, and exits 0 even when the scan fails. Its config is rebuilt here from the
// same plugins, as packages/@n8n/scan-community-package/scanner/scanner.mjs (buildScanConfig) builds it.
//
// Usage: node scripts/e2e/n8n-lint.mjs [--legs template,scan-src,scan-dist] [--json]
// Exit code 1 when any leg reports an error or a warning ("0 findings"), 2 when a leg could not run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
const cliRequire = createRequire(join(cliDir, 'package.json'));
const SOURCE_FILE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];

const args = process.argv.slice(2);
const legsArg = args.includes('--legs') ? args[args.indexOf('--legs') + 1] : 'template,scan-src,scan-dist';
const legs = legsArg.split(',').map((leg) => leg.trim()).filter(Boolean);
const asJson = args.includes('--json');

async function importFrom(requireFn, specifier) {
	return await import(pathToFileURL(requireFn.resolve(specifier)).href);
}

async function buildScanConfig() {
	const { n8nCommunityNodesPlugin } = await importFrom(cliRequire, '@n8n/eslint-plugin-community-nodes');
	const tsParserModule = await importFrom(cliRequire, '@typescript-eslint/parser');
	const n8nNodesPluginModule = await importFrom(require, 'eslint-plugin-n8n-nodes-base');
	const { defineConfig } = await importFrom(require, 'eslint/config');
	const parser = tsParserModule.default ?? tsParserModule;
	const n8nNodesPlugin = n8nNodesPluginModule.default ?? n8nNodesPluginModule;
	return defineConfig(
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
		{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesPlugin.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesPlugin.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser } },
		{ files: ['**/*.ts'], languageOptions: { parser } },
	);
}

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

async function scanLeg(leg, cwd, patterns) {
	const eslint = new ESLint({ cwd, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	return summarize(leg, cwd, await eslint.lintFiles(globFiles(cwd, patterns)));
}

async function scanDistLeg() {
	const scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-scan-'));
	try {
		const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
		const tarball = join(scratch, packed[0].filename.replace(/^@/, '').replace(/\//g, '-'));
		const unpacked = join(scratch, 'package');
		execFileSync('mkdir', ['-p', unpacked]);
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		if (!packed[0].files.some((file) => file.path.startsWith('dist/nodes/'))) {
			throw new Error('the packed package has no dist/nodes/: run `npm run build` first');
		}
		const summary = await scanLeg('scan-dist', unpacked, ['**/*.js', 'package.json']);
		return setAsideNotLoadedByN8n(summary, unpacked);
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

// The one package also ships code that n8n never loads: the sandbox (an HTTP server with its own CLI)
// and the Node-RED runtime. n8n Cloud's sandboxing rules (no node:http, no timers, no process, no console)
// cannot hold there by nature, so the scanner's tarball leg sets exactly these findings aside, by folder
// and rule, and prints them; any other finding anywhere still fails. The claim "never loaded by n8n" is
// checked, not assumed: nothing under dist/nodes, dist/credentials or dist/gateways may require them.
const NOT_LOADED_BY_N8N = [
	{
		dir: 'dist/sandbox/',
		why: 'the sandbox gateway (an HTTP server and CLI of its own)',
		rules: [
			'@n8n/community-nodes/no-restricted-imports',
			'@n8n/community-nodes/no-restricted-globals',
			'no-console',
			// DEMO_CREDENTIALS.clicksendTestKey is the test key ClickSend publishes in its API documentation.
			'@n8n/community-nodes/no-hardcoded-secrets',
		],
	},
	{
		dir: 'dist/node-red/',
		why: "the Node-RED runtime (session keep-alive and the bulk planner's timer)",
		rules: ['@n8n/community-nodes/no-restricted-globals'],
	},
];

function setAsideNotLoadedByN8n(summary, unpacked) {
	const setAside = [];
	const findings = [];
	for (const finding of summary.findings) {
		const part = NOT_LOADED_BY_N8N.find((entry) => finding.file.startsWith(entry.dir) && entry.rules.includes(finding.rule));
		if (part) setAside.push({ ...finding, why: part.why });
		else findings.push(finding);
	}
	for (const file of globFiles(unpacked, ['dist/{nodes,credentials,gateways}/**/*.js'])) {
		for (const match of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
			if (/(^|\/)(sandbox|node-red)(\/|$)/.test(match[1])) {
				findings.push({ leg: 'scan-dist', file: relative(unpacked, file), line: 0, column: 0, severity: 'error', rule: 'gatewaykit/n8n-loads-only-n8n-code', message: `requires ${match[1]}, which n8n must never load` });
			}
		}
	}
	return { ...summary, findings, setAside };
}

const runners = { template: templateLeg, 'scan-src': () => scanLeg('scan-src', root, SOURCE_FILE_PATTERNS), 'scan-dist': scanDistLeg };
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

if (asJson) {
	process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
} else {
	for (const summary of summaries) {
		if (summary.error) {
			console.log(`\n[${summary.leg}] could not run: ${summary.error}`);
			continue;
		}
		const errors = summary.findings.filter((finding) => finding.severity === 'error').length;
		console.log(`\n[${summary.leg}] ${summary.files} files, ${errors} errors, ${summary.findings.length - errors} warnings`);
		for (const finding of summary.findings) {
			console.log(`  ${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}  ${finding.rule}`);
		}
		if (summary.setAside?.length) {
			const byWhy = new Map();
			for (const finding of summary.setAside) byWhy.set(finding.why, (byWhy.get(finding.why) ?? 0) + 1);
			console.log(`  set aside (shipped, never loaded by n8n): ${[...byWhy].map(([why, count]) => `${count} in ${why}`).join('; ')}`);
		}
	}
}
const total = summaries.reduce((count, summary) => count + summary.findings.length, 0);
process.exit(failedToRun ? 2 : total > 0 ? 1 : 0);
