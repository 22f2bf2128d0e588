import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BulkItem } from '../../gateways/bulk/planner';
import { invalidInput } from '../../gateways/errors';
import type { SendOptions, UnicodeMode } from '../../gateways/gateway';
import { splitRecipients } from '../../gateways/text/numbers';
import { SENDING_PARAMETER } from './bulkSend';

/** Option parameter names that are SendOptions fields of the given kind (parameters use the same names). */
const TEXT_OPTIONS = ['from', 'clientReference', 'udh', 'country'] as const;
const NUMBER_OPTIONS = [
	'callback',
	'maxParts',
	'deliveryDelayMinutes',
	'validityMinutes',
	'priorityQueue',
	'maxCredits',
	'requiredFeatures',
] as const;
const FLAG_OPTIONS = ['mo', 'flash', 'escalate', 'bypassDnc', 'binary'] as const;
const UNICODE_MODES: readonly UnicodeMode[] = ['auto', 'on', 'off'];

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A date-time parameter as a Date. n8n's date picker gives 'YYYY-MM-DDTHH:mm:ss' without an offset,
 * which is read in the n8n server's time zone; expressions may give an ISO string with an offset,
 * a Luxon DateTime (anything with toISO) or a Date.
 */
export function toDate(value: unknown, field: string): Date {
	let date: Date | undefined;
	if (value instanceof Date) date = value;
	else if (typeof value === 'string') date = new Date(value.trim());
	else if (typeof value === 'number') date = new Date(value);
	else if (value !== null && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		date = new Date((value as { toISO: () => string }).toISO());
	}
	if (date === undefined || Number.isNaN(date.getTime())) {
		throw invalidInput(field, 'is not a valid date and time', 'Use the date picker or an ISO 8601 value such as 2030-01-31T09:30:00Z.');
	}
	return date;
}

/**
 * The node's Options collection as SendOptions. Shapes are checked here (naming the field); ranges and
 * what each API supports are checked by the gateways request builders, which know each API's rules.
 */
export function toSendOptions(raw: IDataObject): SendOptions {
	const options: SendOptions = {};
	for (const name of TEXT_OPTIONS) {
		const value = raw[name];
		if (isBlank(value)) continue;
		if (typeof value !== 'string' && typeof value !== 'number') throw invalidInput(`options.${name}`, 'must be text');
		options[name] = String(value).trim();
	}
	for (const name of NUMBER_OPTIONS) {
		const value = raw[name];
		if (isBlank(value)) continue;
		const number = typeof value === 'number' ? value : Number(String(value).trim());
		if (!Number.isFinite(number)) throw invalidInput(`options.${name}`, 'must be a number');
		options[name] = number;
	}
	for (const name of FLAG_OPTIONS) {
		const value = raw[name];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'boolean') throw invalidInput(`options.${name}`, 'must be true or false');
		// false asks for nothing, so it is left out: two items that differ only by an unset flag still batch together.
		if (value) options[name] = true;
	}
	if (!isBlank(raw.unicode)) {
		const unicode = String(raw.unicode) as UnicodeMode;
		if (!UNICODE_MODES.includes(unicode)) throw invalidInput('options.unicode', "must be 'auto', 'on' or 'off'");
		if (unicode !== 'auto') options.unicode = unicode;
	}
	if (!isBlank(raw.scheduledAt)) options.scheduledAt = toDate(raw.scheduledAt, 'options.scheduledAt');
	return options;
}

/** One input item's message: its recipients (split, not yet validated), text and options. */
export function readSendItem(context: IExecuteFunctions, itemIndex: number): BulkItem {
	return sendItemReader(context)(itemIndex);
}

/** True when a parameter as stored in the workflow holds an n8n expression anywhere ('=' first). */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value as IDataObject).some(holdsExpression);
	return false;
}

/**
 * One parameter's value per item, read (and converted) once per execution when the workflow stores it
 * without an expression: it is then the same for every item, and n8n's getNodeParameter would copy and
 * walk it for each of them. Only an expression is read per item. A failure is kept and thrown for every
 * item, as reading it per item would.
 */
function parameterPerItem<T>(context: IExecuteFunctions, name: string, read: (itemIndex: number) => T): (itemIndex: number) => T {
	if (holdsExpression(context.getNode().parameters[name])) return read;
	let cached: { value: T } | { error: unknown } | undefined;
	return () => {
		if (cached === undefined) {
			try {
				cached = { value: read(0) };
			} catch (error) {
				cached = { error };
			}
		}
		if ('error' in cached) throw cached.error;
		return cached.value;
	};
}

/**
 * Reads each input item's message. Items whose text and options are not expressions share one text
 * and one options object, which also lets the bulk planner see at once that they belong together.
 */
export function sendItemReader(context: IExecuteFunctions): (itemIndex: number) => BulkItem {
	const toOf = parameterPerItem(context, 'to', (itemIndex) => splitRecipients(context.getNodeParameter('to', itemIndex), 'to'));
	const textOf = parameterPerItem(context, 'text', (itemIndex) => {
		const text = context.getNodeParameter('text', itemIndex, '');
		if (typeof text !== 'string' || text.trim() === '') throw invalidInput('text', 'the message text is empty');
		return text;
	});
	const optionsOf = parameterPerItem(context, 'options', (itemIndex) => toSendOptions(context.getNodeParameter('options', itemIndex, {}) as IDataObject));
	// The same order of reads (and so of errors) as before: recipients, text, options.
	return (itemIndex) => {
		const to = toOf(itemIndex);
		const text = textOf(itemIndex);
		return { to, text, options: optionsOf(itemIndex) };
	};
}

/** The Bulk Sending settings, shared by both nodes' Send operation. */
export function sendingSettings(displayOptions: INodeProperties['displayOptions'], limits: string): INodeProperties {
	return {
		displayName: 'Bulk Sending',
		name: SENDING_PARAMETER,
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		displayOptions,
		description: `Items that share text and options go out together in multi-recipient requests (${limits})`,
		options: [
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 3,
				description:
					'How often a request is repeated after a failure that proves nothing was sent (HTTP 429 or 503, refused connection). Other failures are never repeated, so no message goes out twice.',
			},
			{
				displayName: 'Parallel Requests',
				name: 'parallelRequests',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 4,
				description: 'Most send requests in flight at the same time',
			},
			{
				displayName: 'Requests per Second',
				name: 'requestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Upper limit on send requests started per second, retries included. 0 means no limit.',
			},
		],
	};
}
