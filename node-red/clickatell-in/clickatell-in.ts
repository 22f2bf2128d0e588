import { startCallbackRoute, type CallbackNodeDef } from '../shared/callback-route';
import { NODE_TYPES } from '../shared/node-types';
import { invalidInput } from '../../gateways/errors';
import type { Provider } from '../../gateways/provider';
import type { RED, RedNode } from '../shared/red';

interface ClickatellInDef extends CallbackNodeDef {
  /**
   * Which API the callbacks come from: the Developers' Central APIs ('http', 'rest': their fields, the
   * event's provider) or the Clickatell Portal ('portal'). A node saved before the Portal was offered has
   * 'http', 'rest' or nothing (read as 'http').
   */
  api?: 'http' | 'rest' | 'portal' | '';
}

/**
 * A Portal integration's callbacks come in two shapes: the One API's envelope
 * (`{integrationId, integrationName, event: {...}}`, S14-S16 of ../shared/specs/clickatell-platform-api.md)
 * and the Platform SMS API's flat status and reply callbacks (S6, S7). Callback URLs are set per
 * integration and one URL may serve integrations of both kinds: gateways/callbacks reads a Portal callback
 * by its shape (normalizeCallbackEvents with either Portal provider), and each event's provider says which
 * API it came from.
 */
const PROVIDERS: Record<'http' | 'rest' | 'portal', Provider> = {
  http: 'clickatell-http',
  rest: 'clickatell-rest',
  portal: 'clickatell-one',
};

export = function register(RED: RED): void {
  function ClickatellIn(this: RedNode, def: ClickatellInDef) {
    RED.nodes.createNode(this, def);
    const api = def.api === undefined || def.api === '' ? 'http' : def.api;
    const provider = PROVIDERS[api];
    if (!provider) {
      this.status({ fill: 'red', shape: 'ring', text: 'not configured' });
      this.error(invalidInput('api', `'${String(def.api)}' is not a Clickatell API (http, rest or portal)`));
      return;
    }
    startCallbackRoute(RED, this, def, provider);
  }

  RED.nodes.registerType(NODE_TYPES.clickatellIn, ClickatellIn, {
    credentials: { user: { type: 'text' }, secret: { type: 'password' } },
  });
};
