import { ClickatellHttpClient } from '../../gateways/clickatell-http/client';
import { MemorySessionStore } from '../../gateways/clickatell-http/session';
import { invalidInput } from '../../gateways/errors';
import { FetchTransport } from '../../gateways/transport';
import { NODE_TYPES, type ClickatellHttpConfigNode } from '../shared/node-types';
import type { NodeDef, RED } from '../shared/red';
import { credentialValue, formBaseUrl, registerTestConnection, type ConnectionForm } from '../shared/test-connection';

type AuthMode = 'session' | 'perRequest';

interface ClickatellHttpConfigDef extends NodeDef {
  baseUrl?: string;
  authMode?: AuthMode;
  /** Minutes between keep-alive pings while the session is in use; 0 turns keep-alive off. */
  keepAliveMinutes?: number | string;
}

/** A session expires after 15 idle minutes (spec); pings keep it while flows keep using it. */
const SESSION_IDLE_MINUTES = 15;

function buildClient(fields: { apiId?: string; user?: string; password?: string; baseUrl?: string; authMode?: AuthMode }, store?: MemorySessionStore) {
  if (!fields.apiId) throw invalidInput('credentials.apiId', 'is required', 'Enter the API ID of your Clickatell HTTP API connection (with a newer Clickatell Portal account, its API Key goes here).');
  if (!fields.user) throw invalidInput('credentials.user', 'is required');
  if (!fields.password) throw invalidInput('credentials.password', 'is required');
  return new ClickatellHttpClient({
    credentials: {
      apiId: fields.apiId,
      user: fields.user,
      password: fields.password,
      baseUrl: fields.baseUrl || undefined,
      authMode: fields.authMode === 'perRequest' ? 'perRequest' : 'session',
    },
    transport: new FetchTransport({ provider: 'clickatell-http' }),
    store,
  });
}

export = function register(RED: RED): void {
  function ClickatellHttpConfig(this: ClickatellHttpConfigNode, def: ClickatellHttpConfigDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const authMode: AuthMode = def.authMode === 'perRequest' ? 'perRequest' : 'session';
    const keepAliveMinutes = Number(def.keepAliveMinutes ?? 10);
    const store = new MemorySessionStore();
    let client: ClickatellHttpClient | undefined;
    let keepAlive: NodeJS.Timeout | undefined;
    let lastUse = 0;
    let closed = false;

    const getClient = (): ClickatellHttpClient => {
      // Built on first use: the session is authenticated lazily by the client on its first call.
      client ??= buildClient({ ...(node.credentials ?? {}), baseUrl: def.baseUrl, authMode }, store);
      return client;
    };

    const stopKeepAlive = (): void => {
      if (keepAlive) clearInterval(keepAlive);
      keepAlive = undefined;
    };

    /**
     * Pings while the session is in use: the timer starts with a call and stops once no call came for a
     * whole session lifetime, after which the session lapses on the gateway and the next call
     * authenticates again. A ping that finds the session gone renews it (the client's session helper).
     */
    const startKeepAlive = (): void => {
      if (keepAlive || authMode !== 'session' || !(keepAliveMinutes > 0)) return;
      const intervalMs = keepAliveMinutes * 60_000;
      keepAlive = setInterval(() => {
        if (closed || !client) return stopKeepAlive();
        if (Date.now() - lastUse > SESSION_IDLE_MINUTES * 60_000) return stopKeepAlive();
        client.ping().catch((error: Error) => node.warn(`Keep-alive ping failed: ${error.message}`));
      }, intervalMs);
      keepAlive.unref?.();
    };

    node.use = async <T>(call: (c: ClickatellHttpClient) => Promise<T>): Promise<T> => {
      if (closed) throw invalidInput('config', 'the Clickatell HTTP configuration node was closed');
      lastUse = Date.now();
      startKeepAlive();
      try {
        return await call(getClient());
      } finally {
        lastUse = Date.now();
      }
    };
    node.hasSession = () => store.get() !== undefined;

    node.on('close', (_removed, done) => {
      // Clickatell's HTTP API has no logout: forgetting the session lets it expire on the gateway.
      closed = true;
      stopKeepAlive();
      client?.close();
      client = undefined;
      done();
    });
  }

  RED.nodes.registerType(NODE_TYPES.clickatellHttpConfig, ClickatellHttpConfig, {
    credentials: { apiId: { type: 'text' }, user: { type: 'text' }, password: { type: 'password' } },
  });

  registerTestConnection(RED, NODE_TYPES.clickatellHttpConfig, async (form: ConnectionForm, saved) => {
    const client = buildClient({
      apiId: credentialValue(form, saved, 'apiId'),
      user: credentialValue(form, saved, 'user'),
      password: credentialValue(form, saved, 'password'),
      baseUrl: formBaseUrl(form),
      authMode: form.authMode === 'perRequest' ? 'perRequest' : 'session',
    });
    try {
      const balance = await client.getBalance();
      return `Connected: ${balance.balance} credits`;
    } finally {
      client.close();
    }
  });
};
