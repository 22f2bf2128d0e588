'use strict';
// Lets a test or the demo see the messages a flow produces without changing what the flow does: every debug
// node in the flow gets a sibling "tap" (a core function node + a core http request node) wired from the same
// outputs, which POSTs { debug (its name), id, topic, payload, error, smsError, bulk, failed } as JSON to a small collector server started here.
const http = require('node:http');

/** Returns a copy of `flows` in which every msg that reaches a debug node is also posted to `collectorUrl`. */
function tapDebugNodes(flows, collectorUrl) {
  const copy = JSON.parse(JSON.stringify(flows));
  const debugNodes = copy.filter((node) => node.type === 'debug');
  const taps = [];
  for (const debug of debugNodes) {
    const label = debug.name || debug.id;
    const fnId = `tap-fn-${debug.id}`;
    const postId = `tap-post-${debug.id}`;
    taps.push(
      {
        id: fnId,
        type: 'function',
        z: debug.z,
        name: `tap ${label}`,
        func:
          `msg.payload = { debug: ${JSON.stringify(label)}, id: ${JSON.stringify(debug.id)}, topic: msg.topic, payload: msg.payload, ` +
          'error: msg.error, smsError: msg.smsError, bulk: msg.bulk, failed: msg.failed };\n' +
          "msg.headers = { 'content-type': 'application/json' };\nreturn msg;",
        outputs: 1,
        x: 0,
        y: 0,
        wires: [[postId]],
      },
      { id: postId, type: 'http request', z: debug.z, name: '', method: 'POST', ret: 'txt', paytoqs: 'ignore', url: `${collectorUrl}/tap`, x: 0, y: 0, wires: [[]] },
    );
    for (const node of copy) {
      if (!Array.isArray(node.wires)) continue;
      for (const port of node.wires) {
        if (port.includes(debug.id)) port.push(fnId);
      }
    }
  }
  return copy.concat(taps);
}

/**
 * A local HTTP server collecting tapped messages. `messages` fills as they arrive; `waitFor(predicate)`
 * resolves with the messages once predicate(messages) is true; `onMessage` is called for each one.
 */
function startCollector(onMessage) {
  const messages = [];
  const waiters = new Set();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        const message = JSON.parse(body);
        messages.push(message);
        if (onMessage) onMessage(message);
      } catch {
        messages.push({ debug: '(unreadable)', payload: body });
      }
      res.end('ok');
      for (const waiter of waiters) waiter();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        messages,
        waitFor(predicate, timeoutMs = 15000, what = 'the expected messages') {
          return new Promise((done, fail) => {
            const check = () => {
              if (predicate(messages)) {
                clearTimeout(timer);
                waiters.delete(check);
                done(messages);
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(messages, null, 1)}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

module.exports = { tapDebugNodes, startCollector };
