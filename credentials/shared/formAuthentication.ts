import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

function hasHeader(headers: IDataObject | undefined, name: string): boolean {
	return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name);
}

/**
 * Adds form parameters that authenticate a request (the Clickatell HTTP API and ClickSend HTTP v2 both
 * take their credentials as ordinary form fields), unless the request already carries one of the
 * `presentIf` fields: requests built by the gateways clients already hold their authentication (for
 * Clickatell, possibly a session_id instead of the password) and must keep it unchanged.
 *
 * POST bodies are the default place, so credentials stay out of URLs and access logs; GET requests (for
 * example a custom test request) get them in the query string, the only place a GET can carry them.
 *
 * A request with an Authorization header is left alone: ClickSend REST v3 (the same credential) takes
 * username and key as HTTP Basic auth, and its JSON bodies and GET URLs must not gain the key.
 */
export function addFormAuthentication(
	requestOptions: IHttpRequestOptions,
	params: Record<string, string>,
	presentIf: readonly string[],
): IHttpRequestOptions {
	if (hasHeader(requestOptions.headers as IDataObject | undefined, 'authorization')) return requestOptions;
	const method = (requestOptions.method ?? 'GET').toUpperCase();
	if (method === 'GET' || method === 'HEAD') {
		const qs = (requestOptions.qs ?? {}) as IDataObject;
		if (presentIf.some((name) => qs[name] !== undefined)) return requestOptions;
		return { ...requestOptions, qs: { ...qs, ...params } };
	}
	const { body } = requestOptions;
	if (typeof body === 'string') {
		const form = new URLSearchParams(body);
		if (presentIf.some((name) => form.has(name))) return requestOptions;
		for (const [name, value] of Object.entries(params)) form.append(name, value);
		return { ...requestOptions, body: form.toString() };
	}
	if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
		// Not a form (binary or a list): nothing we can add fields to.
		return requestOptions;
	}
	const fields = (body ?? {}) as IDataObject;
	if (presentIf.some((name) => fields[name] !== undefined)) return requestOptions;
	const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
	if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = FORM_CONTENT_TYPE;
	return { ...requestOptions, headers, body: { ...params, ...fields } };
}
