import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

export const NODE: INode = {
	id: '00000000-0000-4000-8000-000000000001',
	name: 'SMS',
	type: '@gatewaykit/n8n-nodes-sms.clickatell',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Reads a parameter the way n8n does for 'collection.field' paths. */
function pick(parameters: IDataObject, name: string): unknown {
	return name.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], parameters);
}

export function fullResponse(statusCode: number, body: string, headers: IDataObject = {}): IN8nHttpFullResponse {
	return { statusCode, body, headers, statusMessage: '' } as unknown as IN8nHttpFullResponse;
}

export interface RecordedRequest {
	credentialType: string;
	options: IHttpRequestOptions;
}

export type FakeServer = (request: IHttpRequestOptions) => IN8nHttpFullResponse | Promise<IN8nHttpFullResponse>;

export interface ExecuteContextOptions {
	/** One parameter set per input item (the node's parameters as n8n resolved them for that item). */
	items: IDataObject[];
	credentials?: IDataObject;
	continueOnFail?: boolean;
	server?: FakeServer;
}

/**
 * The node's parameters as the workflow would store them for these per-item values: a parameter with
 * the same value for every item is stored as that value; one that differs must come from an expression
 * (the node reads those per item, the others once per execution).
 */
function storedParameters(items: IDataObject[]): IDataObject {
	const stored: IDataObject = {};
	const names = new Set(items.flatMap((item) => Object.keys(item)));
	for (const name of names) {
		const values = items.map((item) => JSON.stringify(item[name]));
		stored[name] = values.every((value) => value === values[0]) ? items[0][name] : '={{ $json.perItem }}';
	}
	return stored;
}

/** An IExecuteFunctions for custom operations: parameters per item, credentials, and a fake HTTP helper. */
export function executeContext(options: ExecuteContextOptions): { context: IExecuteFunctions; requests: RecordedRequest[] } {
	const requests: RecordedRequest[] = [];
	const input: INodeExecutionData[] = options.items.map(() => ({ json: {} }));
	const context = {
		getNode: () => ({ ...NODE, parameters: storedParameters(options.items) }),
		getInputData: () => input,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => undefined,
		getCredentials: async () => options.credentials ?? {},
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => pick(options.items[itemIndex] ?? {}, name) ?? fallback,
		helpers: {
			httpRequestWithAuthentication: async (credentialType: string, request: IHttpRequestOptions) => {
				requests.push({ credentialType, options: request });
				if (!options.server) throw new Error('no fake server');
				return await options.server(request);
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, requests };
}

/** Form fields of a recorded request body. */
export function formOf(request: RecordedRequest): URLSearchParams {
	return new URLSearchParams(String(request.options.body ?? ''));
}

/**
 * What n8n's httpRequestWithAuthentication does, reduced to this package's needs: apply the
 * credential's `authenticate` (function form, or the generic Bearer header of the REST credential),
 * then send the request with fetch and hand back the full response.
 */
export function authenticatedFetch(
	authenticate: (data: IDataObject, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>,
	data: IDataObject,
): FakeServer {
	return async (request) => {
		const options = await authenticate(data, { ...request, headers: { ...(request.headers ?? {}) } });
		const url = new URL(options.url);
		for (const [name, value] of Object.entries((options.qs ?? {}) as IDataObject)) url.searchParams.append(name, String(value));
		const body =
			options.body === undefined || typeof options.body === 'string'
				? (options.body as string | undefined)
				: new URLSearchParams(options.body as Record<string, string>).toString();
		const response = await fetch(url, { method: options.method, headers: options.headers as Record<string, string>, body });
		const headers: IDataObject = {};
		response.headers.forEach((value, name) => (headers[name] = value));
		return { statusCode: response.status, headers, body: await response.text(), statusMessage: response.statusText } as unknown as IN8nHttpFullResponse;
	};
}
