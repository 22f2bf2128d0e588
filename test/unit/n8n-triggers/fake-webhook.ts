import type { IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';

/**
 * Stand-ins for n8n's webhook and hook contexts, shaped like what n8n 2.41 hands a trigger: the Express
 * request with `rawBody` (the bytes as received) and `originalUrl`, lower-case headers, an Express-like
 * response, node parameters with their defaults, and decrypted credentials. n8n's own trigger tests
 * (TwilioTrigger.node.test.ts) fake IWebhookFunctions the same way.
 */

export interface FakeCallback {
	method?: 'GET' | 'POST';
	/** Path and query as on the request line, e.g. '/webhook/abc/webhook?token=s&apiMsgId=1'. */
	url: string;
	headers?: Record<string, string>;
	/** A string is sent as UTF-8; use a Buffer for other bytes. */
	body?: string | Buffer;
	parameters?: IDataObject;
	credentials?: Record<string, IDataObject>;
	/** Leave rawBody unset on the request, as n8n does before its reader ran. */
	bodyNotYetRead?: boolean;
}

export interface RecordedResponse {
	status: number | null;
	headers: Record<string, string>;
	body: string | null;
}

export const NODE: INode = {
	id: 'node-1',
	name: 'SMS Trigger',
	type: 'CUSTOM.smsTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const DEFAULT_PARAMETERS: IDataObject = {
	api: 'clickatell-http',
	events: ['inbound', 'status'],
	statusFilter: [],
	verification: 'token',
};

export const SECRET = 's3cret-token-0123456789';

export const TOKEN_CREDENTIALS: Record<string, IDataObject> = {
	smsWebhookAuthApi: { secret: SECRET, queryParameter: 'token', user: '' },
};

function parameterReader(parameters: IDataObject | undefined) {
	const values: IDataObject = { ...DEFAULT_PARAMETERS, ...parameters };
	return (name: string, fallback?: unknown) => (name in values ? values[name] : fallback);
}

function credentialReader(credentials: Record<string, IDataObject> | undefined) {
	return async (name: string) => {
		const found = credentials?.[name];
		if (found === undefined) throw new Error(`Node does not have any credentials set for "${name}"`);
		return found;
	};
}

export function fakeWebhookContext(call: FakeCallback): {
	context: IWebhookFunctions;
	response: RecordedResponse;
	rawBodyReads: () => number;
} {
	const method = call.method ?? (call.body === undefined ? 'GET' : 'POST');
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(call.headers ?? {})) headers[name.toLowerCase()] = value;
	const bytes = call.body === undefined ? undefined : Buffer.isBuffer(call.body) ? call.body : Buffer.from(call.body, 'utf8');
	let reads = 0;
	const request: Record<string, unknown> = {
		method,
		originalUrl: call.url,
		url: call.url,
		headers,
		rawBody: call.bodyNotYetRead ? undefined : bytes,
		readRawBody: async () => {
			reads++;
			request.rawBody = bytes;
		},
	};
	const response: RecordedResponse = { status: null, headers: {}, body: null };
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		setHeader(name: string, value: string) {
			response.headers[name.toLowerCase()] = value;
			return res;
		},
		end(body?: string) {
			response.body = body ?? '';
			return res;
		},
	};
	const context = {
		getNode: () => NODE,
		getMode: () => 'webhook',
		getWebhookName: () => (method === 'GET' ? 'setup' : 'default'),
		getNodeParameter: parameterReader(call.parameters),
		getCredentials: credentialReader(call.credentials),
		getRequestObject: () => request,
		getHeaderData: () => headers,
		getQueryData: () => {
			throw new Error('the trigger must read the raw query, not the decoded one');
		},
		getBodyData: () => {
			throw new Error('the trigger must read the raw body, not the decoded one');
		},
		getResponseObject: () => res,
		helpers: {
			returnJsonArray: (items: IDataObject | IDataObject[]) => (Array.isArray(items) ? items : [items]).map((json) => ({ json })),
		},
	};
	return { context: context as unknown as IWebhookFunctions, response, rawBodyReads: () => reads };
}

export function fakeHookContext(options: {
	parameters?: IDataObject;
	credentials?: Record<string, IDataObject>;
	webhookUrl?: string;
	staticData?: IDataObject;
}): { context: IHookFunctions; staticData: IDataObject } {
	const staticData = options.staticData ?? {};
	const context = {
		getNode: () => NODE,
		getNodeParameter: parameterReader(options.parameters),
		getCredentials: credentialReader(options.credentials),
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.com/webhook/abc/webhook',
		getWorkflowStaticData: () => staticData,
	};
	return { context: context as unknown as IHookFunctions, staticData };
}

/** A form body from pairs, encoded as a browser or PHP would (UTF-8). */
export function form(fields: Record<string, string>): string {
	return new URLSearchParams(fields).toString();
}

export const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
export const JSON_TYPE = { 'Content-Type': 'application/json' };

export function basic(user: string, password: string): Record<string, string> {
	return { Authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}` };
}
