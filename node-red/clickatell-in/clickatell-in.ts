import { startCallbackRoute, type CallbackNodeDef } from '../shared/callback-route';
import { NODE_TYPES } from '../shared/node-types';
import { invalidInput } from '../../gateways/errors';
import type { Provider } from '../../gateways/provider';
import type { RED, RedNode } from '../shared/red';

interface ClickatellInDef extends CallbackNodeDef {
  /**
   * Which API the callbacks come from: it sets the event's provider and how the callback is read (the
   * legacy APIs' fields, the Platform SMS API's status and reply callbacks, the One API's event envelope).
   * A node saved before the Portal APIs existed has 'http', 'rest' or nothing (read as 'http').
   */
  api?: 'http' | 'rest' | 'one' | 'platform' | '';
}

const PROVIDERS: Record<'http' | 'rest' | 'one' | 'platform', Provider> = {
  http: 'clickatell-http',
  rest: 'clickatell-rest',
  one: 'clickatell-one',
  platform: 'clickatell-platform',
};

export = function register(RED: RED): void {
  function ClickatellIn(this: RedNode, def: ClickatellInDef) {
    RED.nodes.createNode(this, def);
    const api = def.api === undefined || def.api === '' ? 'http' : def.api;
    const provider = PROVIDERS[api];
    if (!provider) {
      this.status({ fill: 'red', shape: 'ring', text: 'not configured' });
      this.error(invalidInput('api', `'${String(def.api)}' is not a Clickatell API (http, rest, one or platform)`));
      return;
    }
    startCallbackRoute(RED, this, def, provider);
  }

  RED.nodes.registerType(NODE_TYPES.clickatellIn, ClickatellIn, {
    credentials: { user: { type: 'text' }, secret: { type: 'password' } },
  });
};
