import { ClickSendClient } from '../../gateways/clicksend/client';
import { invalidInput } from '../../gateways/errors';
import { FetchTransport } from '../../gateways/transport';
import { NODE_TYPES, type ClickSendConfigNode } from '../shared/node-types';
import type { NodeDef, RED } from '../shared/red';
import { credentialValue, registerTestConnection, type ConnectionForm } from '../shared/test-connection';

interface ClickSendConfigDef extends NodeDef {
  baseUrl?: string;
}

function buildClient(username: string | undefined, key: string | undefined, baseUrl: string | undefined): ClickSendClient {
  if (!username) throw invalidInput('credentials.username', 'is required', 'Your ClickSend API username (or subaccount username)');
  if (!key) throw invalidInput('credentials.apiKey', 'is required', 'Your ClickSend API key (or subaccount password)');
  return new ClickSendClient({
    credentials: { username, key, baseUrl: baseUrl || undefined },
    transport: new FetchTransport({ provider: 'clicksend' }),
  });
}

export = function register(RED: RED): void {
  function ClickSendConfig(this: ClickSendConfigNode, def: ClickSendConfigDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    // The HTTP v2 API authenticates every call with username + key: one stateless client, built on first use.
    let client: ClickSendClient | undefined;
    node.use = async (call) => {
      client ??= buildClient(node.credentials?.username, node.credentials?.apiKey, def.baseUrl);
      return call(client);
    };
    node.on('close', (_removed, done) => {
      client = undefined;
      done();
    });
  }

  RED.nodes.registerType(NODE_TYPES.clicksendConfig, ClickSendConfig, {
    credentials: { username: { type: 'text' }, apiKey: { type: 'password' } },
  });

  registerTestConnection(RED, NODE_TYPES.clicksendConfig, async (form: ConnectionForm, saved) => {
    const client = buildClient(
      credentialValue(form, saved, 'username'),
      credentialValue(form, saved, 'apiKey'),
      typeof form.baseUrl === 'string' ? form.baseUrl : undefined,
    );
    const balance = await client.getBalance();
    return `Connected: balance ${balance.balance}${balance.currency ? ` ${balance.currency}` : ''}`;
  });
};
