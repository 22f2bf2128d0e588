/**
 * A real n8n queue-mode stack on loopback, for the queue-mode end-to-end test and `npm run bench:queue`:
 * PostgreSQL (a database of its own, on the server scripts/e2e/ensure-queue-services.sh runs), a Redis of
 * its own (its own process on a free port, so the test can stop it without touching anybody else's),
 * one main (`n8n start`), N workers (`n8n worker`) and one webhook processor (`n8n webhook`), all from
 * one N8nHome of the shared harness (test/e2e/n8n/harness.ts): one user folder, one encryption key, the
 * package installed once from its tarball. The settings are the ones docs/queue-mode.md lists with their
 * sources.
 *
 *   const stack = await QueueStack.create(ensureN8n(), { tarball, workers: 2 });
 *   await stack.home.importCredentials(...); await stack.home.importWorkflows(...); publish ...
 *   await stack.start();                 // main, workers, webhook processor (ready when this resolves)
 *   await stack.killWorker(0); await stack.startWorker(0); await stack.stopRedis(); ...
 *   await stack.stop();                  // every process it started, its Redis and its database
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, N8nHome, REPO_ROOT, type N8nInstall, type RunningN8n } from '../n8n/harness';

export interface QueueServices {
	pg: { host: string; port: number; user: string; password: string };
	/** The redis-server binary (the stack starts its own). */
	redisServer: string;
}

/** Runs scripts/e2e/ensure-queue-services.sh (installs and starts Redis and PostgreSQL once) and reads its exports. */
export function ensureQueueServices(): QueueServices {
	const result = spawnSync('bash', [join(REPO_ROOT, 'scripts/e2e/ensure-queue-services.sh')], { encoding: 'utf8' });
	const printed = new Map<string, string>();
	for (const line of (result.stdout ?? '').split('\n')) {
		const match = /^export (\w+)="(.*)"$/.exec(line.trim());
		if (match) printed.set(match[1], match[2]);
	}
	if (result.status !== 0 || !printed.has('GATEWAYKIT_PG_PORT') || !printed.has('GATEWAYKIT_REDIS_SERVER')) {
		throw new Error(
			`Redis and PostgreSQL for the queue-mode test are not available (scripts/e2e/ensure-queue-services.sh exited ${String(result.status)}).\n` +
				`Run it by hand to see why: bash scripts/e2e/ensure-queue-services.sh\n${(result.stderr ?? '').split('\n').slice(-20).join('\n')}`,
		);
	}
	return {
		pg: {
			host: printed.get('GATEWAYKIT_PG_HOST') ?? '127.0.0.1',
			port: Number(printed.get('GATEWAYKIT_PG_PORT')),
			user: printed.get('GATEWAYKIT_PG_USER') ?? '',
			password: printed.get('GATEWAYKIT_PG_PASSWORD') ?? '',
		},
		redisServer: printed.get('GATEWAYKIT_REDIS_SERVER') ?? 'redis-server',
	};
}

/**
 * A redis-server process of the stack's own, loopback only, on a port that stop/start keep. It keeps an
 * append-only file (as a production Redis for n8n should: queued jobs live only there), so a stop and
 * start is a Redis restart, not the loss of the queue.
 */
export class RedisProcess {
	private child: ChildProcess | null = null;
	private exited: Promise<void> = Promise.resolve();
	readonly dir: string;

	constructor(
		readonly binary: string,
		readonly port: number,
	) {
		this.dir = mkdtempSync(join(tmpdir(), 'gatewaykit-redis-'));
	}

	async start(): Promise<void> {
		if (this.child) return;
		const args = ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir];
		const child = spawn(this.binary, args, { stdio: ['ignore', 'ignore', 'ignore'] });
		this.child = child;
		this.exited = new Promise((resolve) => child.on('exit', () => resolve()));
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline) {
			const ping = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(this.port), 'ping'], { encoding: 'utf8' });
			if (ping.stdout?.trim() === 'PONG') return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`redis-server did not answer PING on port ${this.port}`);
	}

	/** Stops Redis (SIGKILL: clients see it vanish as in a crash; with appendfsync always nothing written is lost). */
	async stop(): Promise<void> {
		if (!this.child) return;
		this.child.kill('SIGKILL');
		await this.exited;
		this.child = null;
	}

	/** Stops it and deletes its files. */
	async remove(): Promise<void> {
		await this.stop();
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** psql as the test role (PGPASSWORD in the child's environment only). */
export function psql(pg: QueueServices['pg'], database: string, sql: string): string {
	const result = spawnSync('psql', ['-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', database, '-tAq', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
		encoding: 'utf8',
		env: { ...process.env, PGPASSWORD: pg.password },
	});
	if (result.status !== 0) throw new Error(`psql failed (${sql.slice(0, 80)}): ${result.stderr}`);
	return result.stdout.trim();
}

export interface QueueStackOptions {
	/** The package tarball (packPackage), installed once into the shared user folder. */
	tarball: string;
	workers?: number;
	/** Jobs each worker runs at once (`n8n worker --concurrency`; n8n warns below 5). */
	workerConcurrency?: number;
	services?: QueueServices;
	/** Extra environment for every process. */
	env?: Record<string, string>;
}

/** One n8n process of the stack and how to start it again. */
interface Member {
	role: string;
	running: RunningN8n | null;
	start: () => Promise<RunningN8n>;
}

export class QueueStack {
	main: RunningN8n | null = null;
	webhook: RunningN8n | null = null;
	readonly workers: Array<RunningN8n | null>;
	private readonly members = new Map<string, Member>();

	private constructor(
		readonly home: N8nHome,
		readonly services: QueueServices,
		readonly database: string,
		readonly redis: RedisProcess,
		readonly mainPort: number,
		readonly webhookPort: number,
		private readonly workerCount: number,
		private readonly workerConcurrency: number,
	) {
		this.workers = new Array<RunningN8n | null>(workerCount).fill(null);
	}

	static async create(install: N8nInstall, options: QueueStackOptions): Promise<QueueStack> {
		const services = options.services ?? ensureQueueServices();
		const database = `gatewaykit_queue_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
		psql(services.pg, 'postgres', `CREATE DATABASE ${database}`);
		const redis = new RedisProcess(services.redisServer, await freePort());
		await redis.start();
		const webhookPort = await freePort();
		const home = await N8nHome.create(install, {
			tarball: options.tarball,
			env: {
				// docs/queue-mode.md: every process of one installation shares these.
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: services.pg.host,
				DB_POSTGRESDB_PORT: String(services.pg.port),
				DB_POSTGRESDB_DATABASE: database,
				DB_POSTGRESDB_USER: services.pg.user,
				DB_POSTGRESDB_PASSWORD: services.pg.password,
				// n8n's default pool is 2 connections per process; a worker running 5 executions at once, each
				// writing its progress, then waits for a connection and fails after 20 s on a busy machine
				// ("timeout exceeded when trying to connect", seen with the defaults): a pool per concurrency.
				DB_POSTGRESDB_POOL_SIZE: '10',
				DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
				// Manual runs go to the workers too, so nothing of ours runs in the main's memory.
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				// Production webhooks are the webhook processor's: the main does not serve them.
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
				// The URL n8n shows (and our triggers display) for production webhooks: the webhook processor.
				WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
				N8N_LOG_LEVEL: 'info',
				...options.env,
			},
		});
		return new QueueStack(home, services, database, redis, await freePort(), webhookPort, options.workers ?? 2, options.workerConcurrency ?? 5);
	}

	/** URL of a production webhook, on the webhook processor. */
	webhookUrl(path: string): string {
		return `http://127.0.0.1:${this.webhookPort}/webhook/${path}`;
	}

	/** Every process gets its own task-broker port (they share one machine). */
	private async startMember(role: string, run: () => Promise<RunningN8n>): Promise<RunningN8n> {
		const member: Member = { role, running: null, start: run };
		this.members.set(role, member);
		member.running = await run();
		return member.running;
	}

	async startMain(): Promise<void> {
		this.main = await this.startMember('main', async () =>
			await this.home.start({ port: this.mainPort, readyTimeoutMs: 180_000, env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), WEBHOOK_URL: `http://127.0.0.1:${this.webhookPort}/` } }),
		);
	}

	async startWorker(index: number): Promise<void> {
		this.workers[index] = await this.startMember(`worker-${index}`, async () =>
			await this.home.start({
				command: 'worker',
				args: [`--concurrency=${this.workerConcurrency}`],
				readyTimeoutMs: 180_000,
				env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			}),
		);
	}

	async startWebhook(): Promise<void> {
		this.webhook = await this.startMember('webhook', async () =>
			await this.home.start({ command: 'webhook', port: this.webhookPort, readyTimeoutMs: 180_000, env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } }),
		);
	}

	/**
	 * Main first (it runs the database migrations and activates the workflows), then the workers and the
	 * webhook processor one after another: each n8n start is CPU-heavy and the machine may have 2 cores.
	 */
	async start(): Promise<void> {
		await this.startMain();
		for (let index = 0; index < this.workerCount; index++) await this.startWorker(index);
		await this.startWebhook();
	}

	/** SIGKILL a worker: a crash, not a shutdown (no chance to finish or hand back its jobs). */
	async killWorker(index: number): Promise<void> {
		const worker = this.workers[index];
		if (!worker) return;
		const exited = new Promise<void>((resolve) => (worker.process.exitCode !== null ? resolve() : worker.process.once('exit', () => resolve())));
		worker.process.kill('SIGKILL');
		await exited;
		this.workers[index] = null;
		this.members.delete(`worker-${index}`);
	}

	/** SIGTERM the webhook processor (n8n's graceful shutdown), then start it again on the same port. */
	async restartWebhook(): Promise<void> {
		await this.webhook?.stop();
		this.webhook = null;
		await this.startWebhook();
	}

	/** Stops Redis (as if it crashed or became unreachable; see RedisProcess). */
	async stopRedis(): Promise<void> {
		await this.redis.stop();
	}

	async startRedis(): Promise<void> {
		await this.redis.start();
	}

	/** One SQL query on the stack's database (execution_entity, processed_data, ...). */
	sql(query: string): string {
		return psql(this.services.pg, this.database, query);
	}

	/** Executions n8n recorded for a workflow, by status. */
	executionsByStatus(workflowId: string): Record<string, number> {
		const rows = this.sql(`SELECT status, COUNT(*) FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}' GROUP BY status`);
		const counts: Record<string, number> = {};
		for (const line of rows.split('\n').filter(Boolean)) {
			const [status, count] = line.split('|');
			counts[status] = Number(count);
		}
		return counts;
	}

	/** Everything the stack started: n8n processes (in parallel), its Redis, its database, the user folder. */
	async stop(): Promise<void> {
		const running = [this.main, this.webhook, ...this.workers].filter((member): member is RunningN8n => member !== null);
		await Promise.allSettled(running.map(async (member) => await member.stop()));
		this.main = null;
		this.webhook = null;
		this.workers.fill(null);
		await this.redis.remove();
		try {
			psql(this.services.pg, 'postgres', `DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
		} finally {
			this.home.remove();
		}
	}

	/** The logs of every process, for a failing assertion's message. */
	logs(lines = 30): string {
		const parts: string[] = [];
		for (const [role, member] of this.members) {
			const text = member.running?.logs() ?? '';
			parts.push(`--- ${role} ---\n${text.split('\n').slice(-lines).join('\n')}`);
		}
		return parts.join('\n');
	}
}
