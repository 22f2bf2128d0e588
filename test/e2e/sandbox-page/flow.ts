/**
 * The Node-RED flow the sandbox page test drives: a `clickatell` node sending what is POSTed to /send, a
 * Catch node for its errors, and two `clickatell in` nodes receiving the sandbox's status callbacks and
 * inbound messages. Every outcome ends at a debug node, which the test taps (scripts/e2e/node-red-tap.js).
 */

export const TAB = 'sp-tab';
/** Paths of the in nodes under Node-RED's httpNodeRoot ('/'). */
export const STATUS_PATH = '/sms/status';
export const INBOUND_PATH = '/sms/inbound';
export const SEND_PATH = '/send';

const debug = (id: string, name: string, y: number, complete = 'payload') => ({
  id,
  type: 'debug',
  z: TAB,
  name,
  active: true,
  tosidebar: true,
  console: false,
  tostatus: false,
  complete,
  targetType: complete === 'true' ? 'full' : 'msg',
  statusVal: '',
  statusType: 'auto',
  x: 700,
  y,
  wires: [],
});

const inNode = (id: string, name: string, url: string, events: string, y: number, wires: string[]) => ({
  id,
  type: 'clickatell in',
  z: TAB,
  name,
  url,
  events,
  api: 'http',
  auth: 'token',
  tokenParam: 'token',
  x: 160,
  y,
  wires: [wires],
});

/** The flow's nodes and its credentials (flows_cred.json), the config node pointed at `sandboxUrl`. */
export function pageTestFlow(sandboxUrl: string, callbackSecret: string): { flows: object[]; credentials: Record<string, object> } {
  const flows = [
    { id: TAB, type: 'tab', label: 'sandbox page test', disabled: false, info: '' },
    { id: 'sp-http', type: 'http in', z: TAB, name: 'POST /send', url: SEND_PATH, method: 'post', upload: false, swaggerDoc: '', x: 140, y: 60, wires: [['sp-send', 'sp-accepted']] },
    { id: 'sp-accepted', type: 'http response', z: TAB, name: 'accepted', statusCode: '202', headers: {}, x: 400, y: 20, wires: [] },
    {
      id: 'sp-send',
      type: 'clickatell',
      z: TAB,
      name: 'send SMS',
      api: 'http',
      httpConfig: 'sp-cfg',
      restConfig: '',
      operation: 'send',
      to: 'payload.to',
      toType: 'msg',
      text: 'payload.text',
      textType: 'msg',
      from: '',
      fromType: 'str',
      clientReference: '',
      clientReferenceType: 'str',
      messageId: 'payload.messageId',
      messageIdType: 'msg',
      token: 'payload',
      tokenType: 'msg',
      unicode: 'auto',
      callback: '7',
      maxParts: '',
      options: '',
      optionsType: 'json',
      concurrency: 4,
      ratePerSecond: '',
      x: 400,
      y: 60,
      wires: [['sp-debug-sent']],
    },
    debug('sp-debug-sent', 'sent', 60),
    { id: 'sp-catch', type: 'catch', z: TAB, name: 'SMS errors', scope: null, uncaught: false, x: 140, y: 120, wires: [['sp-debug-errors']] },
    debug('sp-debug-errors', 'errors', 120, 'true'),
    inNode('sp-in-status', 'status callbacks', STATUS_PATH, 'status', 180, ['sp-debug-status']),
    debug('sp-debug-status', 'status', 180),
    inNode('sp-in-inbound', 'inbound SMS', INBOUND_PATH, 'inbound', 240, ['sp-debug-inbound']),
    debug('sp-debug-inbound', 'inbound', 240),
    { id: 'sp-cfg', type: 'clickatell-http-config', name: 'Sandbox Clickatell HTTP', baseUrl: sandboxUrl, authMode: 'session', keepAliveMinutes: 10 },
  ];
  const credentials = {
    'sp-cfg': { apiId: '3500001', user: 'demo', password: 'demo-password' },
    'sp-in-status': { secret: callbackSecret },
    'sp-in-inbound': { secret: callbackSecret },
  };
  return { flows, credentials };
}
