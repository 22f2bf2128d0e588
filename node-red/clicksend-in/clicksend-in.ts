import { invalidInput } from '../../gateways/errors';
import { startCallbackRoute, type CallbackNodeDef } from '../shared/callback-route';
import { NODE_TYPES } from '../shared/node-types';
import type { RED, RedNode } from '../shared/red';

interface ClickSendInDef extends CallbackNodeDef {
  /**
   * Which API's pushes arrive: REST v3 automation rules (post, get or json) or the HTTP API v2's. It sets the
   * event's provider. A node saved before the choice existed has no `api` and stays on v2.
   */
  api?: 'v2' | 'v3' | '';
}

export = function register(RED: RED): void {
  function ClickSendIn(this: RedNode, def: ClickSendInDef) {
    RED.nodes.createNode(this, def);
    const api = def.api === undefined || def.api === '' ? 'v2' : def.api;
    if (api !== 'v2' && api !== 'v3') {
      this.status({ fill: 'red', shape: 'ring', text: 'not configured' });
      this.error(invalidInput('api', `'${String(def.api)}' is not a ClickSend API (v2 or v3)`));
      return;
    }
    startCallbackRoute(RED, this, def, api === 'v3' ? 'clicksend-v3' : 'clicksend');
  }

  RED.nodes.registerType(NODE_TYPES.clicksendIn, ClickSendIn, {
    credentials: { user: { type: 'text' }, secret: { type: 'password' } },
  });
};
