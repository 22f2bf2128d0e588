import { ClickatellOneClient, ClickatellPlatformClient, PORTAL_OPERATIONS } from '../../gateways/clickatell-portal';
import { invalidInput } from '../../gateways/errors';
import { FetchTransport } from '../../gateways/transport';
import { NODE_TYPES, type ClickatellPortalClients, type ClickatellPortalConfigNode } from '../shared/node-types';
import type { NodeDef, RED } from '../shared/red';
import { lazyClient } from '../shared/lazy-client';
import { balanceReport, credentialValue, formBaseUrl, registerTestConnection, type ConnectionForm } from '../shared/test-connection';

interface ClickatellPortalConfigDef extends NodeDef {
  baseUrl?: string;
  /**
   * The Platform SMS integration's API type, as created in the Portal: 'rest' (POST /messages, up to 200
   * recipients) or 'http' (GET /messages/http/send, one handset per request). The One API ignores it.
   */
  integrationType?: 'rest' | 'http' | '';
}

/**
 * The API whose balance call the Test connection button uses: the first Portal API for which
 * gateways/clickatell-portal confirms one (PORTAL_OPERATIONS), or none (then the editor shows no button).
 */
const BALANCE_API = (['clickatell-platform', 'clickatell-one'] as const).find((api) => PORTAL_OPERATIONS[api].includes('balance'));

function requireKey(apiKey: string | undefined): string {
  if (!apiKey) throw invalidInput('credentials.apiKey', 'is required', 'Paste the API key of an integration from the Clickatell Portal (portal.clickatell.com)');
  return apiKey;
}

/** Both Portal APIs' clients: one integration API key serves the Platform SMS API and the One API. */
function buildClients(apiKey: string | undefined, baseUrl: string | undefined, integrationType: 'rest' | 'http'): ClickatellPortalClients {
  const credentials = { apiKey: requireKey(apiKey), baseUrl: baseUrl || undefined, integrationType };
  return {
    platform: new ClickatellPlatformClient({ credentials, transport: new FetchTransport({ provider: 'clickatell-platform' }) }),
    one: new ClickatellOneClient({ credentials, transport: new FetchTransport({ provider: 'clickatell-one' }) }),
  };
}

export = function register(RED: RED): void {
  function ClickatellPortalConfig(this: ClickatellPortalConfigNode, def: ClickatellPortalConfigDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    // Anything but 'http' is a REST integration, as a node saved before the choice existed was.
    node.integrationType = def.integrationType === 'http' ? 'http' : 'rest';
    // Both Portal APIs are stateless (the key on every call): the clients are built on first use.
    node.use = lazyClient(node, () => buildClients(node.credentials?.apiKey, def.baseUrl, node.integrationType));
  }

  RED.nodes.registerType(NODE_TYPES.clickatellPortalConfig, ClickatellPortalConfig, {
    credentials: { apiKey: { type: 'password' } },
    // Read by the editor (RED.settings): whether there is a confirmed call to test a key with.
    settings: { clickatellPortalConfigTestable: { value: BALANCE_API !== undefined, exportable: true } },
  });

  if (BALANCE_API === undefined) return;
  registerTestConnection(RED, NODE_TYPES.clickatellPortalConfig, async (form: ConnectionForm, saved) => {
    // The balance call is the same for both integration types.
    const clients = buildClients(credentialValue(form, saved, 'apiKey'), formBaseUrl(form), 'rest');
    const client = BALANCE_API === 'clickatell-platform' ? clients.platform : clients.one;
    return balanceReport(await (client as { getBalance(): Promise<{ balance: number; currency: string | null }> }).getBalance());
  });
};
