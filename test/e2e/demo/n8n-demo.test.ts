/**
 * `npm run demo -- --only n8n`, run as a user runs it (its own process, the built dist/, a real n8n 2.41.1):
 * it must exit 0 and print the outcome of each example workflow and of each callback that arrives through
 * the trigger nodes. Needs `npm run build` first (the demo runs with --no-build here); installs n8n on
 * first use like the other n8n end-to-end tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const DEMO = join(ROOT, 'scripts/demo/demo.js');

function runDemo(args: string[]): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [DEMO, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('close', (code) => resolve({ code, output }));
	});
}

describe('npm run demo -- --only n8n', () => {
	let code: number | null;
	let output: string;

	beforeAll(async () => {
		({ code, output } = await runDemo(['--only', 'n8n', '--no-build']));
	}, 15 * 60_000);

	it('exits 0 and says the demo is complete', () => {
		if (code !== 0) throw new Error(`demo exited ${String(code)}:\n${output.split('\n').slice(-60).join('\n')}`);
		expect(output).toMatch(/✓ n8n part: \d+\.\d s/);
		expect(output).toMatch(/✓ Demo complete in/);
		expect(output).not.toMatch(/Node-RED/);
	});

	it('runs every example workflow it lists to success in n8n', () => {
		for (const title of [
			'Clickatell HTTP API: sends to a list',
			'Clickatell HTTP API: a single send',
			'Clickatell REST API',
			'ClickSend: send',
			'Clickatell One API \\(Portal\\)',
			'Clickatell Platform SMS API \\(Portal\\)',
			'ClickSend REST API v3',
			'Bulk: 1,000 items',
			'Continue On Fail',
		]) {
			expect(output).toMatch(new RegExp(`✓ ${title}.*\\(execution \\d+: success\\)`));
		}
		expect(output).not.toMatch(/✗/);
	});

	it('prints sends to a list, a single send, a bulk send, lookups and error items', () => {
		// The comma list of the Clickatell HTTP example: two recipients, one item each.
		expect(output).toMatch(/Send \(Session\): sent to 27999123456 .*\n\s+sent to 27999123457/);
		expect(output).toMatch(/Get Status: status of \S+: scheduled 011/);
		expect(output).toMatch(/Stop: status of \S+: cancelled 006/);
		expect(output).toMatch(/Get Balance: balance \d+(\.\d+)? credits/);
		expect(output).toMatch(/Check Coverage: 27999123456 is routable/);
		expect(output).toMatch(/Send: 1000 items: 1000 sent/);
		// Batched: far fewer requests than items (up to 500 recipients of one text per REST request; the example has two texts).
		const requests = Number(/the sandbox answered (\d+) Clickatell REST requests for these 1,000 items/.exec(output)?.[1]);
		expect(requests).toBeGreaterThan(0);
		expect(requests).toBeLessThan(20);
		expect(output).toMatch(/REST Send: .*\n\s+error INVALID_INPUT: .*\(field to = not-a-number\)\n\s+error 114: /);
	});

	it('shows the delivery reports and the replies arriving through the trigger workflows', () => {
		// Clickatell callback level 3: the intermediate 003 and the final 004, for the single send.
		const tracked = /Send: sent to 27999123456 \(id (\w+)…, GSM-7, 1 part, ref parcel4711\)/.exec(output)?.[1];
		expect(tracked).toBeDefined();
		expect(output).toMatch(new RegExp(`\\[Clickatell Trigger\\] execution \\d+: status of ${tracked}…: sent 003 `));
		expect(output).toMatch(new RegExp(`\\[Clickatell Trigger\\] execution \\d+: status of ${tracked}…: delivered 004 .*\\(final\\)`));
		expect(output).toMatch(/\[ClickSend Trigger\] execution \d+: status of \S+: delivered 201 .*\(final\)/);
		expect(output).toMatch(/\[ClickSend Trigger\] execution \d+: inbound from \+61400000123: "Yes, see you at 10!" \(reply to \S+\)/);
		expect(output).toMatch(/\[Clickatell Trigger\] execution \d+: inbound from 27999123456: "STOP"/);
	});

	it('leaves no secret of the n8n accounts in what it prints (the owner login is printed only with --keep)', () => {
		for (const secret of ['n8n-demo-password', 'n8n-demo-rest-token', 'n8n-demo-key', 'n8n-demo-portal-key', 'n8n-demo-callback-secret', 'Demo-password-1']) {
			expect(output.includes(secret) ? `printed ${secret}` : 'not printed').toBe('not printed');
		}
	});
});

describe('npm run demo options', () => {
	it('refuses an unknown runtime for --only, naming the choices', () => {
		const result = spawnSync(process.execPath, [DEMO, '--only', 'zapier'], { cwd: ROOT, encoding: 'utf8' });
		expect(result.status).toBe(1);
		expect(result.stderr).toContain("--only takes node-red or n8n, not 'zapier'");
	});

	it('refuses an unknown option with the usage', () => {
		const result = spawnSync(process.execPath, [DEMO, '--kep'], { cwd: ROOT, encoding: 'utf8' });
		expect(result.status).toBe(1);
		expect(result.stderr).toContain("unknown option '--kep'");
		expect(result.stderr).toContain('--only <runtime>');
	});
});
