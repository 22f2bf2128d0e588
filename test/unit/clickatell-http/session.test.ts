import { GatewayError } from '../../../gateways/errors';
import { networkError } from '../../../gateways/transport';
import { ClickatellHttpClient } from '../../../gateways/clickatell-http/client';
import { ClickatellSession, type SessionStore } from '../../../gateways/clickatell-http/session';
import { buildGetBalanceRequest } from '../../../gateways/clickatell-http/requests';
import { CREDENTIALS, FakeTransport, SESSION_1, SESSION_2, commandOf, deferred, type Handler } from './fake-transport';

/**
 * A gateway double: `auth` hands out the listed session ids in turn; other commands are answered by
 * `answer` with the session id the call carried (undefined in perRequest mode).
 */
function gateway(answer: (command: string, sessionId: string | undefined, form: URLSearchParams) => string, sessions = [SESSION_1, SESSION_2, 'c'.repeat(32)]) {
  let next = 0;
  const handler: Handler = (request, form) => {
    const command = commandOf(request);
    if (command === 'auth') return `OK: ${sessions[next++]}`;
    return answer(command, form.get('session_id') ?? undefined, form);
  };
  return new FakeTransport(handler);
}

function client(transport: FakeTransport, store?: SessionStore, authMode: 'session' | 'perRequest' = 'session') {
  return new ClickatellHttpClient({ credentials: { ...CREDENTIALS, authMode }, transport, store });
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a GatewayError');
}

/** Every way an error could show its content to a user or a log. */
function visible(error: GatewayError): string {
  return [error.message, error.providerText, error.hint, JSON.stringify(error.toJSON()), JSON.stringify(error), String(error.stack)].join('\n');
}

describe('ClickatellSession: session mode', () => {
  it('authenticates lazily on the first call, then sends the session id', async () => {
    const transport = gateway(() => 'Credit: 10');
    const api = client(transport);
    expect(transport.requests).toHaveLength(0);
    await expect(api.getBalance()).resolves.toMatchObject({ balance: 10 });
    expect(transport.commands()).toEqual(['auth', 'getbalance']);
    expect(Object.fromEntries(transport.forms('auth')[0])).toEqual({ api_id: CREDENTIALS.apiId, user: CREDENTIALS.user, password: CREDENTIALS.password });
    expect(Object.fromEntries(transport.forms('getbalance')[0])).toEqual({ session_id: SESSION_1 });
  });

  it('reuses the session id for later calls', async () => {
    const transport = gateway(() => 'Credit: 10');
    const api = client(transport);
    await api.getBalance();
    await api.getBalance();
    await api.queryStatus('abc').catch(() => undefined);
    expect(transport.commands()).toEqual(['auth', 'getbalance', 'getbalance', 'querymsg']);
    expect(transport.forms().slice(1).map((form) => form.get('session_id'))).toEqual([SESSION_1, SESSION_1, SESSION_1]);
  });

  it('concurrent calls while authenticating share one auth request', async () => {
    const release = deferred<string>();
    const transport = new FakeTransport((request) => (commandOf(request) === 'auth' ? release.promise : 'Credit: 3'));
    const api = client(transport);
    const calls = [api.getBalance(), api.getBalance(), api.getBalance()];
    await new Promise((resolve) => setImmediate(resolve));
    expect(transport.commands()).toEqual(['auth']);
    release.resolve(`OK: ${SESSION_1}`);
    await expect(Promise.all(calls)).resolves.toHaveLength(3);
    expect(transport.commands().filter((c) => c === 'auth')).toHaveLength(1);
    expect(transport.forms('getbalance').map((form) => form.get('session_id'))).toEqual([SESSION_1, SESSION_1, SESSION_1]);
  });

  it('a failed auth is not cached: the next call authenticates again', async () => {
    let attempts = 0;
    const transport = new FakeTransport((request) => {
      if (commandOf(request) !== 'auth') return 'Credit: 1';
      attempts++;
      if (attempts === 1) throw networkError('clickatell-http', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
      return `OK: ${SESSION_1}`;
    });
    const api = client(transport);
    expect((await rejection(api.getBalance())).code).toBe('NETWORK');
    await expect(api.getBalance()).resolves.toMatchObject({ balance: 1 });
    expect(transport.commands()).toEqual(['auth', 'auth', 'getbalance']);
  });

  it('auth errors are thrown with the provider code', async () => {
    const transport = new FakeTransport(() => 'ERR: 001, Authentication failed');
    const error = await rejection(client(transport).getBalance());
    expect(error).toMatchObject({ code: '001', providerText: 'Authentication failed', provider: 'clickatell-http' });
    expect(transport.commands()).toEqual(['auth']);
  });

  it.each(['003, Session ID expired', '001, Authentication failed', '005, Missing session ID', '3,Session ID expired'])(
    'renews once and repeats the call on ERR: %s',
    async (err) => {
      const transport = gateway((command, sessionId) => (sessionId === SESSION_1 ? `ERR: ${err}` : 'Credit: 42.5'));
      const api = client(transport);
      await expect(api.getBalance()).resolves.toMatchObject({ balance: 42.5 });
      expect(transport.commands()).toEqual(['auth', 'getbalance', 'auth', 'getbalance']);
      expect(transport.forms('getbalance').map((form) => form.get('session_id'))).toEqual([SESSION_1, SESSION_2]);
      // The renewed session is kept.
      await api.getBalance();
      expect(transport.forms('getbalance')[2].get('session_id')).toBe(SESSION_2);
    },
  );

  it('repeats a send with the same parameters and the new session', async () => {
    const transport = gateway((command, sessionId) => (sessionId === SESSION_1 ? 'ERR: 003, Session ID expired' : 'ID: 0123456789abcdef0123456789abcdef'));
    const outcomes = await client(transport).send({ to: ['447700900123'], text: 'Hi', options: { clientReference: 'ref1' } });
    expect(outcomes[0].ok).toBe(true);
    const [first, second] = transport.forms('sendmsg').map((form) => Object.fromEntries(form));
    expect(first.session_id).toBe(SESSION_1);
    expect(second.session_id).toBe(SESSION_2);
    expect({ ...second, session_id: undefined }).toEqual({ ...first, session_id: undefined });
  });

  it('does not renew a second time: a second session error is returned as the error', async () => {
    const transport = gateway(() => 'ERR: 003, Session ID expired');
    const error = await rejection(client(transport).getBalance());
    expect(error.code).toBe('003');
    expect(transport.commands()).toEqual(['auth', 'getbalance', 'auth', 'getbalance']);
  });

  it('does not renew on other ERR codes', async () => {
    const transport = gateway(() => 'ERR: 301, No credit left');
    expect((await rejection(client(transport).getBalance())).code).toBe('301');
    expect(transport.commands()).toEqual(['auth', 'getbalance']);
  });

  it('does not renew on a per-recipient session error line (it is not a whole-request answer)', async () => {
    const transport = gateway(() => 'ERR: 003, Session ID expired To: 447700900123\nERR: 003, Session ID expired To: 27831234567');
    const outcomes = await client(transport).send({ to: ['447700900123', '27831234567'], text: 'Hi' });
    expect(outcomes.map((o) => o.ok)).toEqual([false, false]);
    expect(transport.commands()).toEqual(['auth', 'sendmsg']);
  });

  it('never repeats a send after a network failure that may have reached the gateway', async () => {
    const transport = gateway(() => {
      throw networkError('clickatell-http', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    });
    const error = await rejection(client(transport).send({ to: ['447700900123'], text: 'Hi' }));
    expect(error).toMatchObject({ code: 'NETWORK', delivery: 'unknown', retryable: false });
    expect(transport.commands()).toEqual(['auth', 'sendmsg']);
  });

  it('wraps a transport that throws something other than GatewayError, without repeating', async () => {
    const transport = gateway(() => {
      throw new TypeError('fetch failed');
    });
    const error = await rejection(client(transport).send({ to: ['447700900123'], text: 'Hi' }));
    expect(error).toMatchObject({ code: 'NETWORK', delivery: 'unknown' });
    expect(transport.commands()).toEqual(['auth', 'sendmsg']);
  });

  it('never repeats after a malformed answer or an HTTP error', async () => {
    const malformed = gateway(() => '<html>oops</html>');
    expect((await rejection(client(malformed).send({ to: ['447700900123'], text: 'Hi' }))).code).toBe('MALFORMED_RESPONSE');
    expect(malformed.commands()).toEqual(['auth', 'sendmsg']);

    const failing = new FakeTransport((request) => (commandOf(request) === 'auth' ? `OK: ${SESSION_1}` : { status: 500, headers: {}, body: 'ERR: 003, Session ID expired' }));
    expect((await rejection(client(failing).getBalance())).code).toBe('HTTP_500');
    expect(failing.commands()).toEqual(['auth', 'getbalance']);
  });

  it('concurrent calls that hit an expired session share one renewal', async () => {
    const transport = gateway((command, sessionId) => (sessionId === SESSION_1 ? 'ERR: 003, Session ID expired' : 'Credit: 8'), [SESSION_2]);
    const store = memoryStore(SESSION_1);
    const api = client(transport, store);
    const results = await Promise.all([api.getBalance(), api.getBalance(), api.getBalance()]);
    expect(results.map((r) => r.balance)).toEqual([8, 8, 8]);
    // The seeded store made the first auth unnecessary: the one auth is the shared renewal.
    expect(transport.commands().filter((c) => c === 'auth')).toHaveLength(1);
    expect(transport.forms('getbalance').map((form) => form.get('session_id'))).toEqual([SESSION_1, SESSION_1, SESSION_1, SESSION_2, SESSION_2, SESSION_2]);
  });

  it('uses a pluggable store: reads its session and writes the renewed one', async () => {
    const store = memoryStore('d'.repeat(32));
    const transport = gateway((command, sessionId) => (sessionId === 'd'.repeat(32) ? 'ERR: 003, Session ID expired' : 'Credit: 1'));
    await client(transport, store).getBalance();
    expect(transport.commands()).toEqual(['getbalance', 'auth', 'getbalance']);
    expect(store.writes).toEqual([undefined, SESSION_1]);
    expect(store.get()).toBe(SESSION_1);
  });

  it('an empty string in the store counts as no session', async () => {
    const transport = gateway(() => 'Credit: 1');
    await client(transport, memoryStore('')).getBalance();
    expect(transport.commands()).toEqual(['auth', 'getbalance']);
  });

  it('close() forgets the session: the next call authenticates again', async () => {
    const transport = gateway(() => 'Credit: 1');
    const api = client(transport);
    await api.getBalance();
    api.close();
    await api.getBalance();
    expect(transport.commands()).toEqual(['auth', 'getbalance', 'auth', 'getbalance']);
    expect(transport.forms('getbalance').map((form) => form.get('session_id'))).toEqual([SESSION_1, SESSION_2]);
  });

  it('close() during an auth keeps that auth from storing its session', async () => {
    const release = deferred<string>();
    const transport = new FakeTransport((request) => (commandOf(request) === 'auth' ? release.promise : 'Credit: 1'));
    const store = memoryStore(undefined);
    const session = new ClickatellSession({ credentials: CREDENTIALS, transport, store });
    const pending = session.call('getbalance', (target) => buildGetBalanceRequest(target));
    await new Promise((resolve) => setImmediate(resolve));
    session.close();
    release.resolve(`OK: ${SESSION_1}`);
    await pending;
    expect(store.get()).toBeUndefined();
  });
});

describe('ClickatellSession: ping', () => {
  it('without a session it authenticates (a fresh session) and sends no ping', async () => {
    const transport = gateway(() => 'OK: ');
    await client(transport).ping();
    expect(transport.commands()).toEqual(['auth']);
  });

  it('with a session it pings with the session id', async () => {
    const transport = gateway(() => 'OK: ');
    const api = client(transport);
    await api.ping();
    await api.ping();
    expect(transport.commands()).toEqual(['auth', 'ping']);
    expect(Object.fromEntries(transport.forms('ping')[0])).toEqual({ session_id: SESSION_1 });
  });

  it('renews an expired session once and pings again', async () => {
    const transport = gateway((command, sessionId) => (sessionId === SESSION_1 ? 'ERR: 003, Session ID expired' : 'OK: '), [SESSION_2]);
    const api = client(transport, memoryStore(SESSION_1));
    await api.ping();
    expect(transport.commands()).toEqual(['ping', 'auth', 'ping']);
  });

  it('throws on a ping answer it cannot read', async () => {
    const transport = gateway(() => 'PONG');
    const api = client(transport, memoryStore(SESSION_1));
    expect((await rejection(api.ping())).code).toBe('MALFORMED_RESPONSE');
  });

  it('sends nothing in perRequest mode', async () => {
    const transport = gateway(() => 'OK: ');
    await client(transport, undefined, 'perRequest').ping();
    expect(transport.requests).toHaveLength(0);
  });
});

describe('ClickatellSession: perRequest mode', () => {
  it('sends api_id, user and password on each call and never authenticates', async () => {
    const transport = gateway(() => 'Credit: 2');
    const api = client(transport, undefined, 'perRequest');
    await api.getBalance();
    await api.getBalance();
    expect(transport.commands()).toEqual(['getbalance', 'getbalance']);
    expect(Object.fromEntries(transport.forms('getbalance')[0])).toEqual({ api_id: CREDENTIALS.apiId, user: CREDENTIALS.user, password: CREDENTIALS.password });
  });

  it('does not renew or repeat on ERR 003/001 (no session to renew)', async () => {
    const transport = gateway(() => 'ERR: 001, Authentication failed');
    expect((await rejection(client(transport, undefined, 'perRequest').getBalance())).code).toBe('001');
    expect(transport.commands()).toEqual(['getbalance']);
  });
});

describe('secrets never leak', () => {
  const secrets = [CREDENTIALS.password, SESSION_1, SESSION_2];

  function expectClean(error: GatewayError): void {
    const text = visible(error);
    for (const secret of secrets) expect(text).not.toContain(secret);
  }

  it('not in errors from auth, renewal, HTTP status, malformed answers or the network', async () => {
    const cases: Array<[Handler, 'session' | 'perRequest']> = [
      [() => 'ERR: 001, Authentication failed', 'session'],
      [() => ({ status: 500, headers: {}, body: `OK: ${SESSION_1}` }), 'session'],
      [(request) => (commandOf(request) === 'auth' ? `OK: ${SESSION_1} trailing` : 'Credit: 1'), 'session'],
      [(request) => (commandOf(request) === 'auth' ? `OK: ${SESSION_1}\nOK: ${SESSION_2}` : 'Credit: 1'), 'session'],
      [(request) => (commandOf(request) === 'auth' ? `OK: ${SESSION_1}` : 'ERR: 003, Session ID expired'), 'session'],
      [(request) => (commandOf(request) === 'auth' ? `OK: ${SESSION_1}` : 'garbage'), 'session'],
      [(request) => (commandOf(request) === 'auth' ? `OK: ${SESSION_1}` : { status: 429, headers: { 'retry-after': '3' }, body: 'slow down' }), 'session'],
      [
        () => {
          throw new Error(`connect ECONNREFUSED password=${CREDENTIALS.password}`);
        },
        'perRequest',
      ],
      [() => 'ERR: 002, Unknown username or password', 'perRequest'],
    ];
    for (const [handler, mode] of cases) {
      const transport = new FakeTransport(handler);
      const error = await rejection(client(transport, undefined, mode).getBalance());
      expectClean(error);
    }
  });

  it('not in send outcomes or their events', async () => {
    const transport = gateway(() => 'ID: 0123456789abcdef0123456789abcdef To: 447700900123\nERR: 105, Invalid destination address To: 27831234567');
    const outcomes = await client(transport).send({ to: ['447700900123', '27831234567', 'bad'], text: 'Hi' });
    const text = JSON.stringify(outcomes.map((o) => (o.ok ? o.event : o.error.toJSON())));
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

function memoryStore(initial: string | undefined): SessionStore & { writes: Array<string | undefined> } {
  let id = initial;
  const writes: Array<string | undefined> = [];
  return {
    writes,
    get: () => id,
    set: (value) => {
      writes.push(value);
      id = value;
    },
  };
}
