/**
 * Drives a real n8n (the pinned install from scripts/e2e/ensure-n8n.sh) from jest.
 *
 *   const install = ensureN8n();                       // installs once (~4 min), then instant; throws if it cannot
 *   const tarball = packPackage(tmpDir);               // `npm pack` of the built package (needs dist/)
 *   const home = await N8nHome.create(install, { tarball });   // fresh N8N_USER_FOLDER, package installed
 *   await home.importCredentials([...]); await home.importWorkflows([...]);
 *   const run = await home.execute('wfId');            // `n8n execute --id --rawOutput`, parsed
 *   nodeItems(run, 'Send SMS')                         // the json of a node's first output
 *   const server = await home.start();                 // `n8n start` for webhooks; server.stop() when done
 *   const rest = await setupOwner(server);             // signed-in internal REST API (credential tests ...)
 *   home.remove();
 *
 * Every N8nHome has its own user folder, encryption key and task-broker port, so several can run at
 * once, and nothing is written to ~/.n8n. The package is installed the way users install it (the npm
 * tarball into <user folder>/.n8n/nodes), which exercises package.json's `files` and `n8n` fields;
 * node types are then '@gatewaykit/n8n-nodes-sms.<name>'.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packOne } from '../../../scripts/pack/pack-sync';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const PACKAGE_NAME: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).name;

/** Node type name of one of the package's nodes, as n8n registers it for an installed package. */
export function nodeType(name: string): string {
	return `${PACKAGE_NAME}.${name}`;
}

export interface N8nInstall {
	/** The n8n CLI (a `#!/usr/bin/env node` script). */
	n8nBin: string;
	/** PATH with Node 24 first: n8n 2.41 refuses to start on Node 20. */
	path: string;
}

let cachedInstall: N8nInstall | undefined;

/**
 * The pinned n8n, installed on first use by scripts/e2e/ensure-n8n.sh (about 4 minutes, once per
 * machine; cached under $GATEWAYKIT_CACHE). Throws a message saying how to fix it when that fails.
 */
export function ensureN8n(): N8nInstall {
	if (cachedInstall) return cachedInstall;
	const script = join(REPO_ROOT, 'scripts/e2e/ensure-n8n.sh');
	const result = spawnSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
	const printed = new Map<string, string>();
	for (const line of (result.stdout ?? '').split('\n')) {
		const match = /^export (\w+)="(.*)"$/.exec(line.trim());
		if (match) printed.set(match[1], match[2]);
	}
	const n8nBin = printed.get('N8N_BIN');
	const pathLine = printed.get('PATH');
	if (result.status !== 0 || !n8nBin || !pathLine) {
		const tail = (result.stderr ?? '').split('\n').slice(-25).join('\n');
		throw new Error(
			`The pinned n8n for the end-to-end tests is not installed and could not be installed (scripts/e2e/ensure-n8n.sh exited ${String(result.status)}).\n` +
				`Run it by hand to see why: bash scripts/e2e/ensure-n8n.sh\n--- last output ---\n${tail}`,
		);
	}
	cachedInstall = { n8nBin, path: pathLine.replace('$PATH', process.env.PATH ?? '') };
	return cachedInstall;
}

/** The n8n package's tarball (scripts/pack: only what n8n loads) from the built dist/. Returns the .tgz path. */
export function packPackage(destination: string): string {
	const packed = packOne('n8n', destination);
	if (!packed.files.some((file) => file.startsWith('dist/nodes/'))) {
		throw new Error('The packed package has no dist/nodes/: run `npm run build` before the end-to-end tests.');
	}
	return packed.tarball;
}

/** A TCP port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** One node run as `execute --rawOutput` prints it: `data.resultData.runData[node][run]`. */
export interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown; error?: unknown }> | null> };
}

export interface ExecutionResult extends CliResult {
	/** True when the CLI exited 0 and n8n reported no workflow error. */
	ok: boolean;
	/** The parsed execution (null when the CLI printed none). */
	execution: {
		status?: string;
		data: { resultData: { runData: Record<string, NodeRun[]>; error?: { message?: string; description?: string } } };
	} | null;
}

/** The items of a node's first run, first output (json plus pairedItem / error as n8n stored them). */
export function nodeOutput(result: ExecutionResult, nodeName: string, output = 0): Array<{ json: Record<string, unknown>; pairedItem?: unknown; error?: unknown }> {
	const runs = result.execution?.data.resultData.runData[nodeName];
	if (!runs || runs.length === 0) {
		throw new Error(`Node '${nodeName}' did not run. Nodes that ran: ${Object.keys(result.execution?.data.resultData.runData ?? {}).join(', ') || 'none'}\n${excerpt(result)}`);
	}
	return runs[0].data?.main?.[output] ?? [];
}

/** The json of a node's first-run, first-output items. */
export function nodeItems(result: ExecutionResult, nodeName: string): Array<Record<string, unknown>> {
	return nodeOutput(result, nodeName).map((item) => item.json);
}

/** The error a node stopped with, if it did. */
export function nodeError(result: ExecutionResult, nodeName: string): NodeRun['error'] | undefined {
	return result.execution?.data.resultData.runData[nodeName]?.[0]?.error;
}

/** The last lines of a CLI run, for assertion messages. */
export function excerpt(result: CliResult, lines = 40): string {
	const text = `${result.stdout}\n${result.stderr}`.trim().split('\n');
	return text.slice(-lines).join('\n');
}

/**
 * The execution JSON in `execute --rawOutput` output. n8n prints it with JSON.stringify(data, null, 2)
 * (also after "Execution was NOT successful"), among log lines: a line that is exactly '{' opens it
 * and the next line that is exactly '}' closes it.
 */
export function parseRawOutput(stdout: string): ExecutionResult['execution'] {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) return null;
	const end = lines.findIndex((line, index) => index > start && line === '}');
	if (end < 0) return null;
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionResult['execution'];
}

export interface CredentialFixture {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface N8nHomeOptions {
	/** Package tarball to install into the user folder's nodes directory (the way users install it). */
	tarball?: string;
	/** Alternative to a tarball: folders to load as custom extensions (node types become CUSTOM.<name>). */
	customExtensions?: string[];
	/** Extra environment for every n8n process of this home. */
	env?: Record<string, string>;
}

export interface StartOptions {
	/**
	 * Which n8n process (default 'start'). 'worker' and 'webhook' are queue mode's processes
	 * (docs/queue-mode.md): a worker answers readiness on its health server (QUEUE_HEALTH_CHECK_*, set
	 * here to `port`), a webhook processor serves /webhook/* on `port` like `n8n start`.
	 */
	command?: 'start' | 'worker' | 'webhook';
	/** Extra CLI arguments, e.g. ['--concurrency=5'] for a worker. */
	args?: string[];
	/** HTTP port (default: a free one). */
	port?: number;
	/** Give up waiting for readiness after this long (default 90 s). */
	readyTimeoutMs?: number;
	env?: Record<string, string>;
}

/** An `n8n start` (or worker / webhook) process. `baseUrl` has no trailing slash; webhooks are at `${baseUrl}/webhook/...`. */
export interface RunningN8n {
	baseUrl: string;
	port: number;
	process: ChildProcess;
	/** Everything n8n printed so far. */
	logs(): string;
	/** SIGTERM, then SIGKILL after 15 s; resolves when the process has exited. */
	stop(): Promise<void>;
}

/** A signed-in session on a running n8n's internal REST API (/rest/...), for what the CLI cannot do. */
export interface RestSession {
	/** JSON request to `${baseUrl}/rest${path}`; resolves to the parsed `data` of n8n's answer. */
	call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

/** The n8n owner account: who signs in to the editor (n8n asks for one before anything else). */
export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export const E2E_OWNER: OwnerAccount = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-password-1' };

/**
 * Creates the instance owner (only possible once per user folder) and returns a session signed in as
 * them. Use it for credential tests (POST /rest/credentials/test), activating workflows while running, ...
 */
export async function setupOwner(server: RunningN8n, owner: OwnerAccount = E2E_OWNER): Promise<RestSession> {
	const response = await fetch(`${server.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!response.ok) throw new Error(`owner setup failed: HTTP ${response.status} ${await response.text()}`);
	const cookie = (response.headers.getSetCookie?.() ?? [])
		.map((header) => header.split(';')[0])
		.filter((pair) => pair.startsWith('n8n-auth='))
		.join('; ');
	if (!cookie) throw new Error('owner setup answered without an n8n-auth cookie');
	return {
		async call<T>(method: string, path: string, body?: unknown): Promise<T> {
			const answer = await fetch(`${server.baseUrl}/rest${path}`, {
				method,
				headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await answer.text();
			if (!answer.ok) throw new Error(`${method} /rest${path}: HTTP ${answer.status} ${text}`);
			const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
			return (parsed.data ?? parsed) as T;
		},
	};
}

/** One n8n user folder with its own database, encryption key and task-broker port. */
export class N8nHome {
	readonly env: Record<string, string>;

	private constructor(
		readonly install: N8nInstall,
		readonly dir: string,
		env: Record<string, string>,
	) {
		this.env = env;
	}

	static async create(install: N8nInstall, options: N8nHomeOptions = {}): Promise<N8nHome> {
		const dir = mkdtempSync(join(tmpdir(), 'gatewaykit-n8n-'));
		const env: Record<string, string> = {
			PATH: install.path,
			HOME: dir,
			N8N_USER_FOLDER: dir,
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_LOG_LEVEL: 'info', // --rawOutput prints the execution through the logger at info level
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			DB_TYPE: 'sqlite',
			...(options.customExtensions ? { N8N_CUSTOM_EXTENSIONS: options.customExtensions.join(';') } : {}),
			...options.env,
		};
		const home = new N8nHome(install, dir, env);
		if (options.tarball) home.installPackage(options.tarball);
		return home;
	}

	/**
	 * Installs a package tarball into <user folder>/.n8n/nodes like n8n's community-package installer:
	 * without peer dependencies, so the package's `require('n8n-workflow')` resolves to n8n's own copy.
	 */
	installPackage(tarball: string): void {
		const nodesDir = join(this.dir, '.n8n', 'nodes');
		mkdirSync(nodesDir, { recursive: true });
		writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
		const result = spawnSync(
			'npm',
			['install', '--omit=peer', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', tarball],
			{ cwd: nodesDir, encoding: 'utf8', env: { ...process.env, PATH: this.install.path } },
		);
		if (result.status !== 0) throw new Error(`Installing ${tarball} into ${nodesDir} failed:\n${result.stderr}`);
	}

	/** Runs an n8n CLI command to completion. */
	async cli(args: string[], timeoutMs = 120_000): Promise<CliResult> {
		return await new Promise((resolveRun, reject) => {
			const child = spawn(this.install.n8nBin, args, { cwd: this.dir, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error(`n8n ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
			}, timeoutMs);
			child.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.on('close', (code) => {
				clearTimeout(timer);
				resolveRun({ code, stdout, stderr });
			});
		});
	}

	private async cliOrThrow(args: string[]): Promise<CliResult> {
		const result = await this.cli(args);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} exited ${String(result.code)}\n${excerpt(result)}`);
		return result;
	}

	/** `import:credentials`: plain `data` objects are encrypted on import with this home's key. */
	async importCredentials(credentials: CredentialFixture[]): Promise<void> {
		const file = join(this.dir, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		try {
			await this.cliOrThrow(['import:credentials', `--input=${file}`]);
		} finally {
			// The file holds the secrets in clear text.
			rmSync(file, { force: true });
		}
	}

	/** `import:workflow` of several workflows from one file. */
	async importWorkflows(workflows: object[]): Promise<void> {
		const file = join(this.dir, `workflows-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(workflows));
		await this.cliOrThrow(['import:workflow', `--input=${file}`]);
	}

	/** `execute --id --rawOutput`: the workflow must start with a Manual Trigger. */
	async execute(workflowId: string): Promise<ExecutionResult> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const execution = parseRawOutput(result.stdout);
		const ok = result.code === 0 && execution !== null && execution.data.resultData.error === undefined;
		return { ...result, ok, execution };
	}

	/** `publish:workflow` (activate). Run it while n8n is stopped: a running n8n does not notice. */
	async publishWorkflow(workflowId: string): Promise<void> {
		await this.cliOrThrow(['publish:workflow', `--id=${workflowId}`]);
	}

	/**
	 * `n8n start` (or `n8n worker` / `n8n webhook`: options.command) on its own port, resolved once
	 * /healthz/readiness answers ok. Webhooks of active workflows may still answer 404 for a few seconds after that: poll the webhook itself.
	 */
	async start(options: StartOptions = {}): Promise<RunningN8n> {
		const port = options.port ?? (await freePort());
		const baseUrl = `http://127.0.0.1:${port}`;
		const env = {
			...this.env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${baseUrl}/`,
			...options.env,
		};
		const command = options.command ?? 'start';
		if (command === 'worker') {
			// A worker has no web server of its own; its health server is what answers /healthz/readiness.
			Object.assign(env, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1', ...options.env });
		}
		const child = spawn(this.install.n8nBin, [command, ...(options.args ?? [])], { cwd: this.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let logs = '';
		child.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
		let exited = false;
		const exit = new Promise<void>((resolveExit) => child.on('exit', () => ((exited = true), resolveExit())));
		const stop = async (): Promise<void> => {
			if (exited) return;
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exit;
			clearTimeout(killer);
		};
		const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
		while (Date.now() < deadline) {
			if (exited) throw new Error(`n8n ${command} exited before it was ready\n${logs.split('\n').slice(-40).join('\n')}`);
			try {
				const response = await fetch(`${baseUrl}/healthz/readiness`);
				if (response.ok) return { baseUrl, port, process: child, logs: () => logs, stop };
			} catch {
				// not listening yet
			}
			await new Promise((wait) => setTimeout(wait, 250));
		}
		await stop();
		throw new Error(`n8n ${command} was not ready within ${options.readyTimeoutMs ?? 90_000} ms\n${logs.split('\n').slice(-40).join('\n')}`);
	}

	/** Deletes the user folder (database, installed package, logs). */
	remove(): void {
		rmSync(this.dir, { recursive: true, force: true });
	}
}
