import { ClickSendClient } from '../../gateways/clicksend/client';
import { ClickSendV3Client } from '../../gateways/clicksend-v3';
import { invalidInput } from '../../gateways/errors';
import { FetchTransport } from '../../gateways/transport';
import { NODE_TYPES, type ClickSendConfigNode } from '../shared/node-types';
import type { NodeDef, RED } from '../shared/red';
import { lazyClient } from '../shared/lazy-client';
import { balanceReport, credentialValue, formBaseUrl, registerTestConnection, type ConnectionForm } from '../shared/test-connection';

interface ClickSendConfigDef extends NodeDef {
  baseUrl?: string;
}

function credentialsOf(username: string | undefined, key: string | undefined, baseUrl: string | undefined) {
  if (!username) throw invalidInput('credentials.username', 'is required', 'Your ClickSend API username (or subaccount username)');
  if (!key) throw invalidInput('credentials.apiKey', 'is required', 'Your ClickSend API key (or subaccount password)');
  return { username, key, baseUrl: baseUrl || undefined };
}

function buildClient(username: string | undefined, key: string | undefined, baseUrl: string | undefined): ClickSendClient {
  return new ClickSendClient({ credentials: credentialsOf(username, key, baseUrl), transport: new FetchTransport({ provider: 'clicksend' }) });
}

/**
 * REST v3 takes the same username and key. Its base URL follows from the same Base URL field
 * (clickSendV3BaseUrl in gateways/clicksend-v3: ClickSend's own host or none → rest.clicksend.com/v3,
 * the sandbox or a proxy → <Base URL>/v3), so one config node serves both APIs.
 */
function buildV3Client(username: string | undefined, key: string | undefined, baseUrl: string | undefined): ClickSendV3Client {
  return new ClickSendV3Client({ credentials: credentialsOf(username, key, baseUrl), transport: new FetchTransport({ provider: 'clicksend-v3' }) });
}

export = function register(RED: RED): void {
  function ClickSendConfig(this: ClickSendConfigNode, def: ClickSendConfigDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    // Both APIs authenticate every call with username + key: one stateless client each, built on first use.
    node.use = lazyClient(node, () => buildClient(node.credentials?.username, node.credentials?.apiKey, def.baseUrl));
    node.useV3 = lazyClient(node, () => buildV3Client(node.credentials?.username, node.credentials?.apiKey, def.baseUrl));
  }

  RED.nodes.registerType(NODE_TYPES.clicksendConfig, ClickSendConfig, {
    credentials: { username: { type: 'text' }, apiKey: { type: 'password' } },
  });

  registerTestConnection(RED, NODE_TYPES.clicksendConfig, async (form: ConnectionForm, saved) => {
    const client = buildClient(credentialValue(form, saved, 'username'), credentialValue(form, saved, 'apiKey'), formBaseUrl(form));
    return balanceReport(await client.getBalance());
  });
};
