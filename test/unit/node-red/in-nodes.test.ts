/**
 * The "in" nodes: routes on RED.httpNode exercised with real HTTP requests (supertest), secret checks,
 * body forms, one msg per event, errors to Catch nodes, and removal of exactly their own route.
 */
import { collect, helper, httpNode, nodeModules, outputAndCatch, routesFor, runtimePerTest, supertest } from './support';

const SECRET = 'in-node-secret-42';

function clickatellInFlow(extra: Record<string, unknown> = {}) {
  return [
    { id: 'tab', type: 'tab', label: 'in' },
    { id: 'in1', type: 'clickatell in', z: 'tab', name: '', url: '/clickatell/cb', api: 'http', events: 'all', auth: 'token', tokenParam: 'token', wires: [['out']], ...extra },
    ...outputAndCatch(),
  ];
}

const STATUS_QUERY = {
  apiMsgId: '996411ad91fa211e7d17bc873aa4a41d',
  cliMsgId: 'order-17',
  api_id: '3500001',
  to: '27999123456',
  from: '27999000001',
  timestamp: '1700000000',
  status: '004',
  charge: '0.8',
};

runtimePerTest();

describe('clickatell in', () => {
  it('turns a GET status callback with the right token into one message.status msg, and answers 200', async () => {
    await helper.load(nodeModules(), clickatellInFlow(), { in1: { secret: SECRET } });
    const received = collect(helper.getNode('out'), 1);
    const res = await supertest(httpNode()).get('/clickatell/cb').query({ ...STATUS_QUERY, token: SECRET });
    expect(res.status).toBe(200);
    const [msg] = await received;
    expect(msg.topic).toBe('message.status');
    expect(msg.payload).toMatchObject({
      type: 'message.status',
      provider: 'clickatell-http',
      messageId: STATUS_QUERY.apiMsgId,
      clientReference: 'order-17',
      to: '27999123456',
      state: 'delivered',
      final: true,
      providerCode: '004',
      charge: 0.8,
      timestamp: '2023-11-14T22:13:20.000Z',
    });
    // The verification token never reaches the flow.
    expect(JSON.stringify(msg)).not.toContain(SECRET);
  });

  it('refuses a callback without the token, or with a wrong one, with 401 and emits nothing', async () => {
    await helper.load(nodeModules(), clickatellInFlow(), { in1: { secret: SECRET } });
    const out = helper.getNode('out');
    let emitted = 0;
    out.on('input', () => emitted++);
    const missing = await supertest(httpNode()).get('/clickatell/cb').query(STATUS_QUERY);
    const wrong = await supertest(httpNode()).get('/clickatell/cb').query({ ...STATUS_QUERY, token: `${SECRET}x` });
    const prefix = await supertest(httpNode()).get('/clickatell/cb').query({ ...STATUS_QUERY, token: SECRET.slice(0, -1) });
    expect([missing.status, wrong.status, prefix.status]).toEqual([401, 401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emitted).toBe(0);
  });

  it('refuses everything when token verification is on but no secret is set', async () => {
    await helper.load(nodeModules(), clickatellInFlow(), {});
    const res = await supertest(httpNode()).get('/clickatell/cb').query({ ...STATUS_QUERY, token: '' });
    expect(res.status).toBe(401);
  });

  it('reads an inbound (MO) message from a POSTed form and decodes its UCS-2 text', async () => {
    await helper.load(nodeModules(), clickatellInFlow(), { in1: { secret: SECRET } });
    const received = collect(helper.getNode('out'), 1);
    const res = await supertest(httpNode())
      .post(`/clickatell/cb?token=${SECRET}`)
      .type('form')
      .send({ api_id: '3500001', moMsgId: 'b2aee337abd962489b123fda9c3480fa', from: '279991234567', to: '27999000001', timestamp: '2024-03-01 14:05:00', text: '00480069002000D800B7', charset: 'UCS-2' });
    expect(res.status).toBe(200);
    const [msg] = await received;
    expect(msg.payload).toMatchObject({ type: 'message.inbound', messageId: 'b2aee337abd962489b123fda9c3480fa', from: '279991234567', state: 'received', timestamp: '2024-03-01T12:05:00.000Z' });
    expect(typeof msg.payload.text).toBe('string');
    expect(msg.payload.text.startsWith('Hi ')).toBe(true);
  });

  it('reads a REST JSON callback ({ data: {...} }) with HTTP basic authentication', async () => {
    await helper.load(nodeModules(), clickatellInFlow({ api: 'rest', auth: 'basic' }), { in1: { user: 'clickatell', secret: SECRET } });
    const received = collect(helper.getNode('out'), 1);
    const body = { data: { apiMessageId: 'a1b2c3', clientMessageId: 'ref-9', messageStatus: '003', to: '27999123456', timestamp: 1700000100, charge: 1 } };
    const denied = await supertest(httpNode()).post('/clickatell/cb').auth('clickatell', 'nope').send(body);
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toMatch(/^Basic/);
    const res = await supertest(httpNode()).post('/clickatell/cb').auth('clickatell', SECRET).send(body);
    expect(res.status).toBe(200);
    const [msg] = await received;
    expect(msg.payload).toMatchObject({ provider: 'clickatell-rest', messageId: 'a1b2c3', clientReference: 'ref-9', state: 'sent', providerCode: '003', final: false });
  });

  it('answers 400 to parameters it cannot read and reports the error to a Catch node', async () => {
    await helper.load(nodeModules(), clickatellInFlow(), { in1: { secret: SECRET } });
    const caught = collect(helper.getNode('caught'), 2);
    const unknown = await supertest(httpNode()).post(`/clickatell/cb?token=${SECRET}`).type('form').send({ hello: 'world' });
    const badJson = await supertest(httpNode()).post(`/clickatell/cb?token=${SECRET}`).set('content-type', 'application/json').send('{"apiMsgId": ');
    expect(unknown.status).toBe(400);
    expect(badJson.status).toBe(400);
    const errors = await caught;
    for (const msg of errors) {
      expect(msg.error.code).toBe('MALFORMED_CALLBACK');
      expect(msg.error.source.id).toBe('in1');
      expect(JSON.stringify(msg)).not.toContain(SECRET);
    }
  });

  it('only emits the kind of event it is set to, but still answers 200 to the others', async () => {
    await helper.load(nodeModules(), clickatellInFlow({ events: 'inbound' }), { in1: { secret: SECRET } });
    const out = helper.getNode('out');
    const seen: string[] = [];
    out.on('input', (msg: { payload: { type: string } }) => seen.push(msg.payload.type));
    const status = await supertest(httpNode()).get('/clickatell/cb').query({ ...STATUS_QUERY, token: SECRET });
    const inbound = await supertest(httpNode()).get('/clickatell/cb').query({ token: SECRET, moMsgId: 'mo-1', from: '27999111222', text: 'yes' });
    expect([status.status, inbound.status]).toEqual([200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['message.inbound']);
  });
});

describe('clicksend in', () => {
  const flow = [
    { id: 'tab', type: 'tab', label: 'in' },
    { id: 'cs', type: 'clicksend in', z: 'tab', url: 'clicksend/push', events: 'all', auth: 'token', tokenParam: 'key42', wires: [['out']] },
    { id: 'out', type: 'helper', z: 'tab' },
  ];

  it('turns a reply push and a delivery report push into one msg each, with a custom token parameter', async () => {
    await helper.load(nodeModules(), flow, { cs: { secret: SECRET } });
    const received = collect(helper.getNode('out'), 2);
    const reply = await supertest(httpNode())
      .post(`/clicksend/push?key42=${SECRET}`)
      .type('form')
      .send({ from: '+61411111111', message: 'Yes please', originalmessage: 'Want a call?', originalmessageid: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78', originalsenderid: '+61400000000', customstring: 'lead-7', username: 'demo' });
    const dlr = await supertest(httpNode())
      .post(`/clicksend/push?key42=${SECRET}`)
      .type('form')
      .send({ messageid: 'F15F83H8-15AC-3R31-777E-7E8FB09SSDP2', status: 'Undelivered', status_code: '301', customstring: 'lead-8', username: 'demo' });
    expect([reply.status, dlr.status]).toEqual([200, 200]);
    const [first, second] = await received;
    expect(first.payload).toMatchObject({ type: 'message.inbound', provider: 'clicksend', from: '+61411111111', text: 'Yes please', inReplyTo: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78', clientReference: 'lead-7' });
    expect(second.payload).toMatchObject({ type: 'message.status', messageId: 'F15F83H8-15AC-3R31-777E-7E8FB09SSDP2', error: true, providerCode: '301', clientReference: 'lead-8' });
    expect(JSON.stringify([first, second])).not.toContain(SECRET);
  });

  it('answers 413 to a body far larger than any callback', async () => {
    await helper.load(nodeModules(), flow, { cs: { secret: SECRET } });
    const res = await supertest(httpNode())
      .post(`/clicksend/push?key42=${SECRET}`)
      .type('form')
      .send(`message=${'x'.repeat(300 * 1024)}&from=%2B61411111111`);
    expect(res.status).toBe(413);
  });
});

describe('hostile callbacks (issue 12)', () => {
  // The in node wired to two nodes: Node-RED clones the msg for the second wire.
  const twoWires = [
    { id: 'tab', type: 'tab', label: 'in' },
    { id: 'in1', type: 'clickatell in', z: 'tab', url: '/clickatell/cb', api: 'rest', events: 'all', auth: 'token', tokenParam: 'token', wires: [['out', 'out2']] },
    { id: 'out', type: 'helper', z: 'tab' },
    { id: 'out2', type: 'helper', z: 'tab' },
  ];

  it('refuses the token given as token[] or twice, as n8n does', async () => {
    await helper.load(nodeModules(), clickatellInFlow(), { in1: { secret: SECRET } });
    const query = new URLSearchParams(STATUS_QUERY).toString();
    const asArray = await supertest(httpNode()).get(`/clickatell/cb?token[]=${SECRET}&${query}`);
    const twice = await supertest(httpNode()).get(`/clickatell/cb?token=${SECRET}&token=${SECRET}&${query}`);
    expect([asArray.status, twice.status]).toEqual([401, 401]);
  });

  it('answers 401 to a large query or body without the secret, before parsing it', async () => {
    await helper.load(nodeModules(), clickatellInFlow(), { in1: { secret: SECRET } });
    const query = await supertest(httpNode()).get(`/clickatell/cb?${'a&'.repeat(4000)}`);
    const body = await supertest(httpNode()).post('/clickatell/cb').type('form').send('a&'.repeat(60_000));
    expect([query.status, body.status]).toEqual([401, 401]);
  });

  it('answers 400 to JSON nested 5,000 levels deep and to 16,000 fields, and keeps working with two wires', async () => {
    await helper.load(nodeModules(), twoWires, { in1: { secret: SECRET } });
    const deep = await supertest(httpNode())
      .post(`/clickatell/cb?token=${SECRET}`)
      .set('content-type', 'application/json')
      .send(`{"data":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.text).toContain('nested deeper than 16 levels');
    const many = await supertest(httpNode()).post(`/clickatell/cb?token=${SECRET}`).type('form').send('a&'.repeat(16_000));
    expect(many.status).toBe(400);
    expect(many.text).toContain('more than 256 fields');
    const received = Promise.all([collect(helper.getNode('out'), 1), collect(helper.getNode('out2'), 1)]);
    const json = { data: { apiMessageId: 'm-1', status: '004', to: '27999123456', timestamp: 1700000000, nested: { a: { b: { c: [1, [2, [3]]] } } } } };
    const ok = await supertest(httpNode()).post(`/clickatell/cb?token=${SECRET}`).set('content-type', 'application/json').send(JSON.stringify(json));
    expect(ok.status).toBe(200);
    const [[first], [second]] = await received;
    expect(first.payload).toMatchObject({ messageId: 'm-1', state: 'delivered' });
    expect(second.payload).toEqual(first.payload);
  });
});

describe('route clean-up', () => {
  const twoOnOnePath = [
    { id: 'tab', type: 'tab', label: 'in' },
    { id: 'a', type: 'clicksend in', z: 'tab', url: '/shared', events: 'all', auth: 'token', wires: [['outA']] },
    { id: 'b', type: 'clicksend in', z: 'tab', url: '/shared', events: 'all', auth: 'token', wires: [['outB']] },
    { id: 'outA', type: 'helper', z: 'tab' },
    { id: 'outB', type: 'helper', z: 'tab' },
  ];
  const credentials = { a: { secret: 'secret-a' }, b: { secret: 'secret-b' } };
  const reply = { from: '+61411111111', message: 'hello', originalmessageid: 'X1' };

  it('removes only the closed node route when two in nodes share a path, and the other keeps receiving', async () => {
    await helper.load(nodeModules(), twoOnOnePath, credentials);
    expect(routesFor('/shared')).toHaveLength(4); // GET and POST for each node

    // Redeploy without node a ("modified nodes" deploy: b keeps running untouched).
    const withoutA = twoOnOnePath.filter((node) => node.id !== 'a' && node.id !== 'outA');
    await helper.setFlows(withoutA, 'nodes', { b: credentials.b });
    expect(routesFor('/shared')).toHaveLength(2);

    const received = collect(helper.getNode('outB'), 1);
    const res = await supertest(httpNode()).post('/shared?token=secret-b').type('form').send(reply);
    expect(res.status).toBe(200);
    const [msg] = await received;
    expect(msg.payload.text).toBe('hello');
    // Node a's secret no longer opens anything.
    const old = await supertest(httpNode()).post('/shared?token=secret-a').type('form').send(reply);
    expect(old.status).toBe(401);
  });

  it('leaves no route behind when the flow stops, and registers one set again on a full redeploy', async () => {
    await helper.load(nodeModules(), twoOnOnePath, credentials);
    await helper.setFlows(twoOnOnePath, 'full', credentials);
    expect(routesFor('/shared')).toHaveLength(4);
    const app = httpNode();
    await helper.unload();
    const stack = (app as { _router: { stack: Array<{ route?: { path: string } }> } })._router.stack;
    expect(stack.filter((layer) => layer.route?.path === '/shared')).toHaveLength(0);
  });
});

describe('in nodes on the current APIs (Node-RED 4.1)', () => {
  it('clickatell in (Clickatell Portal): a One API callback with a status update and a reply gives two msgs; a Platform callback one', async () => {
    await helper.load(nodeModules(), clickatellInFlow({ api: 'portal' }), { in1: { secret: SECRET } });
    const received = collect(helper.getNode('out'), 3);
    const envelope = {
      integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
      integrationName: 'unit',
      event: {
        messageStatusUpdate: [{ channel: 'sms', messageId: '77fb29998253415fa5d66971d519d362', clientMessageId: 'order-5', timestamp: 1506607698860, status: 'DEVICE_ACK', statusCode: 5 }],
        moText: [{ channel: 'sms', messageId: '3a89680503414383af44dcd0e4e5f184', relatedMessageId: '77fb29998253415fa5d66971d519d362', from: '2799900001', to: '2799900002', timestamp: 1506607698000, content: 'Yes please', charset: 'UTF-8' }],
      },
    };
    expect((await supertest(httpNode()).post(`/clickatell/cb?token=${SECRET}`).send(envelope)).status).toBe(200);
    const platform = { integrationName: 'unit', messageId: 'af750c2dc53e4e4c88c39b3b48756d3a', requestId: 'r1', clientMessageId: 'order-6', to: '27999000001', status: 'RECEIVED_BY_RECIPIENT', statusCode: 4 };
    expect((await supertest(httpNode()).get('/clickatell/cb').query({ ...platform, token: SECRET })).status).toBe(200);
    const msgs = await received;
    expect(msgs.map((m) => [m.topic, m.payload.provider, m.payload.messageId])).toEqual([
      ['message.status', 'clickatell-one', '77fb29998253415fa5d66971d519d362'],
      ['message.inbound', 'clickatell-one', '3a89680503414383af44dcd0e4e5f184'],
      ['message.status', 'clickatell-platform', 'af750c2dc53e4e4c88c39b3b48756d3a'],
    ]);
    expect(msgs[0].payload).toMatchObject({ state: 'delivered', clientReference: 'order-5' });
    expect(msgs[1].payload).toMatchObject({ text: 'Yes please', from: '2799900001', inReplyTo: '77fb29998253415fa5d66971d519d362' });
    expect(msgs[2].payload).toMatchObject({ state: 'delivered', clientReference: 'order-6' });
  });

  it('clicksend in (REST v3): a JSON inbound push from an automation rule becomes a clicksend-v3 inbound msg', async () => {
    const flow = [
      { id: 'tab', type: 'tab', label: 'in' },
      { id: 'in2', type: 'clicksend in', z: 'tab', url: '/clicksend/v3', api: 'v3', events: 'all', auth: 'token', tokenParam: 'token', wires: [['out']] },
      { id: 'out', type: 'helper', z: 'tab' },
    ];
    await helper.load(nodeModules(), flow, { in2: { secret: SECRET } });
    const received = collect(helper.getNode('out'), 1);
    // ClickSend's own JSON example (ClickSend/integration-n8n, C8 of the v3 digest).
    const push = {
      originalsenderid: '+61477485926', body: 'trigger reply', message: 'trigger reply', sms: '+61429912603', from: '+61429912603', to: '+61477485926',
      timestamp: 1775012927, message_id: '1F12D781-99C1-6D94-96FE-F5A311C8997D', original_message_id: '1F12D717-947A-6FBC-BBFE-D14C2927CEEF',
      original_body: 'TESTING TRIGGER', user_id: 304497, subaccount_id: 745158, custom_string: '',
    };
    expect((await supertest(httpNode()).post(`/clicksend/v3?token=${SECRET}`).send(push)).status).toBe(200);
    const [msg] = await received;
    expect(msg.payload).toMatchObject({ type: 'message.inbound', provider: 'clicksend-v3', from: '+61429912603', text: 'trigger reply', inReplyTo: '1F12D717-947A-6FBC-BBFE-D14C2927CEEF' });
  });
});
