import { ClickatellRestClient } from '../../gateways/clickatell-rest/client';
import { invalidInput } from '../../gateways/errors';
import { FetchTransport } from '../../gateways/transport';
import { NODE_TYPES, type ClickatellRestConfigNode } from '../shared/node-types';
import type { NodeDef, RED } from '../shared/red';
import { lazyClient } from '../shared/lazy-client';
import { balanceReport, credentialValue, formBaseUrl, registerTestConnection, type ConnectionForm } from '../shared/test-connection';

interface ClickatellRestConfigDef extends NodeDef {
  baseUrl?: string;
}

function buildClient(token: string | undefined, baseUrl: string | undefined): ClickatellRestClient {
  if (!token) throw invalidInput('credentials.token', 'is required', "Paste the REST API auth token from Clickatell's Developers' Central");
  return new ClickatellRestClient({
    credentials: { token, baseUrl: baseUrl || undefined },
    transport: new FetchTransport({ provider: 'clickatell-rest' }),
  });
}

export = function register(RED: RED): void {
  function ClickatellRestConfig(this: ClickatellRestConfigNode, def: ClickatellRestConfigDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    // The REST API is stateless (a bearer token on every call): one client, built on first use.
    node.use = lazyClient(node, () => buildClient(node.credentials?.token, def.baseUrl));
  }

  RED.nodes.registerType(NODE_TYPES.clickatellRestConfig, ClickatellRestConfig, {
    credentials: { token: { type: 'password' } },
  });

  registerTestConnection(RED, NODE_TYPES.clickatellRestConfig, async (form: ConnectionForm, saved) => {
    const client = buildClient(credentialValue(form, saved, 'token'), formBaseUrl(form));
    return balanceReport(await client.getBalance());
  });
};
