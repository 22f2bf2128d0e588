import { CALLBACK_TOO_LARGE, parseCallbackBody, parseCallbackQuery } from '../../gateways/callbacks/body';
import { normalizeCallbackEvents } from '../../gateways/callbacks/normalize';
import { DEFAULT_TOKEN_PARAM, verifyCallbackRequest, type CallbackAuthMode, type CallbackSecretConfig } from '../../gateways/callbacks/verify';
import { invalidInput, isGatewayError } from '../../gateways/errors';
import type { SmsEvent } from '../../gateways/events';
import type { Provider } from '../../gateways/provider';
import { addRoute, fullPath, normalizeRoutePath, removeRoute, type OwnRoute } from './http-routes';
import { announcesTooLarge, BodyTooLargeError, readRawBody } from './read-body';
import type { HttpRequest, HttpResponse, NodeDef, RED, RedNode } from './red';

/** The settings both in nodes share, as stored in the node's config. */
export interface CallbackNodeDef extends NodeDef {
  url?: string;
  auth?: CallbackAuthMode;
  tokenParam?: string;
  /** Which events to emit: every callback, only status updates, or only inbound messages. */
  events?: 'all' | 'status' | 'inbound';
}

const EVENT_TYPES: Record<'all' | 'status' | 'inbound', ReadonlyArray<SmsEvent['type']>> = {
  all: ['message.status', 'message.inbound'],
  status: ['message.status'],
  inbound: ['message.inbound'],
};

/** The URL as on the request line: Express keeps it in originalUrl (req.url loses the mount path). */
function requestUrl(req: HttpRequest): string {
  return (req as HttpRequest & { originalUrl?: string }).originalUrl ?? req.url ?? '';
}

/**
 * Unread bytes Node may take in and discard after an early answer (401, 413), so that the sender reliably
 * reads that answer: a gateway with a wrong secret deserves a clean 401, not a reset connection.
 */
const DISCARD_BYTES = 4 * 1024 * 1024;

/**
 * Answering before the body was read. A body announced as at most DISCARD_BYTES is left to Node, which
 * discards it unparsed and keeps the connection; anything larger, or of unknown length, gets
 * `Connection: close`, so Node closes the socket after the answer instead of taking it in (the sender
 * may then see the connection reset before it reads the answer).
 */
function closeIfUnread(req: HttpRequest, res: HttpResponse): void {
  if (req.readableEnded || res.headersSent) return;
  const length = Number(req.headers['content-length'] ?? 0);
  if (!Number.isFinite(length) || length > DISCARD_BYTES || req.headers['transfer-encoding'] !== undefined) res.set('Connection', 'close');
}

/**
 * Registers the node's callback route on RED.httpNode (GET and POST: Clickatell's legacy callbacks use
 * either) and removes exactly that route on close. Per request: verify the shared secret from the request
 * line and headers alone (401; the query is not parsed and the body not read), then read and parse query
 * and body, bounded by gateways/callbacks CALLBACK_LIMITS (413 over the size, 400 for too many fields,
 * JSON nested too deep, or anything malformed), normalize into events (one callback of Clickatell's One
 * API may carry several status updates or inbound messages; a malformed one refuses the whole callback,
 * so the provider's retry brings it back whole), answer 200 at once, then send one msg per event. The depth bound is what keeps a msg safe to clone when the output is wired to
 * several nodes. The token never reaches the msg (it is left out of raw).
 *
 * Express (Node-RED 4 and 5 ship express 4) parses req.query with qs before any route runs, bounded by
 * qs's own limits (1,000 parameters, depth 5); this node does not use req.query.
 */
export function startCallbackRoute(RED: RED, node: RedNode, def: CallbackNodeDef, provider: Provider): void {
  if (RED.settings.httpNodeRoot === false) {
    node.warn('httpNodeRoot is false in settings.js: this node cannot receive callbacks');
    node.status({ fill: 'grey', shape: 'ring', text: 'http disabled' });
    return;
  }
  if (!def.url || def.url.trim() === '') {
    node.status({ fill: 'red', shape: 'ring', text: 'no path' });
    node.error(invalidInput('url', 'is required', 'Set the path the provider posts callbacks to, e.g. /sms/status'));
    return;
  }
  const path = normalizeRoutePath(def.url);
  const tokenParam = def.tokenParam?.trim() || DEFAULT_TOKEN_PARAM;
  const secret: CallbackSecretConfig = {
    mode: def.auth === 'none' || def.auth === 'basic' ? def.auth : 'token',
    secret: node.credentials?.secret,
    user: node.credentials?.user,
    tokenParam,
  };
  if (secret.mode !== 'none' && !secret.secret) {
    // Refuse every callback rather than accept unverified ones.
    node.status({ fill: 'red', shape: 'ring', text: 'no secret' });
    node.error(invalidInput('secret', 'is empty', 'Set the shared secret, or choose "none" to accept callbacks without one.'));
  }
  const wanted = EVENT_TYPES[def.events ?? 'all'] ?? EVENT_TYPES.all;

  const handler = (req: HttpRequest, res: HttpResponse): void => {
    let verified: boolean;
    try {
      verified = verifyCallbackRequest(secret, { url: requestUrl(req), headers: req.headers });
    } catch {
      verified = false; // no secret configured: refused, already reported at start
    }
    if (!verified) {
      node.status({ fill: 'red', shape: 'ring', text: '401' });
      if (secret.mode === 'basic') res.set('WWW-Authenticate', 'Basic realm="sms-callbacks"');
      closeIfUnread(req, res);
      res.status(401).send('Unauthorized');
      return;
    }
    void respond(req, res);
  };

  const respond = async (req: HttpRequest, res: HttpResponse): Promise<void> => {
    let events: SmsEvent[];
    try {
      if (announcesTooLarge(req)) throw new BodyTooLargeError();
      const query = parseCallbackQuery(requestUrl(req));
      const { contentType, body } = await readRawBody(req);
      const params = parseCallbackBody(contentType, body, query);
      events = normalizeCallbackEvents(provider, params, { secretParams: [tokenParam] });
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError || (isGatewayError(error) && error.code === CALLBACK_TOO_LARGE);
      node.status({ fill: 'red', shape: 'ring', text: tooLarge ? '413' : '400' });
      closeIfUnread(req, res);
      if (!res.headersSent) res.status(tooLarge ? 413 : 400).send(isGatewayError(error) ? error.message : tooLarge ? 'Payload Too Large' : 'Bad Request');
      if (isGatewayError(error)) {
        // Catchable, without the request's parameters (they may hold a token sent by mistake).
        node.error(error, { payload: null, topic: 'callback.malformed', smsError: error.toJSON() });
      }
      return;
    }
    // Answer first: providers retry slow or failed callbacks, which would duplicate events.
    res.status(200).send('OK');
    for (const event of events) {
      if (!wanted.includes(event.type)) continue;
      node.status({ fill: 'green', shape: 'dot', text: event.type === 'message.inbound' ? 'inbound' : event.state });
      node.send({ payload: event, topic: event.type });
    }
  };

  const route: OwnRoute = addRoute(RED, path, ['get', 'post'], handler);
  node.log(`listening for callbacks on ${fullPath(RED, path)}`);
  node.on('close', (_removed, done) => {
    removeRoute(RED, route);
    node.status({});
    done();
  });
}
