/**
 * The editor side in a real Node-RED 5 (Node 24), with the admin API switched on and adminAuth users: the
 * package's eight node sets load without error, the editor gets their forms, Markdown help, en-US
 * messages and icons, and the "test connection" endpoint requires the config node's write permission.
 * If Node-RED 5 is not installed, every test here fails with the command that installs it.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { locateNodeRed, packPackage, startNodeRed, type RunningNodeRed } from '../../../scripts/e2e/node-red-harness';

const MODULE = '@gatewaykit/node-red-sms';
const NODE_SETS = ['clickatell-http-config', 'clickatell-rest-config', 'clickatell-portal-config', 'clicksend-config', 'clickatell', 'clicksend', 'clickatell-in', 'clicksend-in'];
const NODE_TYPES = ['clickatell-http-config', 'clickatell-rest-config', 'clickatell-portal-config', 'clicksend-config', 'clickatell', 'clicksend', 'clickatell in', 'clicksend in'];
const PASSWORD = 'e2e-admin-password';

let workDir: string;
let nodeRed: RunningNodeRed;
let sandbox: { url: string; close(): Promise<void> };
let admin: string;
let viewer: string;

/** An admin API token; the requested scope may not exceed the user's permissions. */
async function token(username: string, scope: string): Promise<string> {
  const res = await fetch(`${nodeRed.url}/admin/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'node-red-admin', grant_type: 'password', scope, username, password: PASSWORD }).toString(),
  });
  if (res.status !== 200) throw new Error(`token for ${username}: ${res.status} ${await res.text()}\n${nodeRed.output()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  const install = locateNodeRed(); // fails with the install command when Node-RED 5 is missing
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bcrypt = require(path.join(install.nodeRedDir, 'node_modules', 'bcryptjs'));
  const hash: string = bcrypt.hashSync(PASSWORD, 8);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSandbox, DEMO_CREDENTIALS } = require('../../../dist/sandbox');
  sandbox = await startSandbox({ quiet: true });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewaykit-nr-admin-'));
  const tarball = packPackage(path.join(workDir, 'pack'));
  const http = DEMO_CREDENTIALS.clickatellHttp;
  nodeRed = await startNodeRed({
    tarball,
    userDir: path.join(workDir, 'userDir'),
    flows: [{ id: 'cfg1', type: 'clickatell-http-config', name: 'sandbox', baseUrl: sandbox.url, authMode: 'session', keepAliveMinutes: 10 }],
    credentials: { cfg1: { apiId: http.apiId, user: http.user, password: http.password } },
    settings: {
      httpAdminRoot: '/admin',
      adminAuth: {
        type: 'credentials',
        users: [
          { username: 'admin', password: hash, permissions: '*' },
          { username: 'viewer', password: hash, permissions: 'read' },
        ],
      },
    },
  });
  admin = await token('admin', '*');
  viewer = await token('viewer', 'read');
}, 180_000);

afterAll(async () => {
  await nodeRed?.stop();
  await sandbox?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => fetch(`${nodeRed.url}/admin${url}`, { headers: { authorization: `Bearer ${admin}`, ...headers } });

describe('Node-RED 5 editor and admin API', () => {
  it('loads all eight node sets of the package, enabled and without error', async () => {
    const res = await get('/nodes', { accept: 'application/json' });
    expect(res.status).toBe(200);
    const sets = ((await res.json()) as Array<{ module: string; name: string; enabled: boolean; err?: string; types: string[] }>).filter((set) => set.module === MODULE);
    expect(sets.map((set) => set.name).sort()).toEqual([...NODE_SETS].sort());
    for (const set of sets) {
      expect(set.err).toBeUndefined();
      expect(set.enabled).toBe(true);
    }
    expect(sets.flatMap((set) => set.types).sort()).toEqual([...NODE_TYPES].sort());
  });

  it('serves the edit forms and the Markdown help of every node type', async () => {
    const res = await get('/nodes', { accept: 'text/html', 'accept-language': 'en-US' });
    const html = await res.text();
    for (const type of NODE_TYPES) {
      expect(html).toContain(`data-template-name="${type}"`);
      expect(html).toMatch(new RegExp(`<script type="text/markdown" data-help-name="${type}"`));
    }
    expect(html).toContain("category: 'SMS'");
  });

  it('serves the en-US messages and the icons', async () => {
    const messages: any = await (await get(`/locales/${MODULE}/clickatell?lng=en-US`)).json();
    expect(messages.clickatell.operation).toMatchObject({ send: 'Send SMS', tokenPay: 'Redeem voucher (token pay)' });
    const inMessages: any = await (await get(`/locales/${MODULE}/clicksend-in?lng=en-US`)).json();
    expect(inMessages['clicksend-in'].label.url).toBe('Path');
    for (const icon of ['clickatell.svg', 'clicksend.svg', 'clickatell-in.svg', 'clicksend-in.svg']) {
      const res = await get(`/icons/${MODULE}/${icon}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/svg/);
    }
  });

  it('gives the editor the operations each API offers, from the runtime (Portal APIs: PORTAL_OPERATIONS)', async () => {
    const settings: any = await (await get('/settings')).json();
    expect(settings.clickatellApiOperations).toEqual({
      http: ['send', 'status', 'charge', 'stop', 'balance', 'tokenPay', 'coverage'],
      rest: ['send', 'status', 'charge', 'stop', 'balance', 'coverage'],
      one: ['send', 'status'],
      platform: ['send', 'balance'],
    });
    expect(settings.clicksendApiOperations).toEqual({
      v2: ['send', 'history', 'replies', 'deliveryReports', 'balance'],
      v3: ['send', 'priceEstimate', 'history', 'replies', 'deliveryReports', 'cancel', 'cancelAll', 'balance'],
    });
    expect(settings.clickatellPortalConfigTestable).toBe(true);
  });

  it('lets only users with the write permission test a connection, with the saved password', async () => {
    const body = JSON.stringify({ apiId: '', user: '', password: '__PWRD__', baseUrl: sandbox.url, authMode: 'session' });
    const post = (authorization?: string) =>
      fetch(`${nodeRed.url}/admin/clickatell-http-config/cfg1/test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body,
      });
    expect((await post()).status).toBe(401);
    expect((await post(`Bearer ${viewer}`)).status).toBe(401);
    const res = await post(`Bearer ${admin}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ ok: true, message: 'Connected: 1000 credits' });
    expect(text).not.toContain('demo-password');
    expect(nodeRed.output()).not.toContain('demo-password');
  });

  it('sends saved credentials only to the saved base URL: another URL needs them typed again', async () => {
    // A listener standing in for a host chosen by whoever may press "Test" (issue 12, item 3).
    const received: string[] = [];
    const listener = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
        res.writeHead(200).end('ERR: 001, Authentication failed');
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const elsewhere = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${nodeRed.url}/admin/clickatell-http-config/cfg1/test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ apiId: '', user: '', password: '__PWRD__', baseUrl: elsewhere, authMode: 'session' }),
      });
      expect(res.status).toBe(200);
      const report = (await res.json()) as { ok: boolean; code?: string; message: string };
      expect(report).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(report.message).toContain('type them again');
      expect(received).toEqual([]);
    } finally {
      listener.closeAllConnections();
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});
