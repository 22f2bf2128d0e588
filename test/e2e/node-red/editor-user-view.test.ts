/**
 * What a new user sees of our nodes in the Node-RED 5 editor, in a real browser (Debian's headless Chromium
 * driven by playwright-core) against a real Node-RED 5 on Node 24 with our packed package installed and the
 * local sandbox gateway: the help sidebar of every node, the palette filter, the icons, the dialogs of nodes
 * imported from flow JSON, Import → Examples with the sandbox address changed in its one place, and the
 * deployed example's output in the debug sidebar (ClickSend's charge included).
 *
 * The tests are steps of one editor session and run in order on the same page.
 * Screenshots go to test-artifacts/screenshots/node-red-user-view/ (gitignored, replaced on every run).
 * Needs: `npm run build`, Node-RED 5 (scripts/e2e/ensure-node-red.sh), Chromium (scripts/e2e/ensure-chromium.sh).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { freshScreenshotDir } from '../artifacts';
import { sessionSteps } from '../editor-session';
import { deploy, dropNode, nodeValidity, openNodeEditor, screenshot, waitForText, waitForTrayToSettle } from './browser/editor';
import { startEditorHost, type EditorHost } from './browser/editor-host';
import { describeProblems, type PageMonitor, type PageProblem } from './browser/page-monitor';
import {
  debugOutput,
  deleteNode,
  dialogState,
  filterPalette,
  importExample,
  importFromClipboard,
  listExamples,
  pressInject,
  renderedHelp,
  setFlowVariable,
  type RenderedProperty,
} from './browser/user-view';

// page.evaluate() callbacks run in the editor page, where these are globals (the project's lib has no DOM types).
declare const RED: any;
declare const DOMParser: any;

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ADMIN = { username: 'admin', password: 'e2e-user-view-password' };
const SCREENSHOTS = freshScreenshotDir('node-red-user-view');
const OUR_NODES = ['clickatell', 'clicksend', 'clickatell in', 'clicksend in'];
const savedId = (type: string) => `saved-${type.replace(' ', '-')}`;
/**
 * The API a node dropped from the palette starts on (the provider's current one), and the one a node whose
 * flow JSON has no `api` keeps: such JSON was written before the choice existed and meant the older API.
 */
const CURRENT_API: Record<string, string> = { clickatell: 'one', clicksend: 'v3', 'clickatell in': 'portal', 'clicksend in': 'v3' };
const LEGACY_API: Record<string, string> = { clickatell: 'http', clicksend: 'v2', 'clickatell in': 'http', 'clicksend in': 'v2' };

/**
 * Each provider's mark, the one path every icon of that provider draws (the n8n icons in nodes/ and the
 * Node-RED ones): Clickatell's speech bubble and ClickSend's paper plane.
 */
const MARKS = {
  clickatell: 'M10 6h40a8 8 0 0 1 8 8v24a8 8 0 0 1-8 8H26l-12 10v-10h-4a8 8 0 0 1-8-8V14a8 8 0 0 1 8-8z',
  clicksend: 'M12 29.5 47 14l-8.5 33-10.2-8.4-5.8 5.6v-8.6l15.8-15.2-19.4 12.2z',
};

/** The `: name (type) : description` lines of every node's help, read from the locale sources, as text. */
function helpSources(): Map<string, RenderedProperty[]> {
  const byType = new Map<string, RenderedProperty[]>();
  const nodeRedDir = path.join(ROOT, 'node-red');
  for (const dir of fs.readdirSync(nodeRedDir)) {
    const localeDir = path.join(nodeRedDir, dir, 'locales', 'en-US');
    if (!fs.existsSync(localeDir)) continue;
    for (const file of fs.readdirSync(localeDir).filter((f) => f.endsWith('.html'))) {
      const source = fs.readFileSync(path.join(localeDir, file), 'utf8');
      const type = /data-help-name="([^"]+)"/.exec(source)![1];
      const properties = source
        .split('\n')
        .filter((line) => line.startsWith(': '))
        .map((line) => {
          const match = /^: (.+?) \((.+?)\) : (.*)$/.exec(line);
          if (!match) throw new Error(`${file}: unreadable property line ${line}`);
          // As text: no code spans or emphasis marks.
          return { name: match[1], type: match[2], description: match[3].replace(/[`*]/g, '') };
        });
      byType.set(type, properties);
    }
  }
  return byType;
}

let sandbox: { url: string; close(): Promise<void> };
let editor: EditorHost;
let page: Page;
let monitor: PageMonitor;
let moduleName: string;

beforeAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSandbox } = require('../../../dist/sandbox');
  // Not on 4010, the examples' default: the user has to point the example at it.
  sandbox = await startSandbox({ quiet: true, port: 0 });
  editor = await startEditorHost({
    tmpPrefix: 'gatewaykit-nr-user-view-',
    admin: ADMIN,
    // A flow saved with our nodes but without their properties (written by hand, by another tool or an
    // older version): the editor loads it from the runtime, not through Import.
    flows: [
      { id: 'tab1', type: 'tab', label: 'SMS e2e' },
      ...OUR_NODES.map((type, index) => ({ id: savedId(type), type, z: 'tab1', x: 800, y: 100 + index * 60, wires: [[]] })),
    ],
  });
  ({ page, monitor, moduleName } = editor);
}, 120_000);

afterAll(async () => {
  await editor?.stop();
  await sandbox?.close();
});

/** The tests are steps of one editor session (see editor-session.ts). */
const step = sessionSteps(() => page, SCREENSHOTS, 60_000);

describe('Node-RED 5 editor as a new user sees it', () => {
  step('renders the help of every node: each property with its name, type and whole description, and no stray markup', async () => {
    const sources = helpSources();
    expect([...sources.keys()].sort()).toEqual(
      ['clickatell', 'clickatell in', 'clickatell-http-config', 'clickatell-rest-config', 'clickatell-portal-config', 'clicksend', 'clicksend in', 'clicksend-config'].sort(),
    );
    for (const [type, expected] of sources) {
      const help = await renderedHelp(page, type);
      expect({ type, properties: help.properties }).toEqual({ type, properties: expected });
      // Property markup the renderer did not take shows up as text starting with ':'.
      expect({ type, stray: help.paragraphs.filter((p) => p.startsWith(':')) }).toEqual({ type, stray: [] });
      if (type === 'clicksend') await screenshot(page, SCREENSHOTS, '01-help-clicksend');
    }
    // The lists users asked about: the action nodes' input and their failed and bulk outputs.
    const clickatell = await renderedHelp(page, 'clickatell');
    expect(clickatell.properties.map((p) => `${p.name} (${p.type})`)).toEqual([
      'payload (string | array)',
      'to (string | array)',
      'payload.messageId (string)',
      'payload (object | array)',
      'failed (array)',
      'bulk (object)',
    ]);
  });

  step('finds all four SMS nodes when the palette is filtered by "sms", in any case', async () => {
    for (const search of ['sms', 'SMS', 'Sms']) {
      const visible = await filterPalette(page, search);
      expect(OUR_NODES.filter((type) => visible.includes(type))).toEqual(OUR_NODES);
    }
    await screenshot(page, SCREENSHOTS, '02-palette-search-sms');
    // The provider names still find their nodes.
    expect((await filterPalette(page, 'clicksend')).sort()).toEqual(['clicksend', 'clicksend in']);
    await filterPalette(page, '');
  });

  step('draws one icon family per provider, with paths and no text', async () => {
    for (const type of OUR_NODES) {
      const file = await page.locator(`.red-ui-palette-node[data-palette-type="${type}"] .red-ui-palette-icon-container`).getAttribute('data-palette-icon');
      const svg = await page.evaluate(async (url) => {
        const res = await fetch(url);
        const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml');
        return { status: res.status, texts: doc.querySelectorAll('text').length, paths: [...doc.querySelectorAll('path')].map((p: any) => p.getAttribute('d')) };
      }, file!);
      expect({ type, status: svg.status, texts: svg.texts }).toEqual({ type, status: 200, texts: 0 });
      const mark = type.startsWith('clickatell') ? MARKS.clickatell : MARKS.clicksend;
      expect({ type, hasMark: svg.paths.includes(mark) }).toEqual({ type, hasMark: true });
    }
  });

  step('opens the dialogs of nodes imported from flow JSON with the same defaults as nodes dropped from the palette, on the API such JSON meant', async () => {
    for (const [index, type] of OUR_NODES.entries()) {
      const ready = type.endsWith(' in') ? '#node-input-url' : '#node-input-operation';
      const dropped = await dropNode(page, type, 250, 100 + index * 60);
      await openNodeEditor(page, dropped, ready);
      // A new node starts on the current API; set to the API flow JSON without `api` keeps, it is the reference.
      await expect(page.locator('#node-input-api').inputValue()).resolves.toBe(CURRENT_API[type]);
      await page.locator('#node-input-api').selectOption(LEGACY_API[type]);
      await page.locator('#node-dialog-ok').click();
      await page.locator('#node-dialog-ok').waitFor({ state: 'detached' });
      await openNodeEditor(page, dropped, ready);
      const fromPalette = await dialogState(page);
      expect(fromPalette.fields['node-input-api']).toBe(LEGACY_API[type]);
      await page.locator('#node-dialog-cancel').click();
      await page.locator('#node-dialog-cancel').waitFor({ state: 'detached' });

      // Flow JSON as another tool or an old version writes it: the type, a position, no other property.
      const importedId = `imported-${type.replace(' ', '-')}`;
      await importFromClipboard(page, [{ id: importedId, type, x: 600, y: 100, wires: [] }], 700, 120 + index * 60);
      // On the canvas: flagged (or not) exactly like the dropped node.
      await expect(nodeValidity(page, importedId)).resolves.toEqual(await nodeValidity(page, dropped));
      await openNodeEditor(page, importedId, ready);
      const imported = await dialogState(page);
      if (type === 'clicksend') await screenshot(page, SCREENSHOTS, '03-imported-clicksend-dialog');
      if (type === 'clicksend in') await screenshot(page, SCREENSHOTS, '04-imported-clicksend-in-dialog');
      expect({ type, ...imported }).toEqual({ type, ...fromPalette });
      await page.locator('#node-dialog-cancel').click();
      await page.locator('#node-dialog-cancel').waitFor({ state: 'detached' });

      // The same node saved without its properties and loaded with the flows.
      await expect(nodeValidity(page, savedId(type))).resolves.toEqual(await nodeValidity(page, dropped));
      await openNodeEditor(page, savedId(type), ready);
      const saved = await dialogState(page);
      if (type === 'clicksend') await screenshot(page, SCREENSHOTS, '03b-saved-clicksend-dialog');
      expect({ type, ...saved }).toEqual({ type, ...fromPalette });
      // The selects the issue names are not blank.
      if (type.endsWith(' in')) {
        expect([imported.fields['node-input-events'], imported.fields['node-input-auth']]).toEqual(['all', 'token']);
      } else {
        expect(imported.fields['node-input-unicode']).toBe('auto');
      }
      await page.locator('#node-dialog-cancel').click();
      await page.locator('#node-dialog-cancel').waitFor({ state: 'detached' });
      await deleteNode(page, importedId);
      await deleteNode(page, dropped);
      await deleteNode(page, savedId(type));
    }
  });

  let exampleTab: string;
  step('lists every example under Import → Examples and imports one on a tab of its own', async () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'examples'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    const listed = await listExamples(page, moduleName);
    expect(listed).toEqual(files);
    await screenshot(page, SCREENSHOTS, '05-import-examples');
    const tabs = await importExample(page, '05 ClickSend - send and delivery reports');
    expect(tabs).toEqual(['ex5-tab']);
    exampleTab = tabs[0];
  });

  step('points the example at a sandbox elsewhere by changing one flow variable, and Test connection checks that address', async () => {
    // The address lives in one place: the config node's Base URL names the flow's variable.
    await expect(page.evaluate(() => RED.nodes.node('ex5-cfg').baseUrl)).resolves.toBe('${SMS_SANDBOX_URL}');
    await setFlowVariable(page, exampleTab, 'SMS_SANDBOX_URL', sandbox.url);
    await screenshot(page, SCREENSHOTS, '06-flow-variable');
    await page.locator('#node-dialog-ok').click();
    await page.locator('#node-dialog-ok').waitFor({ state: 'detached' });

    await openNodeEditor(page, 'ex5-clicksend-send', '#node-input-operation');
    await page.locator('#node-input-btn-clicksendConfig-edit').click();
    await page.locator('#node-config-input-baseUrl').waitFor({ state: 'visible' });
    await waitForTrayToSettle(page);
    await expect(page.locator('#node-config-input-baseUrl').inputValue()).resolves.toBe('${SMS_SANDBOX_URL}');
    await expect(page.locator('#node-config-input-baseUrl.input-error').count()).resolves.toBe(0);
    const answered = page.waitForResponse((res) => /\/test$/.test(res.url()) && res.request().method() === 'POST');
    await page.locator('#node-config-clicksend-test').click();
    await answered;
    await expect(waitForText(page, '#node-config-clicksend-test-result', /^[✓✗]/)).resolves.toMatch(/^✓ Connected: balance 125\b/);
    await screenshot(page, SCREENSHOTS, '07-example-config-test-connection');
    await page.locator('#node-config-dialog-cancel').click();
    await page.locator('#node-config-dialog-cancel').waitFor({ state: 'detached' });
    await page.locator('#node-dialog-cancel').click();
    await page.locator('#node-dialog-cancel').waitFor({ state: 'detached' });
  });

  step("deploys the example and shows the send result in the debug sidebar; a free test number's charge is 0", async () => {
    // Beside the example, a send to one of ClickSend's free test numbers with the example's account.
    await importFromClipboard(
      page,
      [
        // prettier-ignore
        { id: 'free-inject', type: 'inject', z: exampleTab, name: 'Free test number', props: [{ p: 'payload' }, { p: 'to', v: '+61411111111', vt: 'str' }], repeat: '', crontab: '', once: false, onceDelay: 0.1, topic: '', payload: 'Test', payloadType: 'str', x: 150, y: 520, wires: [['free-send']] },
        { id: 'free-send', type: 'clicksend', z: exampleTab, name: 'send free', clicksendConfig: 'ex5-cfg', operation: 'send', x: 380, y: 520, wires: [['free-debug']] },
        { id: 'free-debug', type: 'debug', z: exampleTab, name: 'free result', active: true, tosidebar: true, complete: 'payload', targetType: 'msg', x: 600, y: 520, wires: [] },
      ],
      300,
      560,
    );
    // The imported send is configured like one dropped from the palette (no property left undefined).
    await expect(nodeValidity(page, 'free-send')).resolves.toEqual({ valid: true, errors: [] });
    // So is every node of the example, including properties added to our nodes after the example was written.
    const invalid = await page.evaluate((tab) => RED.nodes.filterNodes({ z: tab }).filter((n: any) => !n.valid).map((n: any) => `${n.id} ${n.validationErrors}`), exampleTab);
    expect(invalid).toEqual([]);
    // The import's own notification ("Imported: 3 nodes") goes first, so the one read next is the deploy's.
    await page.locator('.red-ui-notification').filter({ hasText: 'Imported' }).waitFor({ state: 'detached', timeout: 15_000 });
    const result = await deploy(page);
    expect(result).toEqual({ kind: 'success', text: 'Successfully deployed' });

    await pressInject(page, 'ex5-send');
    const sent = await debugOutput(page, 'send result');
    expect(sent).toMatchObject({ type: '"message.sent"', provider: '"clicksend"', to: '"+61412000001"', state: '"accepted"', charge: '0.0282' });
    // It went to the sandbox the flow variable names.
    const stored = (await (await fetch(`${sandbox.url}/sandbox/messages?provider=clicksend`)).json()) as { messages: Array<{ to: string }> };
    expect(stored.messages.map((m) => m.to)).toContain('+61412000001');
    await screenshot(page, SCREENSHOTS, '08-example-debug-output');

    await pressInject(page, 'free-inject');
    const free = await debugOutput(page, 'free result');
    // ClickSend quotes its price for the free test numbers but charges nothing.
    expect(free).toMatchObject({ type: '"message.sent"', to: '"+61411111111"', charge: '0' });
    await screenshot(page, SCREENSHOTS, '09-free-test-number-charge');
  });

  // Looks at the whole session, so it runs even when a step above failed.
  it('had no console error, page error or failed request during the whole session', () => {
    // Node-RED's own sign-in flow: the editor asks for its settings unauthenticated and gets 401.
    const signInProbe = (p: PageProblem) => p.url !== undefined && new URL(p.url).pathname === '/admin/settings' && /\b401\b/.test(p.text);
    const problems = monitor.problems.filter((p) => !signInProbe(p));
    if (problems.length > 0) throw new Error(`The editor page reported ${problems.length} problem(s):\n${describeProblems(problems)}`);
  });
});
