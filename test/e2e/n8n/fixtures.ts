import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CredentialFixture } from './harness';

export const WORKFLOW_DIR = join(__dirname, 'workflows');

/** Sandbox accounts the failure workflows need on top of the demo accounts (they hold no credit). */
export const NO_CREDIT_ACCOUNTS = [
	{ id: 'e2e-broke-http', provider: 'clickatell-http' as const, apiId: '3500091', user: 'broke', password: 'broke-password', balance: 0 },
	{ id: 'e2e-broke-rest', provider: 'clickatell-rest' as const, apiId: '3500092', token: 'broke-rest-token', balance: 0 },
];

/** The demo accounts with credit for several 1,000-message runs (merged over the demo accounts by id). */
export const ROOMY_DEMO_ACCOUNTS = [
	{ id: 'demo-http', provider: 'clickatell-http' as const, balance: 100_000 },
	{ id: 'demo-rest', provider: 'clickatell-rest' as const, balance: 100_000 },
	{ id: 'demo-clicksend', provider: 'clicksend' as const, balance: 100_000 },
];

/** The credential fixtures with their base URL pointed at a running sandbox. */
export function credentialFixtures(sandboxUrl: string): CredentialFixture[] {
	const fixtures = JSON.parse(readFileSync(join(WORKFLOW_DIR, 'credentials.json'), 'utf8')) as CredentialFixture[];
	return fixtures.map((fixture) => ({ ...fixture, data: { ...fixture.data, baseUrl: sandboxUrl } }));
}

export interface WorkflowFixture {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string }> }>;
	connections: Record<string, unknown>;
}

/** Every workflow fixture (all *.json files but credentials.json). */
export function workflowFixtures(): WorkflowFixture[] {
	return readdirSync(WORKFLOW_DIR)
		.filter((file) => file.endsWith('.json') && file !== 'credentials.json')
		.sort()
		.map((file) => JSON.parse(readFileSync(join(WORKFLOW_DIR, file), 'utf8')) as WorkflowFixture);
}

/** Sandbox inspection API (GET /sandbox/...). */
export async function inspect<T = Record<string, unknown>>(sandboxUrl: string, path: string, init?: RequestInit): Promise<T> {
	const response = await fetch(`${sandboxUrl}/sandbox/${path}`, init);
	if (!response.ok) throw new Error(`sandbox ${path}: HTTP ${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}

export interface SandboxStats {
	requests: Record<string, number>;
	total: number;
	messagesAccepted: number;
	messagesRejected: number;
}

export async function sandboxStats(sandboxUrl: string): Promise<SandboxStats> {
	return await inspect<SandboxStats>(sandboxUrl, 'stats');
}

/** Requests per route between two stats snapshots (routes named like 'clickatell-http sendmsg'). */
export function requestDelta(before: SandboxStats, after: SandboxStats): Record<string, number> {
	const delta: Record<string, number> = {};
	for (const [route, count] of Object.entries(after.requests)) {
		const difference = count - (before.requests[route] ?? 0);
		if (difference !== 0) delta[route] = difference;
	}
	return delta;
}

export interface SandboxMessageView {
	id: string;
	provider: string;
	to: string;
	text: string;
	clientReference: string | null;
	status: string;
	state: string;
	encoding: string;
	parts: number;
	charge: number;
	scheduledFor: string | null;
	options: Record<string, unknown>;
	/** Characters the sandbox (as a GSM route) could not carry and stored as '?'; absent when none. */
	replacedCharacters?: string[];
}

export async function sandboxMessages(sandboxUrl: string, query: Record<string, string>): Promise<SandboxMessageView[]> {
	const search = new URLSearchParams({ limit: '100000', ...query }).toString();
	const result = await inspect<{ messages: SandboxMessageView[] }>(sandboxUrl, `messages?${search}`);
	return result.messages;
}
