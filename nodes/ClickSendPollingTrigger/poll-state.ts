import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import type { SmsEvent } from '../../gateways/events';
import { eventJson } from '../shared/output';

/*
 * What the ClickSend poller keeps between polls, in the node's static data (n8n saves it to the database
 * with every emitted execution, so it survives restarts and is shared by whichever process polls).
 *
 * ClickSend's reply.php and delivery.php return "all unread results" and mark them read: the provider
 * holds the real cursor, and a record comes back once. Two things can still go wrong, and the state
 * covers both:
 * - Gaps: a poll reads replies (now marked read at ClickSend) and then fails on delivery.php. What was
 *   read is parked in `pending` before the next request is made, and goes out with the next poll.
 * - Duplicates: a record that comes back anyway (a proxy, a retried request, a provider that does not
 *   mark records read) is recognised by its key in `seen`, a bounded first-in-first-out list of hashes.
 *   A reply without an id or timestamp has no identity: a second identical "Yes" from the same phone is a
 *   new message, so such replies are never dropped as duplicates.
 */

/** How many event keys are remembered; reply.php and delivery.php return unread records only, so a
 * duplicate can only come back within a short window. 16 hex digits per key keeps this under 40 kB. */
export const SEEN_LIMIT = 2000;

export interface PollState {
	seen: string[];
	pending: IDataObject[];
}

function stringList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function recordList(value: unknown): IDataObject[] {
	return Array.isArray(value)
		? value.filter((entry): entry is IDataObject => entry !== null && typeof entry === 'object' && !Array.isArray(entry))
		: [];
}

/** The state inside the node's static data; anything unreadable there starts empty rather than failing. */
export function readPollState(staticData: IDataObject): PollState {
	return { seen: stringList(staticData.seen), pending: recordList(staticData.pending) };
}

export function writePollState(staticData: IDataObject, state: PollState): void {
	staticData.seen = state.seen.slice(-SEEN_LIMIT);
	staticData.pending = state.pending;
}

function hash(parts: Array<string | null | undefined>): string {
	return createHash('sha256')
		.update(JSON.stringify(parts))
		.digest('hex')
		.slice(0, 16);
}

/**
 * The identity of an event, or null when it has none. A delivery report is its message and status: the
 * same status reported twice says nothing new. A reply is its message id, or failing that its contents
 * together with its timestamp.
 */
export function eventKey(event: SmsEvent): string | null {
	if (event.type === 'message.status') {
		return hash(['status', event.messageId, event.providerCode, event.providerDescription, event.state, event.timestamp]);
	}
	if (event.messageId) return hash(['inbound-id', event.messageId]);
	if (event.timestamp) return hash(['inbound', event.from, event.to, event.text, event.inReplyTo, event.timestamp]);
	return null;
}

/** Park the events not seen before in `pending` and remember their keys; returns how many were new. */
export function admit(state: PollState, events: SmsEvent[]): number {
	const seen = new Set(state.seen);
	let admitted = 0;
	for (const event of events) {
		const key = eventKey(event);
		if (key !== null && seen.has(key)) continue;
		if (key !== null) {
			seen.add(key);
			state.seen.push(key);
		}
		state.pending.push(eventJson(event));
		admitted++;
	}
	if (state.seen.length > SEEN_LIMIT) state.seen.splice(0, state.seen.length - SEEN_LIMIT);
	return admitted;
}

/** Take everything parked for emission. */
export function takePending(state: PollState): IDataObject[] {
	return state.pending.splice(0, state.pending.length);
}
