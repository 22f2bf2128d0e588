import type { IDataObject, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';
import { NODE } from './fake-webhook';

/**
 * A ClickSend HTTP v2 account behind n8n's authenticated HTTP helper, for poll() tests: reply.php and
 * delivery.php answer in the spec's XML. `readOnce` is the documented behaviour ("all unread results",
 * each returned once); without it every record comes back on every call, as a proxy or a misbehaving
 * provider might do, which is what the poller's duplicate check is for.
 */

export interface FakeReply {
	from: string;
	message: string;
	originalmessage?: string;
	originalmessageid?: string;
	originalsenderid?: string;
	customstring?: string;
	messageid?: string;
	timestamp?: string;
}

export interface FakeReport {
	messageid: string;
	status: string;
	status_code: string;
	customstring?: string;
}

export interface SeenRequest {
	method: string;
	url: string;
	body: string;
	credentialType: string;
}

function xmlEscape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fields(record: object): string {
	return Object.entries(record)
		.map(([name, value]) => `<${name}>${xmlEscape(String(value))}</${name}>`)
		.join('');
}

export class FakeClickSend {
	replies: FakeReply[] = [];
	reports: FakeReport[] = [];
	requests: SeenRequest[] = [];
	/** Answer the next request to this endpoint with this HTTP status instead. */
	failNext: Partial<Record<'reply.php' | 'delivery.php', number>> = {};
	/** A `<result>` code other than 0000 for every request (2022: bad credentials). */
	result = '0000';

	constructor(readonly readOnce = true) {}

	respond(options: IHttpRequestOptions, credentialType: string): { statusCode: number; headers: IDataObject; body: string } {
		this.requests.push({ method: String(options.method), url: options.url, body: String(options.body ?? ''), credentialType });
		const endpoint = options.url.split('/').pop() as 'reply.php' | 'delivery.php';
		const failure = this.failNext[endpoint];
		if (failure !== undefined) {
			delete this.failNext[endpoint];
			return { statusCode: failure, headers: { 'content-type': 'text/html' }, body: 'Service Unavailable' };
		}
		const result = `<result>${this.result}</result><errortext>${this.result === '0000' ? 'Success' : 'Invalid credentials'}</errortext>`;
		let inner: string;
		if (this.result !== '0000') inner = '';
		else if (endpoint === 'reply.php') {
			inner = `<replies replycount='${this.replies.length}'>${this.replies.map((reply) => `<reply>${fields(reply)}</reply>`).join('')}</replies>`;
			if (this.readOnce) this.replies = [];
		} else if (endpoint === 'delivery.php') {
			inner = `<dlrs dlrcount='${this.reports.length}'>${this.reports.map((report) => `<dlr>${fields(report)}</dlr>`).join('')}</dlrs>`;
			if (this.readOnce) this.reports = [];
		} else {
			throw new Error(`unexpected endpoint ${options.url}`);
		}
		return {
			statusCode: 200,
			headers: { 'content-type': 'application/xml' },
			body: `<?xml version='1.0' encoding='UTF-8' ?><xml>${inner}${result}</xml>`,
		};
	}
}

export const CLICKSEND_CREDENTIALS = { username: 'testuser101', apiKey: 'KEY-0123', baseUrl: 'http://sandbox.test:4010' };

export function fakePollContext(options: {
	server: FakeClickSend;
	staticData?: IDataObject;
	parameters?: IDataObject;
	mode?: 'trigger' | 'manual';
}): { context: IPollFunctions; staticData: IDataObject } {
	const staticData = options.staticData ?? {};
	const parameters: IDataObject = { events: ['inbound', 'status'], statusFilter: [], ...options.parameters };
	const context = {
		getNode: () => NODE,
		getMode: () => options.mode ?? 'trigger',
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async (name: string) => {
			if (name !== 'clickSendApi') throw new Error(`no credentials for ${name}`);
			return CLICKSEND_CREDENTIALS;
		},
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error('the poller keeps its state per node');
			return staticData;
		},
		helpers: {
			returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })),
			async httpRequestWithAuthentication(this: unknown, credentialType: string, requestOptions: IHttpRequestOptions) {
				return options.server.respond(requestOptions, credentialType);
			},
		},
	};
	return { context: context as unknown as IPollFunctions, staticData };
}
