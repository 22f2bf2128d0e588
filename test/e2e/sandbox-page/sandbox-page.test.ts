/**
 * The sandbox's own web page in a real browser (Debian's headless Chromium driven by playwright-core, as the
 * Node-RED editor test does), watching a real workflow: the sandbox as a user gets it (its package's tarball
 * installed with npm, its `sms-sandbox` command), a real Node-RED 5 (Node 24) with the Node-RED package
 * installed from its tarball, and a flow whose `clickatell` node sends what the test POSTs to it and whose
 * `clickatell in` nodes receive the sandbox's callbacks. The page must show the node's message and its status moving to delivered, send a reply from
 * the phone that fires the in node, show the traffic with every secret masked, and switch on a fault that
 * makes the node's next send fail. Console errors, page errors and failed requests on the page fail the run.
 *
 * The tests are steps of one session and run in order on the same page.
 * Screenshots go to <tmpdir>/gatewaykit-sandbox-page-screenshots; with GATEWAYKIT_UPDATE_SCREENSHOTS=1 they
 * also replace the README's pictures in docs/images/.
 * Needs: `npm run build`, Node-RED 5 (scripts/e2e/ensure-node-red.sh), Chromium (scripts/e2e/ensure-chromium.sh)
 * and the playwright-core devDependency; each one that is missing fails the run with how to get it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { locateNodeRed, packPackage, startNodeRed, type RunningNodeRed } from '../../../scripts/e2e/node-red-harness';
import { startCollector, tapDebugNodes, type Collector, type TappedMessage } from '../../../scripts/e2e/node-red-tap';
import { launchChromium } from '../node-red/browser/chromium';
import { describeProblems, monitorPage, type PageMonitor } from '../node-red/browser/page-monitor';
import { INBOUND_PATH, pageTestFlow, SEND_PATH, STATUS_PATH } from './flow';
import { installSandboxPackage, startSandboxCli, type RunningSandbox } from './sandbox-cli';

// page.evaluate() callbacks run in the page, where these are globals (the project's lib has no DOM types).
declare const document: any;
declare const window: any;

const CALLBACK_SECRET = 'e2e-page-callback-secret-4b1d';
/** Every secret this run uses: none may reach the page. */
const SECRETS = ['demo-password', 'demo-rest-token', 'demo-key', 'D83DED51-9E35-4D42-9BB9-0E34B7CA85AE', 'demo-callback-secret', CALLBACK_SECRET];
const PHONE = '27999123456';
const SCREENSHOTS = path.join(os.tmpdir(), 'gatewaykit-sandbox-page-screenshots');
const README_IMAGES = path.resolve(__dirname, '..', '..', '..', 'docs', 'images');
const UPDATE_README_IMAGES = process.env.GATEWAYKIT_UPDATE_SCREENSHOTS === '1';

// Each step waits for real processes (a send, a delivery, a callback); a loaded CI machine gets room.
jest.setTimeout(60_000);

let workDir: string;
let sandbox: RunningSandbox;
let nodeRed: RunningNodeRed;
let collector: Collector;
let browser: Browser;
let page: Page;
let monitor: PageMonitor;
let sentId = '';

beforeAll(async () => {
  locateNodeRed(); // fail fast, with the install command, before packing anything
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewaykit-sandbox-page-'));
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const tarball = packPackage(path.join(workDir, 'pack'));
  sandbox = await startSandboxCli(installSandboxPackage(path.join(workDir, 'sandbox')), ['--time-factor', '0.5', '--quiet']);
  collector = await startCollector();
  const { freePort } = await import('../../../scripts/e2e/node-red-harness');
  const port = await freePort();
  const nodeRedUrl = `http://127.0.0.1:${port}`;
  const accountAnswer = await fetch(`${sandbox.url}/sandbox/accounts/demo-http`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ statusCallbackUrl: `${nodeRedUrl}${STATUS_PATH}`, inboundUrl: `${nodeRedUrl}${INBOUND_PATH}`, callbackAuth: 'token', callbackSecret: CALLBACK_SECRET }),
  });
  expect(accountAnswer.status).toBe(200);
  const { flows, credentials } = pageTestFlow(sandbox.url, CALLBACK_SECRET);
  nodeRed = await startNodeRed({ flows: tapDebugNodes(flows, collector.url), credentials, tarball, port, userDir: path.join(workDir, 'userDir') });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  monitor = monitorPage(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await nodeRed?.stop();
  await collector?.close();
  await sandbox?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

async function screenshot(name: string, target: Page = page): Promise<void> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await target.screenshot({ path: file });
  if (UPDATE_README_IMAGES) {
    fs.mkdirSync(README_IMAGES, { recursive: true });
    fs.copyFileSync(file, path.join(README_IMAGES, `${name}.png`));
  }
}

/** The flow's http in node: the clickatell node sends `text` to `to`. */
async function sendThroughNode(to: string, text: string): Promise<void> {
  const answer = await fetch(`${nodeRed.url}${SEND_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to, text }) });
  expect(answer.status).toBe(202);
}

async function tapped(debug: string, predicate: (message: TappedMessage) => boolean, what: string): Promise<TappedMessage> {
  const messages = await collector.waitFor((all) => all.some((m) => m.debug === debug && predicate(m)), 20_000, what);
  return messages.find((m) => m.debug === debug && predicate(m))!;
}

/** Rows of the requests table whose Command cell is exactly `command`, newest first. */
function requestRows(command: string) {
  return page.locator('#requests tbody tr').filter({ has: page.locator('td:nth-child(3)', { hasText: new RegExp(`^${command.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }) });
}

async function text(selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent()) ?? '';
}

describe('the sandbox web page, watching a Node-RED flow', () => {
  it('is linked from the start-up banner and served at / to a browser, JSON to anything else', async () => {
    expect(sandbox.banner).toContain(`Web page          ${sandbox.url}/`);
    const html = await fetch(`${sandbox.url}/`, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    const json = await (await fetch(`${sandbox.url}/`, { headers: { accept: 'application/json' } })).json();
    expect(json).toMatchObject({ name: 'SMS gateway sandbox', page: `${sandbox.url}/` });
    await page.goto(`${sandbox.url}/`);
    await page.locator('#live', { hasText: 'Live' }).waitFor({ timeout: 10_000 });
    expect(await text('#phones-empty')).toContain('No messages yet');
  });

  it('shows the message a clickatell node sent, its encoding, parts and charge, until the status reaches delivered', async () => {
    await sendThroughNode(PHONE, 'Your table is ready');
    const sent = await tapped('sent', (m) => m.payload?.type === 'message.sent', 'the send result of the clickatell node');
    sentId = sent.payload.messageId;
    expect(sentId).toMatch(/^[0-9a-f]{32}$/);
    const bubble = page.locator(`li.bubble.received[data-message-id="${sentId}"]`);
    await bubble.waitFor({ timeout: 10_000 });
    expect(await page.locator(`#phone-list button[data-phone="${PHONE}"]`).count()).toBe(1);
    await page.locator(`li.bubble[data-message-id="${sentId}"][data-state="delivered"]`).waitFor({ timeout: 15_000 });
    expect(await bubble.locator('.text').textContent()).toBe('Your table is ready');
    const meta = (await bubble.locator('.meta').first().textContent()) ?? '';
    expect(meta).toContain('Clickatell HTTP');
    expect(meta).toContain('GSM-7');
    expect(meta).toContain('1 part');
    expect(meta).toContain('0.8 credits');
    expect(await bubble.locator('[data-role="status"]').textContent()).toContain('004 Received by recipient');
    expect(await bubble.locator('.history').textContent()).toMatch(/^queued .* → sent .* → delivered /);
    // The node's own status callbacks arrived too (callback level 7: 003 and 004).
    await tapped('status', (m) => m.payload?.messageId === sentId && m.payload?.state === 'delivered', 'the delivered status callback at the clickatell in node');
    await bubble.locator('[data-role="callbacks"]', { hasText: 'callbacks: 003 delivered (HTTP 200), 004 delivered (HTTP 200)' }).waitFor({ timeout: 5000 });
  });

  it('sends a reply typed on the page from the phone, and the clickatell in node receives it', async () => {
    await page.locator(`#phone-list button[data-phone="${PHONE}"]`).click();
    await page.getByLabel('Reply from this phone').fill('On my way, 5 minutes');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const inbound = await tapped('inbound', (m) => m.payload?.type === 'message.inbound', 'the reply at the clickatell in node');
    expect(inbound.payload).toMatchObject({ type: 'message.inbound', provider: 'clickatell-http', from: PHONE, text: 'On my way, 5 minutes' });
    const reply = page.locator('li.bubble.sent', { hasText: 'On my way, 5 minutes' });
    await reply.waitFor({ timeout: 10_000 });
    await reply.locator('[data-role="pushed"]', { hasText: 'delivered (#1 HTTP 200' }).waitFor({ timeout: 10_000 });
    expect(await text('#phones-notice')).toContain(`Reply sent from +${PHONE}`);
    expect(await page.getByLabel('Reply from this phone').inputValue()).toBe('');
    await screenshot('sandbox-page-phones');
  });

  it('lists every request with command, status and duration, and every callback with its attempts, secrets masked', async () => {
    await page.getByRole('tab', { name: /Traffic/ }).click();
    const sendRow = requestRows('sendmsg').first();
    await sendRow.waitFor({ timeout: 5000 });
    const cells = await sendRow.locator('td').allTextContents();
    expect(cells.slice(1, 4)).toEqual(['Clickatell HTTP', 'sendmsg', '200']);
    expect(cells[4]).toMatch(/^\d+ ms$/);
    await sendRow.locator('summary').click();
    const details = (await sendRow.locator('details').textContent()) ?? '';
    expect(details).toContain('session_id••••');
    expect(details).toContain(`to${PHONE}`);
    expect(details).toContain(`ID: ${sentId}`);
    const authRow = requestRows('auth').first();
    await authRow.locator('summary').click();
    const authDetails = (await authRow.locator('details').textContent()) ?? '';
    expect(authDetails).toContain('password••••');
    expect(authDetails).toContain('OK: ••••');
    // The reply injected from the page is in the log as a sandbox request.
    expect(await requestRows('POST /sandbox/inbound').count()).toBe(1);
    const inboundCallback = page.locator('#callbacks tbody tr', { hasText: 'clickatell-inbound' }).first();
    expect(await inboundCallback.getAttribute('data-state')).toBe('delivered');
    expect(await inboundCallback.locator('td').nth(3).textContent()).toMatch(/^1 of 6: #1 HTTP 200/);
    const statusCallbacks = page.locator('#callbacks tbody tr[data-state="delivered"]', { hasText: 'clickatell-status' });
    expect(await statusCallbacks.count()).toBe(2);
    const target = (await inboundCallback.locator('summary').textContent()) ?? '';
    expect(target).toBe(`GET ${nodeRed.url}${INBOUND_PATH}`);
    await screenshot('sandbox-page-traffic');
  });

  it('switches a 503 fault on for Clickatell HTTP from the page, and the node\'s next send fails with it', async () => {
    await page.getByRole('tab', { name: /Accounts/ }).click();
    const balance = await text('#accounts tbody tr[data-account="demo-http"] .balance');
    expect(Number(balance)).toBeCloseTo(1000 - 0.8, 6);
    await page.getByLabel('Which API').selectOption('clickatell-http');
    await page.getByRole('switch', { name: /Unavailable: 503/ }).check();
    await page.locator('#fault-list li', { hasText: '503 on Clickatell HTTP' }).waitFor({ timeout: 5000 });
    expect(await page.getByRole('switch', { name: /Unavailable: 503/ }).isChecked()).toBe(true);

    await sendThroughNode(PHONE, 'This one meets the fault');
    const failure = await tapped('errors', (m) => m.error !== undefined, 'the Catch node reporting the failed send');
    expect(failure.smsError).toMatchObject({ provider: 'clickatell-http', httpStatus: 503 });
    // The fault counts the requests it answered (the send, and any session renewal the node tried).
    await page.locator('#fault-list li', { hasText: /· [1-9]\d* hits? / }).waitFor({ timeout: 5000 });
    const refused = (await (await fetch(`${sandbox.url}/sandbox/messages?to=${PHONE}`)).json()) as { messages: Array<{ text: string }> };
    expect(refused.messages.map((message) => message.text)).toEqual(['Your table is ready']);
    await screenshot('sandbox-page-faults');

    await page.getByRole('tab', { name: /Traffic/ }).click();
    const faulted = page.locator('#requests tbody tr', { hasText: 'fault 503' }).first();
    await faulted.waitFor({ timeout: 5000 });
    const cells = await faulted.locator('td').allTextContents();
    expect(cells[1]).toBe('Clickatell HTTP');
    expect(cells[3]).toBe('503fault 503');
    expect(await faulted.getAttribute('class')).toBe('failed');

    await page.getByRole('tab', { name: /Accounts/ }).click();
    await page.getByRole('switch', { name: /Unavailable: 503/ }).uncheck();
    await page.locator('#faults-empty').waitFor({ state: 'visible', timeout: 5000 });
    const faults = (await (await fetch(`${sandbox.url}/sandbox/faults`)).json()) as { faults: unknown[] };
    expect(faults.faults).toEqual([]);
  });

  it('fits a phone-sized screen without sideways scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phoneMonitor = monitorPage(phone);
    await phone.goto(`${sandbox.url}/#phones`);
    await phone.locator(`li.bubble[data-message-id="${sentId}"][data-state="delivered"]`).waitFor({ timeout: 10_000 });
    const overflow = await phone.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot('sandbox-page-mobile', phone);
    await phone.close();
    expect(describeProblems(phoneMonitor.problems)).toBe('');
  });

  it('lets a handset write first, and the reset button empties the page', async () => {
    await page.getByRole('tab', { name: /Phones/ }).click();
    await page.getByLabel('To the account of').selectOption('clicksend');
    await page.getByLabel('From number').fill('+61412345678');
    await page.getByLabel('Text').fill('Are you open today?');
    await page.getByRole('button', { name: 'Send from this handset' }).click();
    await page.locator('#conversation-title', { hasText: '+61412345678' }).waitFor({ timeout: 5000 });
    const bubble = page.locator('li.bubble.sent', { hasText: 'Are you open today?' });
    await bubble.waitFor({ timeout: 5000 });
    // The ClickSend demo account has no inbound URL in this run: the page says so instead of pretending.
    expect(await bubble.locator('[data-role="pushed"]').textContent()).toBe('no inbound URL set on the account: nothing pushed');
    const inbound = (await (await fetch(`${sandbox.url}/sandbox/inbound`)).json()) as { inbound: Array<{ provider: string; from: string; text: string }> };
    expect(inbound.inbound.at(-1)).toMatchObject({ provider: 'clicksend', from: '+61412345678', text: 'Are you open today?' });

    await page.getByRole('tab', { name: /Accounts/ }).click();
    await page.getByRole('button', { name: 'Reset the sandbox' }).click();
    await page.locator('#accounts-notice', { hasText: 'The sandbox was reset.' }).waitFor({ timeout: 5000 });
    await page.locator('#accounts tbody tr[data-account="demo-http"] .balance', { hasText: /^1000$/ }).waitFor({ timeout: 5000 });
    await page.getByRole('tab', { name: /Phones/ }).click();
    await page.locator('#phones-empty').waitFor({ state: 'visible', timeout: 5000 });
    expect(await page.locator('#phone-list li').count()).toBe(0);
  });

  it('never showed a secret and had no error on the page', async () => {
    const html = await page.content();
    const snapshot = await (await fetch(`${sandbox.url}/sandbox/snapshot`)).text();
    const received = (await monitor.received()).map((entry) => entry.body).join('\n');
    for (const secret of SECRETS) {
      expect({ secret, inPage: html.includes(secret), inSnapshot: snapshot.includes(secret), inAnswers: received.includes(secret) }).toEqual({
        secret,
        inPage: false,
        inSnapshot: false,
        inAnswers: false,
      });
    }
    expect(describeProblems(monitor.problems)).toBe('');
  });
});
