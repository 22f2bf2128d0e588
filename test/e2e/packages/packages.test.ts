/**
 * The three npm packages as users get them: `node scripts/pack/pack.mjs` makes the three tarballs from one
 * build (run `npm run build` first), each holds only what its users need, and the sandbox package installs
 * and runs from its tarball like `npm install @gatewaykit/sms-sandbox` would. (The n8n and Node-RED
 * packages are installed into their real runtimes by the n8n and Node-RED end-to-end suites.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

interface Packed {
	key: string;
	name: string;
	tarball: string;
	files: string[];
}

let scratch: string;
let packed: Record<string, Packed>;

function manifestOf(pack: Packed): Record<string, any> {
	const out = spawnSync('tar', ['-xzOf', pack.tarball, 'package/package.json'], { encoding: 'utf8' });
	return JSON.parse(out.stdout);
}

function jsOf(pack: Packed): string[] {
	return pack.files.filter((file) => file.endsWith('.js'));
}

function fileText(pack: Packed, file: string): string {
	return spawnSync('tar', ['-xzOf', pack.tarball, `package/${file}`], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }).stdout;
}

beforeAll(() => {
	scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-packages-'));
	const result = spawnSync(process.execPath, [join(ROOT, 'scripts/pack/pack.mjs'), '--json', '--out', scratch], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`pack.mjs failed:\n${result.stderr}`);
	packed = Object.fromEntries((JSON.parse(result.stdout) as Packed[]).map((pack) => [pack.key, pack]));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('one command, three packages', () => {
	it('makes the n8n, Node-RED and sandbox tarballs', () => {
		expect(Object.keys(packed).sort()).toEqual(['n8n', 'node-red', 'sandbox']);
		expect(packed.n8n.name).toBe('@gatewaykit/n8n-nodes-sms');
		expect(packed['node-red'].name).toBe('@gatewaykit/node-red-sms');
		expect(packed.sandbox.name).toBe('@gatewaykit/sms-sandbox');
		const rootVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
		for (const pack of Object.values(packed)) expect(manifestOf(pack).version).toBe(rootVersion);
	});

	it('the n8n package holds n8n code only, with n8n-workflow as its only peer and no dependency', () => {
		const pack = packed.n8n;
		const manifest = manifestOf(pack);
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.devDependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest['node-red']).toBeUndefined();
		expect(manifest.bin).toBeUndefined();
		for (const file of pack.files) expect(file).toMatch(/^(dist\/(nodes|credentials|gateways)\/|examples\/n8n\/|README\.md$|LICENSE$|package\.json$)/);
		for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(pack.files).toContain(entry);
		expect(pack.files.filter((file) => file.startsWith('examples/n8n/workflows/') && file.endsWith('.json')).length).toBeGreaterThanOrEqual(7);
		// Every icon a node or credential names is in the package.
		for (const file of jsOf(pack).filter((name) => /\.(node|credentials)\.js$/.test(name))) {
			for (const [, icon] of fileText(pack, file).matchAll(/file:([\w.-]+\.svg)/g)) {
				expect(pack.files).toContain(`${file.slice(0, file.lastIndexOf('/'))}/${icon}`);
			}
		}
	});

	it('the Node-RED package has no n8n code and no dependency or peer at all', () => {
		const pack = packed['node-red'];
		const manifest = manifestOf(pack);
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toBeUndefined();
		expect(manifest.keywords).toContain('node-red');
		expect(manifest.n8n).toBeUndefined();
		for (const file of pack.files) expect(file).toMatch(/^(dist\/(node-red|gateways)\/|examples\/[^/]+\.json$|resources\/|README\.md$|LICENSE$|package\.json$)/);
		for (const file of jsOf(pack)) expect(fileText(pack, file)).not.toMatch(/require\("n8n-/);
		for (const js of Object.values(manifest['node-red'].nodes) as string[]) {
			expect(pack.files).toContain(js);
			expect(pack.files).toContain(js.replace(/\.js$/, '.html'));
		}
	});

	it('the sandbox package holds the sandbox and the core it reads, with its CLI and types', () => {
		const pack = packed.sandbox;
		const manifest = manifestOf(pack);
		expect(manifest.bin).toEqual({ 'sms-sandbox': 'dist/sandbox/cli.js' });
		expect(manifest.dependencies).toBeUndefined();
		expect(pack.files).toContain('dist/sandbox/index.d.ts');
		for (const file of pack.files) expect(file).toMatch(/^(dist\/(sandbox|gateways)\/|README\.md$|LICENSE$|package\.json$)/);
	});
});

describe('the sandbox package installed from its tarball', () => {
	let project: string;

	beforeAll(() => {
		project = join(scratch, 'project');
		spawnSync('mkdir', ['-p', project]);
		writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-project', private: true }));
		const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=error', packed.sandbox.tarball], { cwd: project, encoding: 'utf8' });
		if (install.status !== 0) throw new Error(`npm install of the sandbox tarball failed:\n${install.stderr}`);
	}, 120_000);

	it('starts as the `sms-sandbox` command, answers the three APIs and stops on SIGTERM', async () => {
		// The bin link npm made (what `npx sms-sandbox` runs), started directly so that SIGTERM reaches it.
		const child = spawn(join(project, 'node_modules', '.bin', 'sms-sandbox'), ['--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const url = await new Promise<string>((resolveUrl, reject) => {
			const timer = setTimeout(() => reject(new Error(`no URL printed within 20 s:\n${output}`)), 20_000);
			child.stdout.on('data', () => {
				const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
				if (match) {
					clearTimeout(timer);
					resolveUrl(match[1]);
				}
			});
		});
		try {
			const balance = await fetch(`${url}/http/v2/balance.php?username=demo&key=wrong-key`);
			expect(balance.status).toBe(200);
			expect(await balance.text()).toMatch(/<result>2022<\/result>/);
			const rest = await fetch(`${url}/rest/account/balance`, { headers: { authorization: 'Bearer nope', 'x-version': '1', accept: 'application/json' } });
			expect(rest.status).toBe(401);
			const legacy = await fetch(`${url}/http/getbalance?api_id=1&user=u&password=p`);
			expect(await legacy.text()).toMatch(/^ERR: \d{3}/);
		} finally {
			const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
		}
	}, 60_000);

	it('exports startSandbox for use in code', async () => {
		const script = "const { startSandbox } = require('@gatewaykit/sms-sandbox'); startSandbox({ port: 0 }).then(async (s) => { const r = await fetch(s.url + '/sandbox/accounts'); console.log(r.status); await s.close(); });";
		const result = spawnSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8', timeout: 30_000 });
		expect(result.stderr).toBe('');
		expect(result.stdout.trim()).toBe('200');
	}, 60_000);
});
