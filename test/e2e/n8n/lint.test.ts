/**
 * n8n's community-node lint, as `n8n-node lint` and n8n's package scanner apply it, must report
 * nothing (scripts/e2e/n8n-lint.mjs runs the three legs offline). Needs `npm run build`: the scanner's
 * tarball leg lints the compiled JavaScript that `npm pack` ships.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { REPO_ROOT } from './harness';

interface Finding {
	leg: string;
	file: string;
	line: number;
	severity: string;
	rule: string;
	message: string;
}
interface LegSummary {
	leg: string;
	files: number;
	findings: Finding[];
	error?: string;
}

let summaries: LegSummary[];

beforeAll(() => {
	const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/e2e/n8n-lint.mjs'), '--json'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.status === 2 || !result.stdout.trim().startsWith('[')) {
		throw new Error(`the lint runner could not run:\n${result.stdout}\n${result.stderr}`);
	}
	summaries = JSON.parse(result.stdout) as LegSummary[];
}, 180_000);

function leg(name: string): LegSummary {
	const summary = summaries.find((candidate) => candidate.leg === name);
	if (!summary) throw new Error(`lint leg ${name} missing`);
	if (summary.error) throw new Error(`lint leg ${name} failed to run: ${summary.error}`);
	return summary;
}

function report(findings: Finding[]): string[] {
	return findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}: ${finding.message}`);
}

const N8N_PARTS = /^dist\/(nodes|credentials|gateways)\//;

test('n8n-node lint (strict template config) on package.json, nodes and credentials: 0 findings', () => {
	const summary = leg('template');
	expect(summary.files).toBeGreaterThan(10);
	expect(report(summary.findings)).toEqual([]);
});

test("the scanner's source leg (package.json, nodes/**, credentials/**): 0 findings", () => {
	const summary = leg('scan-src');
	expect(summary.files).toBeGreaterThan(10);
	expect(report(summary.findings)).toEqual([]);
});

test("the scanner's tarball leg on what n8n loads (dist/nodes, dist/credentials, dist/gateways): 0 findings", () => {
	const summary = leg('scan-dist');
	expect(report(summary.findings.filter((finding) => N8N_PARTS.test(finding.file)))).toEqual([]);
});

test("the scanner's tarball leg on the whole published package: 0 findings", () => {
	const summary = leg('scan-dist');
	expect(summary.files).toBeGreaterThan(20);
	expect(report(summary.findings)).toEqual([]);
});
