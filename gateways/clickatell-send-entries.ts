import { malformedResponse } from './errors';
import { flag, isObject, text, type Json } from './json-fields';
import type { Provider } from './provider';
import { digitsOf } from './text/numbers';

/**
 * The per-recipient entries of a Clickatell send answer, written the same way by the REST API (its
 * `message` list) and both Portal APIs (their `messages` list): `accepted`, `to`, `apiMessageId` and an
 * error. Each entry is checked (an object, a readable `accepted` flag, an apiMessageId when accepted) and
 * returned as parsed; an empty or missing list is MALFORMED_RESPONSE.
 */
export function checkedSendEntries(provider: Provider, list: unknown[] | null, listName: string, status: number): Json[] {
  if (list === null || list.length === 0) throw malformedResponse(provider, `the response has no '${listName}' list`, status);
  for (let index = 0; index < list.length; index++) {
    const entry = list[index];
    if (!isObject(entry)) throw malformedResponse(provider, `message ${index} is not an object`, status);
    const accepted = flag(entry.accepted);
    if (accepted === null) throw malformedResponse(provider, `message ${index} has no readable 'accepted' flag`, status);
    if (accepted && text(entry.apiMessageId) === null) throw malformedResponse(provider, `message ${index} is accepted without an apiMessageId`, status);
  }
  return list as Json[];
}

/** The number an entry is for, as digits (the text itself when it has none); null when absent. */
export function entryNumber(entry: Json): string | null {
  const to = text(entry.to);
  return to === null ? null : digitsOf(to) || to;
}
