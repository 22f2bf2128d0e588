/**
 * The Node-RED editor with our nodes, in a real browser: Debian's headless Chromium, driven by playwright-core,
 * against a real Node-RED 5 (Node 24) with the editor and a signed-in admin user, our packed package installed
 * in its userDir, and the local sandbox gateway. A person's path through the editor: the palette, the
 * clickatell node's dialog (operations per API, fields per operation), config nodes created from that dialog
 * and their "Test connection" button, the callback URLs of `clickatell in` and `clicksend in`, and a deploy. Every console error,
 * page error and failed request on the page fails the run, and no secret may be in anything the page receives.
 *
 * The tests below are steps of one editor session and run in order on the same page.
 * Screenshots of the key steps go to test-artifacts/screenshots/node-red-editor/ (gitignored, replaced on every run).
 * Needs: `npm run build`, Node-RED 5 (scripts/e2e/ensure-node-red.sh), Chromium (scripts/e2e/ensure-chromium.sh)
 * and the playwright-core devDependency; each one that is missing fails the run with how to get it.
 */
import type { Page } from 'playwright-core';
import type { RunningNodeRed } from '../../../scripts/e2e/node-red-harness';
import { freshScreenshotDir } from '../artifacts';
import { sessionSteps } from '../editor-session';
import {
  closeConfigEditor,
  closeNodeEditor,
  deploy,
  dropNode,
  nodeValidity,
  openNodeEditor,
  paletteNode,
  screenshot,
  selectOptions,
  visibleRows,
  waitForText,
  waitForTrayToSettle,
} from './browser/editor';
import { startEditorHost, type EditorHost } from './browser/editor-host';
import { describeProblems, type PageMonitor, type PageProblem } from './browser/page-monitor';

// page.evaluate() callbacks run in the editor page, where these are globals (the project's lib has no DOM types).
declare const RED: any;
declare const document: any;
declare const Image: any;

const ADMIN = { username: 'admin', password: 'e2e-editor-password' };
const HTTP_NODE_ROOT = '/hooks';
const CALLBACK_SECRET = 'e2e-callback-secret-7f3a';
const WRONG_PASSWORD = 'e2e-wrong-password-91c';
const WRONG_TOKEN = 'e2e-wrong-rest-token-5d2';
const WRONG_KEY = 'E2E-WRONG-CLICKSEND-KEY-0b7';
const WRONG_PORTAL_KEY = 'e2e-wrong-portal-key-4c1';
const SCREENSHOTS = freshScreenshotDir('node-red-editor');

/** What the palette must show in the SMS category, in order: type, label, icon file. */
const PALETTE = [
  { type: 'clickatell', label: 'clickatell SMS', icon: 'clickatell.svg' },
  { type: 'clicksend', label: 'clicksend SMS', icon: 'clicksend.svg' },
  { type: 'clickatell in', label: 'clickatell SMS in', icon: 'clickatell-in.svg' },
  { type: 'clicksend in', label: 'clicksend SMS in', icon: 'clicksend-in.svg' },
];

/** The Clickatell commands each API has (specs): the REST API has no token_pay. */
const HTTP_OPERATIONS = [
  { value: 'send', label: 'Send SMS' },
  { value: 'status', label: 'Get message status' },
  { value: 'charge', label: 'Get message charge' },
  { value: 'stop', label: 'Stop message' },
  { value: 'balance', label: 'Get balance' },
  { value: 'tokenPay', label: 'Redeem voucher (token pay)' },
  { value: 'coverage', label: 'Check route coverage' },
];
const REST_OPERATIONS = HTTP_OPERATIONS.filter((op) => op.value !== 'tokenPay');
/** The Portal APIs' confirmed operations (gateways/clickatell-portal PORTAL_OPERATIONS). */
const ONE_OPERATIONS = HTTP_OPERATIONS.filter((op) => op.value === 'send' || op.value === 'status');
const PLATFORM_OPERATIONS = HTTP_OPERATIONS.filter((op) => op.value === 'send' || op.value === 'balance');

/** The form rows (class clickatell-row-<name>) each operation needs, and only those. */
const PARAMETER_ROWS = ['to', 'text', 'from', 'clientReference', 'unicode', 'callback', 'maxParts', 'options', 'messageId', 'token', 'bulk'];
const ROWS_BY_OPERATION: Record<string, string[]> = {
  send: ['to', 'text', 'from', 'clientReference', 'unicode', 'callback', 'maxParts', 'options', 'bulk'],
  status: ['messageId'],
  charge: ['messageId'],
  stop: ['messageId'],
  balance: [],
  tokenPay: ['token'],
  coverage: ['to'],
};

let sandbox: { url: string; close(): Promise<void> };
let demo: any;
let editor: EditorHost;
let nodeRed: RunningNodeRed;
let page: Page;
let monitor: PageMonitor;
let clickatellId: string;
let clickatellInId: string;
let shownCallbackUrl = '';
let moduleName: string;
const secrets: string[] = [];

beforeAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSandbox, DEMO_CREDENTIALS } = require('../../../dist/sandbox');
  demo = DEMO_CREDENTIALS;
  secrets.push(
    demo.clickatellHttp.password,
    demo.clickatellRest.token,
    demo.clickatellPortal.apiKey,
    demo.clicksend.key,
    CALLBACK_SECRET,
    WRONG_PASSWORD,
    WRONG_TOKEN,
    WRONG_KEY,
    WRONG_PORTAL_KEY,
  );
  sandbox = await startSandbox({ quiet: true });
  editor = await startEditorHost({
    tmpPrefix: 'gatewaykit-nr-browser-',
    admin: ADMIN,
    flows: [{ id: 'tab1', type: 'tab', label: 'SMS e2e' }],
    settings: { httpNodeRoot: HTTP_NODE_ROOT },
  });
  ({ nodeRed, page, monitor, moduleName } = editor);
}, 120_000);

afterAll(async () => {
  await editor?.stop();
  await sandbox?.close();
});

/** The tests are steps of one editor session (see editor-session.ts). */
const step = sessionSteps(() => page, SCREENSHOTS, 30_000);

/** Fills a config node's form; `fields` maps the input id suffix (node-config-input-<name>) to its value. */
async function fillConfig(fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) await page.locator(`#node-config-input-${name}`).fill(value);
}

/** Presses a config dialog's "Test connection" button and returns the result text once the request is answered. */
async function testConnection(button: string, result: string): Promise<string> {
  const answered = page.waitForResponse((res) => /\/test$/.test(res.url()) && res.request().method() === 'POST');
  await page.locator(button).click();
  await answered;
  return waitForText(page, result, /^[✓✗]/);
}

describe('Node-RED 5 editor in Chromium', () => {
  step('shows the SMS category with our four nodes, their labels and icons (and no config node)', async () => {
    const category = page.locator('#red-ui-palette-container-SMS');
    await expect(category.isVisible()).resolves.toBe(true);
    await expect(category.locator('.red-ui-palette-header').textContent()).resolves.toBe('SMS');
    const entries = await category.locator('.red-ui-palette-node').evaluateAll((nodes: any[]) =>
      nodes.map((n) => ({
        type: n.getAttribute('data-palette-type'),
        label: n.querySelector('.red-ui-palette-label').textContent.replace(/\s+/g, ' ').trim(),
        icon: n.querySelector('.red-ui-palette-icon-container').getAttribute('data-palette-icon'),
      })),
    );
    expect(entries).toEqual(PALETTE.map((p) => ({ type: p.type, label: p.label, icon: `icons/${moduleName}/${p.icon}` })));
    // Each icon really loads and decodes as an image in the browser.
    for (const { icon } of PALETTE) {
      const size = await page.evaluate(
        (src) =>
          new Promise<{ width: number; height: number }>((resolve, reject) => {
            const img = new Image();
            img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
            img.onerror = () => reject(new Error(`icon ${src} did not load`));
            img.src = src;
          }),
        `icons/${moduleName}/${icon}`,
      );
      expect(size.width).toBeGreaterThan(0);
      expect(size.height).toBeGreaterThan(0);
    }
    for (const type of ['clickatell-http-config', 'clickatell-rest-config', 'clicksend-config']) {
      await expect(paletteNode(page, type).count()).resolves.toBe(0);
    }
    await screenshot(page, SCREENSHOTS, '01-palette');
  });

  step('starts a new clickatell node on the One API with the Portal account and its confirmed operations', async () => {
    clickatellId = await dropNode(page, 'clickatell', 250, 120);
    // Without an account the new node is marked as not configured (the deploy would warn about it).
    await expect(nodeValidity(page, clickatellId)).resolves.toEqual({ valid: false, errors: ['portalConfig'] });
    await openNodeEditor(page, clickatellId, '#node-input-operation');
    await expect(page.locator('#node-input-api').inputValue()).resolves.toBe('one');
    await expect(selectOptions(page, '#node-input-api')).resolves.toEqual([
      { value: 'one', label: 'One API (Clickatell Portal, API key)' },
      { value: 'platform', label: 'Platform SMS API (Clickatell Portal, API key)' },
      { value: 'rest', label: "REST API (Developers' Central, auth token)" },
      { value: 'http', label: 'HTTP API (legacy, API ID and password)' },
    ]);
    await expect(selectOptions(page, '#node-input-operation')).resolves.toEqual(ONE_OPERATIONS);
    await expect(page.locator('.clickatell-row-portalConfig').isVisible()).resolves.toBe(true);
    await expect(page.locator('.clickatell-row-httpConfig').isVisible()).resolves.toBe(false);
    // The Portal APIs pick the encoding themselves and take callbacks from the integration.
    const portalSend = ROWS_BY_OPERATION.send.filter((row) => !['unicode', 'callback', 'maxParts'].includes(row));
    await expect(visibleRows(page, 'clickatell-row-', PARAMETER_ROWS)).resolves.toEqual(portalSend);
    await page.locator('#node-input-operation').selectOption('status');
    await page.locator('#node-input-api').selectOption('platform');
    await expect(selectOptions(page, '#node-input-operation')).resolves.toEqual(PLATFORM_OPERATIONS);
    await expect(page.locator('#node-input-operation').inputValue()).resolves.toBe('send');
    await screenshot(page, SCREENSHOTS, '02-clickatell-one-api');
  });

  step('creates a Clickatell Portal config node from the dialog and tests its key: provider error, then the balance', async () => {
    await page.locator('#node-input-btn-portalConfig-add').click();
    await page.locator('#node-config-input-apiKey').waitFor({ state: 'visible' });
    await waitForTrayToSettle(page);
    await expect(page.locator('#node-config-input-baseUrl').inputValue()).resolves.toBe('https://platform.clickatell.com');
    await fillConfig({ name: 'sandbox portal', apiKey: WRONG_PORTAL_KEY, baseUrl: sandbox.url });
    const failure = await testConnection('#node-config-clickatell-portal-test', '#node-config-clickatell-portal-test-result');
    expect(failure).toMatch(/^✗ /);
    await fillConfig({ apiKey: demo.clickatellPortal.apiKey });
    await expect(testConnection('#node-config-clickatell-portal-test', '#node-config-clickatell-portal-test-result')).resolves.toMatch(
      /^✓ Connected: balance 500 ZAR$/,
    );
    await closeConfigEditor(page);
    await expect(page.locator('#node-input-portalConfig option:checked').textContent()).resolves.toBe('sandbox portal');
  });

  step('offers token pay only on the HTTP API and shows only the fields each operation needs', async () => {
    await page.locator('#node-input-api').selectOption('http');
    await expect(selectOptions(page, '#node-input-operation')).resolves.toEqual(HTTP_OPERATIONS);
    await expect(page.locator('#node-input-operation').inputValue()).resolves.toBe('send');
    await expect(page.locator('.clickatell-row-httpConfig').isVisible()).resolves.toBe(true);
    await expect(page.locator('.clickatell-row-restConfig').isVisible()).resolves.toBe(false);
    // The message parameters are TypedInputs (msg.to and msg.payload by default).
    await expect(page.locator('.clickatell-row-to .red-ui-typedInput-container').isVisible()).resolves.toBe(true);
    await expect(page.locator('#node-input-toType').inputValue()).resolves.toBe('msg');
    await expect(page.locator('#node-input-textType').inputValue()).resolves.toBe('msg');
    // A new node's optional, empty fields are not flagged as errors.
    await expect(page.locator('.clickatell-param .input-error:visible').count()).resolves.toBe(0);
    await screenshot(page, SCREENSHOTS, '02-clickatell-send');

    for (const op of HTTP_OPERATIONS) {
      await page.locator('#node-input-operation').selectOption(op.value);
      await expect(visibleRows(page, 'clickatell-row-', PARAMETER_ROWS)).resolves.toEqual(ROWS_BY_OPERATION[op.value]);
    }
    // Coverage asks for a number to check, not a recipient.
    await page.locator('#node-input-operation').selectOption('coverage');
    await expect(page.locator('#clickatell-to-label').textContent()).resolves.toBe('Number');
    await page.locator('#node-input-operation').selectOption('send');
    await expect(page.locator('#clickatell-to-label').textContent()).resolves.toBe('To');

    // Token pay chosen, then the REST API: the operation falls back to one REST has.
    await page.locator('#node-input-operation').selectOption('tokenPay');
    await page.locator('#node-input-api').selectOption('rest');
    await expect(selectOptions(page, '#node-input-operation')).resolves.toEqual(REST_OPERATIONS);
    await expect(page.locator('#node-input-operation').inputValue()).resolves.toBe('send');
    await expect(visibleRows(page, 'clickatell-row-', PARAMETER_ROWS)).resolves.toEqual(ROWS_BY_OPERATION.send);
    await expect(page.locator('.clickatell-row-httpConfig').isVisible()).resolves.toBe(false);
    await expect(page.locator('.clickatell-row-restConfig').isVisible()).resolves.toBe(true);
    for (const op of REST_OPERATIONS) {
      await page.locator('#node-input-operation').selectOption(op.value);
      await expect(visibleRows(page, 'clickatell-row-', PARAMETER_ROWS)).resolves.toEqual(ROWS_BY_OPERATION[op.value]);
    }
    // An operation both APIs have survives the switch back.
    await page.locator('#node-input-operation').selectOption('stop');
    await page.locator('#node-input-api').selectOption('http');
    await expect(selectOptions(page, '#node-input-operation')).resolves.toEqual(HTTP_OPERATIONS);
    await expect(page.locator('#node-input-operation').inputValue()).resolves.toBe('stop');
    await expect(visibleRows(page, 'clickatell-row-', PARAMETER_ROWS)).resolves.toEqual(ROWS_BY_OPERATION.stop);
  });

  step('creates a Clickatell HTTP config node from the dialog and tests it: provider error, then success', async () => {
    await page.locator('#node-input-btn-httpConfig-add').click();
    await page.locator('#node-config-input-apiId').waitFor({ state: 'visible' });
    await waitForTrayToSettle(page);
    const http = demo.clickatellHttp;
    await fillConfig({ name: 'sandbox http', apiId: http.apiId, user: http.user, password: WRONG_PASSWORD, baseUrl: sandbox.url });
    // Session mode shows the keep-alive row; per-request auth has no session to keep alive.
    await expect(page.locator('.clickatell-http-config-row-keepalive').isVisible()).resolves.toBe(true);
    await page.locator('#node-config-input-authMode').selectOption('perRequest');
    await expect(page.locator('.clickatell-http-config-row-keepalive').isVisible()).resolves.toBe(false);
    await page.locator('#node-config-input-authMode').selectOption('session');

    const failure = await testConnection('#node-config-clickatell-http-test', '#node-config-clickatell-http-test-result');
    expect(failure).toMatch(/^✗ /);
    expect(failure).toContain('Authentication failed'); // Clickatell's text for error 001
    await screenshot(page, SCREENSHOTS, '03-http-config-failed');

    await fillConfig({ password: http.password });
    await expect(testConnection('#node-config-clickatell-http-test', '#node-config-clickatell-http-test-result')).resolves.toBe(
      '✓ Connected: 1000 credits',
    );
    await screenshot(page, SCREENSHOTS, '04-http-config-connected');
    await closeConfigEditor(page);
    // Back in the clickatell dialog, the new config node is the selected account.
    await expect(page.locator('#node-input-httpConfig option:checked').textContent()).resolves.toBe('sandbox http');
  });

  step('creates a Clickatell REST config node from the dialog and tests it', async () => {
    // On the REST API the HTTP account is not needed, but a REST account is.
    await page.locator('#node-input-api').selectOption('rest');
    await closeNodeEditor(page);
    await expect(nodeValidity(page, clickatellId)).resolves.toEqual({ valid: false, errors: ['restConfig'] });
    await openNodeEditor(page, clickatellId, '#node-input-operation');
    await expect(page.locator('#node-input-api').inputValue()).resolves.toBe('rest');
    await page.locator('#node-input-btn-restConfig-add').click();
    await page.locator('#node-config-input-token').waitFor({ state: 'visible' });
    await waitForTrayToSettle(page);
    await fillConfig({ name: 'sandbox rest', token: WRONG_TOKEN, baseUrl: sandbox.url });
    const failure = await testConnection('#node-config-clickatell-rest-test', '#node-config-clickatell-rest-test-result');
    expect(failure).toMatch(/^✗ /);
    expect(failure).toContain('Authentication failed');
    await fillConfig({ token: demo.clickatellRest.token });
    await expect(testConnection('#node-config-clickatell-rest-test', '#node-config-clickatell-rest-test-result')).resolves.toMatch(
      /^✓ Connected: balance 300\.5\b/,
    );
    await closeConfigEditor(page);
    await expect(page.locator('#node-input-restConfig option:checked').textContent()).resolves.toBe('sandbox rest');

    // The node goes back to the HTTP API for the deploy: its HTTP account is still selected.
    await page.locator('#node-input-api').selectOption('http');
    await page.locator('#node-input-operation').selectOption('balance');
    await expect(page.locator('#node-input-httpConfig option:checked').textContent()).resolves.toBe('sandbox http');
    await closeNodeEditor(page);
    const saved = await page.evaluate((id) => {
      const n = RED.nodes.node(id);
      return { api: n.api, operation: n.operation, httpConfig: RED.nodes.node(n.httpConfig)?.name, valid: n.valid, errors: n.validationErrors ?? [] };
    }, clickatellId);
    // Valid: no "not properly configured" mark on the canvas, no warning at deploy.
    expect(saved).toEqual({ api: 'http', operation: 'balance', httpConfig: 'sandbox http', valid: true, errors: [] });
  });

  step('creates a ClickSend config node from the clicksend dialog and tests it', async () => {
    const clicksendId = await dropNode(page, 'clicksend', 250, 200);
    await openNodeEditor(page, clicksendId, '#node-input-operation');
    // New nodes start on REST v3, with its operations; HTTP v2 stays offered.
    await expect(page.locator('#node-input-api').inputValue()).resolves.toBe('v3');
    await expect((await selectOptions(page, '#node-input-operation')).map((op) => op.value)).toEqual([
      'send', 'priceEstimate', 'history', 'replies', 'deliveryReports', 'cancel', 'cancelAll', 'balance',
    ]);
    await page.locator('#node-input-btn-clicksendConfig-add').click();
    await page.locator('#node-config-input-apiKey').waitFor({ state: 'visible' });
    await waitForTrayToSettle(page);
    await fillConfig({ name: 'sandbox clicksend', username: demo.clicksend.username, apiKey: WRONG_KEY, baseUrl: sandbox.url });
    const failure = await testConnection('#node-config-clicksend-test', '#node-config-clicksend-test-result');
    expect(failure).toMatch(/^✗ /);
    expect(failure).toContain('Invalid credentials'); // ClickSend's text for result code 2022
    await screenshot(page, SCREENSHOTS, '05-clicksend-config-failed');
    await fillConfig({ apiKey: demo.clicksend.key });
    await expect(testConnection('#node-config-clicksend-test', '#node-config-clicksend-test-result')).resolves.toMatch(/^✓ Connected: balance 125\b/);
    await closeConfigEditor(page);
    await page.locator('#node-input-operation').selectOption('balance');
    await closeNodeEditor(page);
    const saved = await page.evaluate((id) => {
      const n = RED.nodes.node(id);
      return { api: n.api, operation: n.operation, config: RED.nodes.node(n.clicksendConfig)?.name, valid: n.valid, errors: n.validationErrors ?? [] };
    }, clicksendId);
    expect(saved).toEqual({ api: 'v3', operation: 'balance', config: 'sandbox clicksend', valid: true, errors: [] });
  });

  step('shows the full callback URL of a clickatell in node, with httpNodeRoot and the token parameter', async () => {
    clickatellInId = await dropNode(page, 'clickatell in', 250, 280);
    await openNodeEditor(page, clickatellInId, '#node-input-url');
    // New in nodes expect the Clickatell Portal's callbacks; this one takes the legacy HTTP API's (the callback below).
    await expect(page.locator('#node-input-api').inputValue()).resolves.toBe('portal');
    await page.locator('#node-input-api').selectOption('http');
    await expect(page.locator('#clickatell-in-full-url').textContent()).resolves.toBe('set a path first');
    await page.locator('#node-input-url').fill('sms/clickatell-status');
    const origin = new URL(nodeRed.url).origin;
    await expect(page.locator('#clickatell-in-full-url').textContent()).resolves.toBe(
      `${origin}${HTTP_NODE_ROOT}/sms/clickatell-status?token=<your secret>`,
    );
    await page.locator('#node-input-tokenParam').fill('key');
    await expect(page.locator('#clickatell-in-full-url').textContent()).resolves.toBe(`${origin}${HTTP_NODE_ROOT}/sms/clickatell-status?key=<your secret>`);
    // Basic auth: no secret in the URL, a username row instead of the token parameter.
    await page.locator('#node-input-auth').selectOption('basic');
    await expect(page.locator('#clickatell-in-full-url').textContent()).resolves.toBe(`${origin}${HTTP_NODE_ROOT}/sms/clickatell-status`);
    await expect(page.locator('.clickatell-in-row-user').isVisible()).resolves.toBe(true);
    await expect(page.locator('.clickatell-in-row-token').isVisible()).resolves.toBe(false);
    await page.locator('#node-input-auth').selectOption('none');
    await expect(page.locator('.clickatell-in-row-secret').isVisible()).resolves.toBe(false);
    await page.locator('#node-input-auth').selectOption('token');
    await page.locator('#node-input-secret').fill(CALLBACK_SECRET);
    shownCallbackUrl = ((await page.locator('#clickatell-in-full-url').textContent()) ?? '').trim();
    // The whole URL is readable: it wraps inside the tip box instead of running out of the dialog.
    const box = await page.evaluate(() => {
      const code = document.getElementById('clickatell-in-full-url');
      const tip = code.closest('.form-tips');
      return { code: code.getBoundingClientRect().right, tip: tip.getBoundingClientRect().right, tray: code.closest('.red-ui-tray').getBoundingClientRect().right };
    });
    expect(box.code).toBeLessThanOrEqual(box.tip);
    expect(box.tip).toBeLessThanOrEqual(box.tray);
    await screenshot(page, SCREENSHOTS, '06-clickatell-in-url');
    await closeNodeEditor(page);
  });

  step('shows the full callback URL of a clicksend in node too, wrapped to fit', async () => {
    const clicksendInId = await dropNode(page, 'clicksend in', 250, 360);
    await openNodeEditor(page, clicksendInId, '#node-input-url');
    await page.locator('#node-input-url').fill('/sms/clicksend/delivery-receipts-and-inbound-replies');
    const origin = new URL(nodeRed.url).origin;
    await expect(page.locator('#clicksend-in-full-url').textContent()).resolves.toBe(
      `${origin}${HTTP_NODE_ROOT}/sms/clicksend/delivery-receipts-and-inbound-replies?token=<your secret>`,
    );
    const box = await page.evaluate(() => {
      const code = document.getElementById('clicksend-in-full-url');
      return { code: code.getBoundingClientRect().right, tip: code.closest('.form-tips').getBoundingClientRect().right };
    });
    expect(box.code).toBeLessThanOrEqual(box.tip);
    await page.locator('#node-input-secret').fill(CALLBACK_SECRET);
    await closeNodeEditor(page);
  });

  step('deploys with a success notification, no error, and the shown callback URL answers', async () => {
    const result = await deploy(page);
    expect(result).toEqual({ kind: 'success', text: 'Successfully deployed' });
    await expect(page.locator('.red-ui-notification-error').count()).resolves.toBe(0);
    // The runtime started every node without a complaint.
    await nodeRed.waitForLog(/listening for callbacks on \/hooks\/sms\/clickatell-status/);
    expect(nodeRed.output()).not.toMatch(/\[(error|warn)\] \[(clickatell|clicksend)/);

    // The URL the dialog showed is live: a wrong secret is refused, a Clickatell status callback is taken.
    const wrong = await fetch(shownCallbackUrl.replace('<your secret>', 'not-the-secret'));
    expect(wrong.status).toBe(401);
    const callback = new URL(shownCallbackUrl.replace('<your secret>', encodeURIComponent(CALLBACK_SECRET)));
    const params = { apiMsgId: 'e2e0001', api_id: demo.clickatellHttp.apiId, to: '27999000001', timestamp: '1700000000', status: '004', charge: '0.8' };
    for (const [name, value] of Object.entries(params)) callback.searchParams.set(name, value);
    const ok = await fetch(callback);
    expect(ok.status).toBe(200);
    // The node shows the delivered status on the canvas once the callback went through.
    await page.locator(`g.red-ui-flow-node-group[id="${clickatellInId}"] .red-ui-flow-node-status-label`).filter({ hasText: 'delivered' }).waitFor();
    await screenshot(page, SCREENSHOTS, '07-deployed');
  });

  step('tests a deployed config node with its saved password, which the page never receives', async () => {
    await openNodeEditor(page, clickatellId, '#node-input-operation');
    const credentials = page.waitForResponse((res) => /\/credentials\/clickatell-http-config\//.test(res.url()));
    await page.locator('#node-input-btn-httpConfig-edit').click();
    await page.locator('#node-config-input-password').waitFor({ state: 'visible' });
    await waitForTrayToSettle(page);
    // The editor only learns that a password is saved.
    expect(await (await credentials).json()).toEqual({ apiId: demo.clickatellHttp.apiId, user: demo.clickatellHttp.user, has_password: true });
    await expect(page.locator('#node-config-input-password').inputValue()).resolves.toBe('__PWRD__');
    await expect(testConnection('#node-config-clickatell-http-test', '#node-config-clickatell-http-test-result')).resolves.toBe(
      '✓ Connected: 1000 credits',
    );
    await screenshot(page, SCREENSHOTS, '08-http-config-saved-password');
    await page.locator('#node-config-dialog-cancel').click();
    await page.locator('#node-config-dialog-cancel').waitFor({ state: 'detached' });
    await page.locator('#node-dialog-cancel').click();
    await page.locator('#node-dialog-cancel').waitFor({ state: 'detached' });
  });

  // These two look at the whole session, so they run even when a step above failed.
  it('never sent a secret to the page', async () => {
    const received = await monitor.received();
    expect(received.some((r) => /\/test$/.test(r.url))).toBe(true); // the check below saw the test answers
    for (const { method, url, body } of received) {
      for (const secret of secrets) {
        if (body.includes(secret)) throw new Error(`${method} ${url} sent a secret to the page: ${body.slice(0, 300)}`);
      }
    }
    for (const secret of secrets) expect(nodeRed.output()).not.toContain(secret);
  });

  it('had no console error, page error or failed request during the whole session', () => {
    // Node-RED's own sign-in flow: the editor asks for its settings unauthenticated, gets 401 and shows the
    // login dialog (the browser logs that 401). Our nodes' code only loads after the sign-in.
    const signInProbe = (p: PageProblem) => p.url !== undefined && new URL(p.url).pathname === '/admin/settings' && /\b401\b/.test(p.text);
    const problems = monitor.problems.filter((p) => !signInProbe(p));
    if (problems.length > 0) {
      throw new Error(`The editor page reported ${problems.length} problem(s):\n${describeProblems(problems)}`);
    }
  });
});
