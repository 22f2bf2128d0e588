import type { Sandbox } from '../../../sandbox';
import { CS_AUTH, eventually, getQuery, HTTP_AUTH, json, postForm, request, restHeaders, start, xmlValues } from './helpers';

/** The status lifecycle: 002 -> 003 -> 004, failure numbers, scheduled and delayed delivery, stop (006), expiry (010). */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await start();
});

afterAll(() => sandbox.close());

async function sendHttp(params: Record<string, string | number>): Promise<string> {
  const result = await getQuery(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, text: 'lifecycle', ...params });
  expect(result.text).toMatch(/^ID: [0-9a-f]{32}$/);
  return result.text.slice(4);
}

async function status(id: string): Promise<string> {
  const result = await getQuery(`${sandbox.url}/http/querymsg`, { ...HTTP_AUTH, apimsgid: id });
  return /Status: (\d{3})$/.exec(result.text)![1];
}

async function history(id: string): Promise<string[]> {
  const view = await json(`${sandbox.url}/sandbox/messages/${id}`);
  return view.body.history.map((step: { status: string }) => step.status);
}

async function balance(): Promise<number> {
  return Number((await getQuery(`${sandbox.url}/http/getbalance`, HTTP_AUTH)).text.slice(8));
}

describe('ordinary numbers', () => {
  it('go queued (002) -> delivered to gateway (003) -> received by recipient (004)', async () => {
    const id = await sendHttp({ to: '447700900123' });
    await eventually(async () => expect(await status(id)).toBe('004'));
    expect(await history(id)).toEqual(['002', '003', '004']);
  });

  it('a slower lifecycle shows the queued status first', async () => {
    const slow = await start({ lifecycle: { sentAfterMs: 60_000, deliveredAfterMs: 60_000 } });
    try {
      const result = await getQuery(`${slow.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900123', text: 'slow' });
      const query = await getQuery(`${slow.url}/http/querymsg`, { ...HTTP_AUTH, apimsgid: result.text.slice(4) });
      expect(query.text).toBe(`ID: ${result.text.slice(4)} Status: 002`);
    } finally {
      await slow.close();
    }
  });
});

describe('behaviour numbers (999 + code + 4 digits)', () => {
  it.each([
    ['9990070000', ['002', '003', '007']],
    ['9990090000', ['002', '009']],
    ['9990050000', ['002', '005']],
  ])('%s ends as %j', async (to, expected) => {
    const id = await sendHttp({ to });
    await eventually(async () => expect(await status(id)).toBe(expected.at(-1)));
    expect(await history(id)).toEqual(expected);
  });
});

describe('scheduled and delayed messages', () => {
  it('deliv_time: 011 until the (scaled) delay has passed, then the normal lifecycle', async () => {
    const id = await sendHttp({ to: '447700900124', deliv_time: 5 });
    expect(await status(id)).toBe('011');
    await eventually(async () => expect(await status(id)).toBe('004'));
    expect(await history(id)).toEqual(['011', '002', '003', '004']);
  });

  it('delmsg stops a scheduled message (006), refunds it, and it is never delivered', async () => {
    const before = await balance();
    const id = await sendHttp({ to: '447700900125', scheduled_time: Math.floor(Date.now() / 1000) + 600 });
    expect(await status(id)).toBe('011');
    expect(await balance()).toBeCloseTo(before - 0.8, 6);
    expect((await getQuery(`${sandbox.url}/http/delmsg`, { ...HTTP_AUTH, apimsgid: id })).text).toBe(`ID: ${id} Status: 006`);
    expect(await balance()).toBeCloseTo(before, 6);
    expect((await getQuery(`${sandbox.url}/http/getmsgcharge`, { ...HTTP_AUTH, apimsgid: id })).text).toBe(`apiMsgId: ${id} charge: 0.0 status: 006`);
    // 600 s scaled by 0.001 is 600 ms: well past it, the message is still stopped.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await status(id)).toBe('006');
  });

  it('a message that has left (003/004) cannot be stopped: delmsg answers its status', async () => {
    const id = await sendHttp({ to: '447700900126' });
    await eventually(async () => expect(await status(id)).toBe('004'));
    expect((await getQuery(`${sandbox.url}/http/delmsg`, { ...HTTP_AUTH, apimsgid: id })).text).toBe(`ID: ${id} Status: 004`);
  });

  it('REST scheduledDeliveryTime + DELETE gives 006; GET then reports 006', async () => {
    const sent = await json(`${sandbox.url}/rest/message`, {
      method: 'POST',
      headers: restHeaders(),
      body: JSON.stringify({ text: 'later', to: ['447700900127'], scheduledDeliveryTime: new Date(Date.now() + 3_600_000).toISOString() }),
    });
    const id = sent.body.data.message[0].apiMessageId;
    expect((await json(`${sandbox.url}/rest/message/${id}`, { headers: restHeaders() })).body.data.messageStatus).toBe('011');
    await request(`${sandbox.url}/rest/message/${id}`, { method: 'DELETE', headers: restHeaders() });
    expect((await json(`${sandbox.url}/rest/message/${id}`, { headers: restHeaders() })).body.data).toMatchObject({ messageStatus: '006', charge: 0 });
  });

  it('querymsg by climsgid finds the message', async () => {
    const id = await sendHttp({ to: '447700900128', climsgid: 'by-ref-1' });
    expect((await getQuery(`${sandbox.url}/http/querymsg`, { ...HTTP_AUTH, climsgid: 'by-ref-1' })).text).toMatch(new RegExp(`^ID: ${id} Status: \\d{3}$`));
  });
});

describe('validity expiry', () => {
  it('9990020000 stays queued until its validity ends, then 010 with no charge', async () => {
    const before = await balance();
    const id = await sendHttp({ to: '9990020000', validity: 5 });
    expect(await status(id)).toBe('002');
    await eventually(async () => expect(await status(id)).toBe('010'));
    expect(await history(id)).toEqual(['002', '010']);
    await eventually(async () => expect(await balance()).toBeCloseTo(before, 6));
    expect((await getQuery(`${sandbox.url}/http/getmsgcharge`, { ...HTTP_AUTH, apimsgid: id })).text).toBe(`apiMsgId: ${id} charge: 0.0 status: 010`);
  });
});

describe('ClickSend', () => {
  it('history shows Scheduled, then Delivered once the scheduled time has passed', async () => {
    const schedule = Math.floor(Date.now() / 1000) + 60;
    const sent = await postForm(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: '+447700900222', message: 'scheduled cs', schedule });
    const id = xmlValues(sent.text, 'messageid')[0];
    const itemStatus = async (): Promise<string> => {
      const page = (await getQuery(`${sandbox.url}/http/v2/history.php`, CS_AUTH)).text;
      const item = xmlValues(page, 'item').find((entry) => entry.includes(id))!;
      return xmlValues(item, 'status')[0];
    };
    expect(await itemStatus()).toBe('Scheduled');
    await eventually(async () => expect(await itemStatus()).toBe('Delivered'));
  });
});
