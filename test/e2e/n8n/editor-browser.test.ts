/**
 * The n8n 2.41.1 editor with our package, in a real browser (Debian's headless Chromium driven by
 * playwright-core): the package packed and installed like a community package, `n8n start` with an owner,
 * the local sandbox gateway. What a new user does: sign in, search the node creator for "sms", add each of
 * our nodes and look at its parameter panel, create a ClickSend credential in the editor and let n8n test it
 * (a wrong key, then the right one). The icons shown there are checked too: one family per provider, drawn
 * with paths, light and dark.
 *
 * The tests are steps of one editor session on one workflow and run in order on the same page.
 * Screenshots go to test-artifacts/screenshots/n8n-editor/ (gitignored, replaced on every run).
 * Needs `npm run build`; installs n8n on first use (scripts/e2e/ensure-n8n.sh) and needs Chromium
 * (scripts/e2e/ensure-chromium.sh).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

import { startSandbox, type Sandbox } from '../../../sandbox';
import { freshScreenshotDir } from '../artifacts';
import { openEditorPage, sessionSteps } from '../editor-session';
import { launchChromium } from '../node-red/browser/chromium';
import { screenshot } from '../node-red/browser/editor';
import { describeProblems, type PageMonitor } from '../node-red/browser/page-monitor';
import { E2E_OWNER, ensureN8n, N8nHome, packPackage, setupOwner, type RunningN8n } from './harness';

// page.evaluate() callbacks run in the editor page, where these are globals (the project's lib has no DOM types).
declare const document: any;
declare const DOMParser: any;

jest.setTimeout(120_000);

const SCREENSHOTS = freshScreenshotDir('n8n-editor');
const WRONG_KEY = 'E2E-WRONG-CLICKSEND-KEY-4c1';

/**
 * Each provider's mark, the one path every icon of that provider draws (the same paths as the Node-RED
 * icons): Clickatell's speech bubble and ClickSend's paper plane.
 */
const MARKS = {
	clickatell: 'M10 6h40a8 8 0 0 1 8 8v24a8 8 0 0 1-8 8H26l-12 10v-10h-4a8 8 0 0 1-8-8V14a8 8 0 0 1 8-8z',
	clicksend: 'M12 29.5 47 14l-8.5 33-10.2-8.4-5.8 5.6v-8.6l15.8-15.2-19.4 12.2z',
};

let scratch: string;
let sandbox: Sandbox;
let home: N8nHome;
let server: RunningN8n;
let browser: Browser;
let page: Page;
let monitor: PageMonitor;

beforeAll(async () => {
	// Fails (does not skip) with instructions when the pinned n8n cannot be installed.
	const install = ensureN8n();
	scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-n8n-editor-'));
	const tarball = packPackage(scratch);
	sandbox = await startSandbox({ port: 0, quiet: true });
	home = await N8nHome.create(install, { tarball });
	server = await home.start();
	await setupOwner(server);
	browser = await launchChromium(); // fails with the install command when Chromium is missing
	({ page, monitor } = await openEditorPage(browser, 15_000));
	// The first visit loads n8n's whole editor bundle: slow on a busy machine.
	await page.goto(`${server.baseUrl}/signin`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
	await page.locator('input[name="emailOrLdapLoginId"]').waitFor({ state: 'visible', timeout: 120_000 });
	await page.locator('input[name="emailOrLdapLoginId"]').fill(E2E_OWNER.email);
	await page.locator('input[name="password"]').fill(E2E_OWNER.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	await page.goto(`${server.baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
	await page.locator('[data-test-id="node-creator-plus-button"]').waitFor({ state: 'visible', timeout: 60_000 });
}, 15 * 60_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await sandbox?.close();
	home?.remove();
	if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The tests are steps of one editor session (see editor-session.ts). */
const step = sessionSteps(() => page, SCREENSHOTS, 90_000);

/**
 * Opens the node creator with the canvas's + button and searches; returns the names listed once the
 * results show `expected` (before that the creator still lists its start page).
 */
async function searchNodeCreator(text: string, expected = 'Clickatell'): Promise<string[]> {
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const search = page.locator('[data-test-id="node-creator-search-bar"]');
	await search.fill(text);
	await page.locator('[data-test-id="node-creator-item-name"]').getByText(expected, { exact: true }).first().waitFor({ state: 'visible' });
	return page.locator('[data-test-id="node-creator-item-name"]').evaluateAll((items: any[]) => items.map((item) => item.textContent.trim()));
}

/** Clicks a node creator entry by its exact name. */
async function pick(name: string): Promise<void> {
	await page.locator('[data-test-id="node-creator-item-name"]').getByText(name, { exact: true }).filter({ visible: true }).first().click();
}

/** The labels of the parameters the open node panel shows, in order. */
async function parameterLabels(): Promise<string[]> {
	await page.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]').waitFor({ state: 'visible' });
	return page
		.locator('[data-test-id="ndv"] [data-test-id="node-parameters"] [data-test-id="input-label"]')
		.evaluateAll((labels: any[]) => labels.filter((l) => l.offsetParent !== null).map((l) => l.innerText.split('\n')[0].trim()));
}

/** Parameter issues (red warning marks) the open node panel shows. */
async function parameterIssues(): Promise<number> {
	return page.locator('[data-test-id="ndv"] [data-test-id="parameter-issues"]:visible').count();
}

async function closePanel(): Promise<void> {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
}

describe('n8n 2.41 editor with the SMS package, in Chromium', () => {
	step('finds the SMS triggers when the node creator is searched for "sms", with their icons', async () => {
		const names = await searchNodeCreator('sms');
		expect(names).toEqual(expect.arrayContaining(['Clickatell', 'ClickSend', 'ClickSend Polling']));
		// Each of ours shows an icon the browser loaded from the package.
		for (const name of ['Clickatell', 'ClickSend', 'ClickSend Polling']) {
			const item = page.locator('[data-test-id="item-iterator-item"]').filter({ has: page.locator('[data-test-id="node-creator-item-name"]').getByText(name, { exact: true }) });
			const icon = await item.locator('img').first().evaluate((img: any) => ({ src: img.getAttribute('src'), width: img.naturalWidth, complete: img.complete }));
			expect({ name, fromPackage: /\/icons\/@gatewaykit\//.test(icon.src), loaded: icon.complete && icon.width > 0 }).toEqual({ name, fromPackage: true, loaded: true });
		}
		await screenshot(page, SCREENSHOTS, '01-node-creator-sms-triggers');
	});

	step('draws one icon family per provider, with paths and no text, in light and dark', async () => {
		const icons: Array<{ node: string; theme: string; status: number; texts: number; paths: string[] }> = await page.evaluate(async () => {
			const types = (await (await fetch('/types/nodes.json')).json()) as any[];
			const ours = types.filter((t: any) => t.name.startsWith('@gatewaykit/'));
			const result = [];
			for (const type of ours) {
				for (const theme of ['light', 'dark']) {
					const res = await fetch(`/${type.iconUrl[theme]}`);
					const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml');
					result.push({
						node: type.name,
						theme,
						status: res.status,
						texts: doc.querySelectorAll('text').length,
						paths: [...doc.querySelectorAll('path')].map((p: any) => p.getAttribute('d')),
					});
				}
			}
			return result;
		});
		const nodes = [...new Set(icons.map((icon) => icon.node.replace(/^.*\./, '')))].sort();
		expect(nodes).toEqual(expect.arrayContaining(['clickSend', 'clickSendPollingTrigger', 'clickSendTrigger', 'clickatell', 'clickatellTrigger']));
		for (const icon of icons) {
			const mark = /\.clickatell/i.test(icon.node) ? MARKS.clickatell : MARKS.clicksend;
			expect({ ...icon, paths: undefined, hasMark: icon.paths.includes(mark) }).toEqual({ ...icon, paths: undefined, status: 200, texts: 0, hasMark: true });
		}
	});

	step('shows the parameters of the Clickatell Trigger', async () => {
		await pick('Clickatell');
		await pick('On status update');
		await expect(parameterLabels()).resolves.toEqual(['API', 'Events', 'Only These States', 'Verification']);
		await expect(parameterIssues()).resolves.toBe(0);
		await screenshot(page, SCREENSHOTS, '02-clickatell-trigger');
		await closePanel();
	});

	step('shows the parameters of the ClickSend node and tests a ClickSend credential created in the editor', async () => {
		const names = await searchNodeCreator('sms');
		expect(names).toEqual(expect.arrayContaining(['Clickatell', 'ClickSend']));
		await pick('ClickSend');
		await pick('Send an SMS');
		// A new node is version 2: the API choice (REST API V3 by default) is a parameter in the panel.
		await expect(parameterLabels()).resolves.toEqual(['API', 'Resource', 'Operation', 'To', 'Text', 'Options', 'Bulk Sending']);
		await screenshot(page, SCREENSHOTS, '03-clicksend-send');

		await page.locator('[data-test-id="node-credentials-empty-state"]').click();
		const modal = page.locator('[data-test-id="editCredential-modal"]');
		await modal.waitFor({ state: 'visible' });
		const field = (name: string) => modal.locator(`[data-test-id="parameter-input-${name}"] input`);
		await field('username').fill('demo');
		await field('apiKey').fill(WRONG_KEY);
		await field('baseUrl').fill(sandbox.url);
		await modal.locator('[data-test-id="credential-save-button"]').click();
		// n8n tests the credential on save and keeps the dialog open with the provider's answer.
		await modal.getByText(/Couldn.t connect with these settings/).waitFor({ state: 'visible' });
		await modal.getByText('More details').click();
		await modal.getByText('ClickSend error 2022: Invalid credentials').waitFor({ state: 'visible' });
		await screenshot(page, SCREENSHOTS, '04-clicksend-credential-refused');

		await field('apiKey').fill('demo-key');
		await modal.locator('[data-test-id="credential-save-button"]').click();
		// A credential that passes its test closes the dialog and is selected on the node.
		await modal.waitFor({ state: 'hidden' });
		const selected = await page
			.locator('[data-test-id="ndv"] [data-test-id="node-credentials-slot"]')
			.evaluate((slot: any) => [...slot.querySelectorAll('input')].map((i: any) => i.value).join(' ') + ' ' + slot.innerText);
		expect(selected).toContain('ClickSend account');
		await expect(parameterIssues()).resolves.toBe(0);
		await screenshot(page, SCREENSHOTS, '05-clicksend-credential-saved');
		await closePanel();
	});

	step('shows the parameters of the Clickatell node', async () => {
		await searchNodeCreator('sms');
		await pick('Clickatell');
		await pick('Send an SMS');
		// Version 2: the API choice is a parameter of the panel (One API by default), not only the credential's
		// type; the credentials are selected with `hide` rules, which n8n does not move into the credential dialog.
		await expect(parameterLabels()).resolves.toEqual(['API', 'Resource', 'Operation', 'To', 'Text', 'Options', 'Bulk Sending']);
		await screenshot(page, SCREENSHOTS, '06-clickatell-send');
		await closePanel();
	});

	step('shows the parameters of the ClickSend Trigger and the ClickSend Polling Trigger', async () => {
		await searchNodeCreator('sms');
		await pick('ClickSend');
		await page.locator('[data-test-id="node-creator-category-item"]', { hasText: 'Triggers' }).click();
		await pick('On delivery report');
		const webhook = await parameterLabels();
		expect(webhook).toEqual(expect.arrayContaining(['API', 'Register Webhook Automatically', 'Events', 'Verification']));
		await expect(parameterIssues()).resolves.toBe(0);
		await screenshot(page, SCREENSHOTS, '07-clicksend-trigger');
		await closePanel();

		await searchNodeCreator('sms');
		await pick('ClickSend Polling');
		await pick('On delivery report');
		await expect(parameterLabels()).resolves.toEqual(expect.arrayContaining(['Poll Times', 'Events']));
		await expect(parameterIssues()).resolves.toBe(0);
		await screenshot(page, SCREENSHOTS, '08-clicksend-polling-trigger');
		await closePanel();
		await screenshot(page, SCREENSHOTS, '09-workflow');
	});

	// Looks at the whole session, so it runs even when a step above failed.
	it('loaded every icon of the package and ran its editor code without an error', () => {
		// Not counted: the editor's look-up of the package on registry.npmjs.org (no internet here) and its
		// request for per-node output schemas (/schemas/<node>/<version>.json), which community packages do not ship.
		const ours = monitor.problems.filter((p) => (p.url ?? '').includes('/icons/@gatewaykit/') || (p.kind === 'pageerror' && /gatewaykit/i.test(p.text)));
		if (ours.length > 0) throw new Error(`The editor reported ${ours.length} problem(s) with the package:\n${describeProblems(ours)}`);
	});
});
