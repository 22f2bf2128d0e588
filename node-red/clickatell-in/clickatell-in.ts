import { startCallbackRoute, type CallbackNodeDef } from '../shared/callback-route';
import { NODE_TYPES } from '../shared/node-types';
import type { RED, RedNode } from '../shared/red';

interface ClickatellInDef extends CallbackNodeDef {
  /** Which API the callbacks come from: it sets the event's provider (the field names differ slightly). */
  api?: 'http' | 'rest';
}

export = function register(RED: RED): void {
  function ClickatellIn(this: RedNode, def: ClickatellInDef) {
    RED.nodes.createNode(this, def);
    const provider = def.api === 'rest' ? 'clickatell-rest' : 'clickatell-http';
    startCallbackRoute(RED, this, def, provider);
  }

  RED.nodes.registerType(NODE_TYPES.clickatellIn, ClickatellIn, {
    credentials: { user: { type: 'text' }, secret: { type: 'password' } },
  });
};
