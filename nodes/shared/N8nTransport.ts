import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { Provider } from '../../gateways/provider';
import { networkError, type HttpRequest, type HttpResponse, type Transport } from '../../gateways/transport';

/** A context carrying n8n's authenticated HTTP helper (every operation of the nodes is a custom operation). */
export type HttpContext = IExecuteFunctions;

/** A request that has not answered after this long is abandoned (gateways/ classifies it as 'unknown'). */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Runs gateways/ requests through n8n's own HTTP stack (proxy settings, SSRF rules, cancellation, the
 * credential's `authenticate`), so a gateways client works inside n8n exactly as it does on fetch.
 *
 * Every status is handed back to the gateways parsers (ignoreHttpStatusErrors) and bodies always arrive
 * as text (encoding 'text'): the Clickatell HTTP API answers in text lines, ClickSend in XML, and a
 * body that happens to be valid JSON must not be parsed behind the parsers' back.
 */
export class N8nTransport implements Transport {
	constructor(
		private readonly context: HttpContext,
		private readonly credentialType: string,
		private readonly provider: Provider,
		private readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
	) {}

	async send(request: HttpRequest): Promise<HttpResponse> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: { ...request.headers },
			body: request.body,
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.timeoutMs,
		};
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				this.credentialType,
				options,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			// Only the low-level error code travels on: n8n's wrapped error can quote the request, and the
			// request body holds the credentials.
			throw networkError(this.provider, lowLevelError(error));
		}
		return toHttpResponse(response);
	}
}

/** n8n's full response (httpRequest with returnFullResponse) as the gateways parsers read it. */
export function toHttpResponse(response: IN8nHttpFullResponse): HttpResponse {
	return {
		status: Number(response.statusCode),
		headers: lowerCaseHeaders(response.headers),
		body: bodyText(response.body),
	};
}

function lowerCaseHeaders(headers: IDataObject | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return result;
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || value === null) continue;
		result[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
	}
	return result;
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body === undefined || body === null) return '';
	// With encoding 'text' this cannot happen; a parsed object is turned back into its JSON text so the
	// parsers still see what the server sent rather than '[object Object]'.
	if (typeof body === 'object' && !(body instanceof Uint8Array)) return JSON.stringify(body);
	return String(body);
}

/**
 * The first error in a `cause` chain that carries a network code (ECONNREFUSED, ECONNRESET ...), as
 * `{ code }`: gateways' networkError decides from it whether the request can have reached the gateway.
 */
function lowLevelError(error: unknown): unknown {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
		// NodeApiError keeps the axios code as `httpCode` (and, depending on the n8n version, the
		// original error as `cause`).
		const { code, httpCode } = current as { code?: unknown; httpCode?: unknown };
		for (const candidate of [code, httpCode]) {
			if (typeof candidate === 'string' && /^[A-Z][A-Z0-9_]+$/.test(candidate)) return { code: candidate };
		}
		current = (current as { cause?: unknown }).cause;
	}
	return { code: 'UNKNOWN' };
}
