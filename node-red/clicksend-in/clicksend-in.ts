import { startCallbackRoute, type CallbackNodeDef } from '../shared/callback-route';
import { NODE_TYPES } from '../shared/node-types';
import type { RED, RedNode } from '../shared/red';

export = function register(RED: RED): void {
  function ClickSendIn(this: RedNode, def: CallbackNodeDef) {
    RED.nodes.createNode(this, def);
    startCallbackRoute(RED, this, def, 'clicksend');
  }

  RED.nodes.registerType(NODE_TYPES.clicksendIn, ClickSendIn, {
    credentials: { user: { type: 'text' }, secret: { type: 'password' } },
  });
};
