import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { ClickSendPollingTrigger } from '../../../nodes/ClickSendPollingTrigger/ClickSendPollingTrigger.node';
import { SEEN_LIMIT } from '../../../nodes/ClickSendPollingTrigger/poll-state';
import { FakeClickSend, fakePollContext, type FakeReport, type FakeReply } from './fake-clicksend';

const trigger = new ClickSendPollingTrigger();

async function poll(server: FakeClickSend, options: Omit<Parameters<typeof fakePollContext>[0], 'server'> = {}) {
	const { context, staticData } = fakePollContext({ server, ...options });
	const result = await trigger.poll.call(context);
	return { result, staticData, items: items(result) };
}

function items(result: INodeExecutionData[][] | null): IDataObject[] {
	if (result === null) return [];
	expect(result).toHaveLength(1);
	return result[0].map((item) => item.json);
}

/** Save and load static data the way n8n does across a restart (JSON in the workflow row). */
function throughDatabase(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

const REPLY_A: FakeReply = {
	from: '+61411111111',
	message: 'This is a reply',
	originalmessage: 'Hello. Please reply',
	originalmessageid: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78',
	originalsenderid: '+61400000000',
	customstring: '',
};
const REPLY_B: FakeReply = { ...REPLY_A, from: '+61422222222', message: 'This is another reply' };
const DELIVERED: FakeReport = { messageid: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78', status: 'Delivered', status_code: '201' };
const UNDELIVERED: FakeReport = { messageid: 'F15F83H8-15AC-3R31-777E-7E8FB09SSDP2', status: 'Undelivered', status_code: '301' };

describe('ClickSend Polling Trigger: emitting', () => {
	it('emits the spec example replies and delivery reports as events, replies first', async () => {
		const server = new FakeClickSend();
		server.replies = [REPLY_A, REPLY_B];
		server.reports = [DELIVERED, UNDELIVERED];
		const { items: emitted } = await poll(server);
		expect(emitted.map((item) => [item.type, item.from ?? item.messageId])).toEqual([
			['message.inbound', '+61411111111'],
			['message.inbound', '+61422222222'],
			['message.status', DELIVERED.messageid],
			['message.status', UNDELIVERED.messageid],
		]);
		expect(emitted[0]).toMatchObject({
			provider: 'clicksend',
			text: 'This is a reply',
			to: '+61400000000',
			inReplyTo: REPLY_A.originalmessageid,
			state: 'received',
		});
		expect(emitted[2]).toMatchObject({ state: 'delivered', providerCode: '201' });
		expect(emitted[3]).toMatchObject({ state: 'failed', error: true, providerCode: '301' });
	});

	it('calls reply.php and delivery.php with the credentials in the form body, through the ClickSend credential', async () => {
		const server = new FakeClickSend();
		await poll(server);
		expect(server.requests.map((request) => [request.method, request.url, request.credentialType])).toEqual([
			['POST', 'http://sandbox.test:4010/http/v2/reply.php', 'clickSendApi'],
			['POST', 'http://sandbox.test:4010/http/v2/delivery.php', 'clickSendApi'],
		]);
		expect(new URLSearchParams(server.requests[0].body).get('username')).toBe('testuser101');
	});

	it('returns null when there is nothing new', async () => {
		const { result } = await poll(new FakeClickSend());
		expect(result).toBeNull();
	});

	it('asks only for what the node is set to emit', async () => {
		const server = new FakeClickSend();
		server.reports = [DELIVERED];
		const { result } = await poll(server, { parameters: { events: ['inbound'] } });
		expect(result).toBeNull();
		expect(server.requests.map((request) => request.url.split('/').pop())).toEqual(['reply.php']);
	});

	it('emits only delivery reports in the selected states', async () => {
		const server = new FakeClickSend();
		server.reports = [DELIVERED, UNDELIVERED];
		server.replies = [REPLY_A];
		const { items: emitted } = await poll(server, { parameters: { statusFilter: ['failed'] } });
		expect(emitted.map((item) => item.state)).toEqual(['received', 'failed']);
	});

	it('keeps two identical replies without an id or time: they are two messages', async () => {
		const server = new FakeClickSend();
		server.replies = [REPLY_A, REPLY_A];
		const { items: emitted } = await poll(server, { parameters: { events: ['inbound'] } });
		expect(emitted).toHaveLength(2);
	});
});

describe('ClickSend Polling Trigger: cursor and duplicates', () => {
	it('emits each record once from a read-once account, across polls and a restart', async () => {
		const server = new FakeClickSend(true);
		server.replies = [REPLY_A];
		server.reports = [DELIVERED];
		const first = await poll(server);
		expect(first.items).toHaveLength(2);
		const second = await poll(server, { staticData: first.staticData });
		expect(second.result).toBeNull();
		server.replies = [REPLY_B];
		const afterRestart = await poll(server, { staticData: throughDatabase(second.staticData) });
		expect(afterRestart.items.map((item) => item.from)).toEqual(['+61422222222']);
	});

	it('does not emit a record again when the account returns it again, even after a restart', async () => {
		const server = new FakeClickSend(false);
		server.reports = [DELIVERED, UNDELIVERED];
		server.replies = [{ ...REPLY_A, messageid: 'R-1' }, { ...REPLY_B, timestamp: '1700000000' }];
		const first = await poll(server);
		expect(first.items).toHaveLength(4);
		const again = await poll(server, { staticData: first.staticData });
		expect(again.result).toBeNull();
		const restarted = await poll(server, { staticData: throughDatabase(again.staticData) });
		expect(restarted.result).toBeNull();
		// A new status of a known message is news.
		server.reports.push({ ...UNDELIVERED, status: 'Delivered', status_code: '201' });
		const update = await poll(server, { staticData: restarted.staticData });
		expect(update.items).toEqual([expect.objectContaining({ messageId: UNDELIVERED.messageid, state: 'delivered' })]);
	});

	it('does not lose replies already read when delivery.php fails: they go out with the next poll', async () => {
		const server = new FakeClickSend(true);
		server.replies = [REPLY_A];
		server.reports = [DELIVERED];
		server.failNext['delivery.php'] = 503;
		const { context, staticData } = fakePollContext({ server });
		await expect(trigger.poll.call(context)).rejects.toBeInstanceOf(NodeApiError);
		expect(server.replies).toEqual([]); // read (and so marked read) at ClickSend
		const next = await poll(server, { staticData });
		expect(next.items.map((item) => item.type)).toEqual(['message.inbound', 'message.status']);
		expect(next.items[0].from).toBe(REPLY_A.from);
		const after = await poll(server, { staticData: next.staticData });
		expect(after.result).toBeNull();
	});

	it('remembers a bounded number of keys', async () => {
		const server = new FakeClickSend(true);
		server.reports = Array.from({ length: SEEN_LIMIT + 500 }, (_, index) => ({ ...DELIVERED, messageid: `M-${index}` }));
		const { items: emitted, staticData } = await poll(server, { parameters: { events: ['status'] } });
		expect(emitted).toHaveLength(SEEN_LIMIT + 500);
		expect(staticData.seen).toHaveLength(SEEN_LIMIT);
		expect(staticData.pending).toEqual([]);
	});

	it('starts empty from static data it cannot read instead of failing', async () => {
		const server = new FakeClickSend(true);
		server.reports = [DELIVERED];
		const { items: emitted } = await poll(server, { staticData: { seen: 'garbage', pending: [1, null, 'x'] } });
		expect(emitted).toHaveLength(1);
	});
});

describe('ClickSend Polling Trigger: manual runs and errors', () => {
	it('shows what ClickSend returns in a manual run without touching the static data', async () => {
		const server = new FakeClickSend(false);
		server.replies = [REPLY_A];
		server.reports = [DELIVERED];
		const staticData: IDataObject = {};
		const manual = await poll(server, { mode: 'manual', staticData });
		expect(manual.items).toHaveLength(2);
		expect(staticData).toEqual({});
		// The active workflow still emits the same records: the manual run did not move the cursor.
		const active = await poll(server, { staticData });
		expect(active.items).toHaveLength(2);
	});

	it('turns a ClickSend result code into a NodeApiError with ClickSend\'s text', async () => {
		const server = new FakeClickSend();
		server.result = '2022';
		const { context } = fakePollContext({ server });
		const attempt = trigger.poll.call(context);
		await expect(attempt).rejects.toBeInstanceOf(NodeApiError);
		await expect(trigger.poll.call(context)).rejects.toThrow(/2022/);
	});

	it('fails a manual run on an HTTP error too', async () => {
		const server = new FakeClickSend();
		server.failNext['reply.php'] = 503;
		const { context } = fakePollContext({ server, mode: 'manual' });
		await expect(trigger.poll.call(context)).rejects.toBeInstanceOf(NodeApiError);
	});
});
