import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEMO_CREDENTIALS } from '../../../sandbox/config';

const ROOT = join(__dirname, '../../..');
const EXAMPLES = join(ROOT, 'examples/n8n');
const FIXTURES = join(ROOT, 'test/e2e/n8n/workflows');

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('examples/n8n', () => {
	const workflows = readdirSync(join(EXAMPLES, 'workflows')).filter((file) => file.endsWith('.json'));

	test('every example workflow is exactly a workflow the end-to-end tests run', () => {
		expect(workflows.length).toBeGreaterThanOrEqual(5);
		for (const file of workflows) expect({ file, workflow: read(join(EXAMPLES, 'workflows', file)) }).toEqual({ file, workflow: read(join(FIXTURES, file)) });
	});

	test('the example credentials hold only the sandbox demo credentials', () => {
		const credentials = read(join(EXAMPLES, 'credentials/sandbox-credentials.json')) as Array<{ type: string; data: Record<string, string> }>;
		expect(credentials.map((credential) => credential.type).sort()).toEqual(['clickSendApi', 'clickatellHttpApi', 'clickatellHttpApi', 'clickatellPortalApi', 'clickatellRestApi']);
		const demoSecrets = new Set<string>([
			DEMO_CREDENTIALS.clickatellHttp.password,
			DEMO_CREDENTIALS.clickatellRest.token,
			DEMO_CREDENTIALS.clickatellPortal.apiKey,
			DEMO_CREDENTIALS.clicksend.key,
		]);
		for (const { data } of credentials) {
			const secret = data.password ?? data.authToken ?? data.apiKey;
			expect(demoSecrets.has(secret)).toBe(true);
			expect(data.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:4010$/);
		}
	});

	test('every node an example uses refers to a credential the example credentials provide', () => {
		const credentials = read(join(EXAMPLES, 'credentials/sandbox-credentials.json')) as Array<{ id: string }>;
		const ids = new Set(credentials.map((credential) => credential.id));
		for (const file of workflows) {
			const workflow = read(join(EXAMPLES, 'workflows', file)) as { nodes: Array<{ credentials?: Record<string, { id: string }> }> };
			for (const node of workflow.nodes) for (const reference of Object.values(node.credentials ?? {})) expect(ids.has(reference.id)).toBe(true);
		}
	});
});
