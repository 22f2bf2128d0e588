import { CLICKATELL_LOCAL_OFFSET_MINUTES } from '../gateways/callbacks/fields';
import type { Provider } from '../gateways/provider';
import { normalizeNumber } from '../gateways/text/numbers';
import { toUcs2Hex } from '../gateways/text/ucs2';
import type { SandboxCore } from './core';
import { pushPortalReply } from './clickatell-portal-callbacks';
import { pushInbound as pushClickSendV3Inbound } from './clicksend-v3-rules';
import { clickatellMoMessageId, clickSendMessageId } from './ids';
import type { SandboxMessage } from './message-store';
import type { AccountState, InboundRecord } from './state';
import { jsonReply, type Reply } from './wire';

/**
 * POST /sandbox/inbound: a handset sends a message (MO), e.g. a reply to one of ours.
 * Body: { provider, from, text, to?, replyTo? (or originalMessageId?), charset?, udh?, account? }.
 * Clickatell accounts get the documented MO callback (api_id, moMsgId, from, to, timestamp, text, and
 * charset/udh when applicable) at their inbound URL; ClickSend accounts get the reply push (from,
 * message, originalmessage, originalmessageid, originalsenderid, customstring, username) and an entry
 * that reply.php returns once.
 */

const PROVIDERS: readonly Provider[] = ['clickatell-http', 'clickatell-rest', 'clickatell-platform', 'clickatell-one', 'clicksend'];

/** The account provider that receives an API's inbound messages: One API replies go to Portal accounts. */
function accountProvider(provider: Provider): Provider {
  return provider === 'clickatell-one' ? 'clickatell-platform' : provider;
}

function isPortal(provider: Provider): boolean {
  return provider === 'clickatell-platform' || provider === 'clickatell-one';
}

class BadInbound {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

function stringField(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw new BadInbound(400, `'${name}' is required`);
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw new BadInbound(400, `'${name}' must be a string`);
  return String(value);
}

export function injectInbound(core: SandboxCore, body: unknown, now: number): Reply {
  try {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadInbound(400, 'the body must be a JSON object');
    const fields = body as Record<string, unknown>;
    const provider = stringField(fields, 'provider', true) as Provider;
    if (!PROVIDERS.includes(provider)) throw new BadInbound(400, `'provider' must be one of ${PROVIDERS.join(', ')}`);
    const replyTo = stringField(fields, 'replyTo', false) ?? stringField(fields, 'originalMessageId', false);
    const original = replyTo ? (core.state.messages.get(replyTo.trim()) ?? core.state.messages.get(replyTo.trim().toLowerCase())) : undefined;
    if (replyTo && !original) throw new BadInbound(404, `no message '${replyTo}' (it may have been evicted from the history)`);
    if (original && original.provider !== provider) throw new BadInbound(400, `message '${replyTo}' was sent through ${original.provider}, not ${provider}`);
    const account = resolveAccount(core, provider, stringField(fields, 'account', false), original);
    const style = provider === 'clicksend' ? 'plus' : 'digits';
    const from = number(stringField(fields, 'from', false) ?? original?.to, style, 'from');
    const toGiven = stringField(fields, 'to', false);
    const defaultTo = original && /^\+?\d+$/.test(original.from) ? original.from : account.config.virtualNumber;
    const to = toGiven !== undefined || defaultTo ? number(toGiven ?? defaultTo, style, 'to') : '';
    const text = stringField(fields, 'text', true)!;
    const charset = stringField(fields, 'charset', false);
    const udh = stringField(fields, 'udh', false);
    const record: InboundRecord = {
      id: provider === 'clicksend' ? clickSendMessageId() : clickatellMoMessageId(),
      provider,
      accountId: account.id,
      from,
      to,
      text,
      charset: charset ?? null,
      receivedAt: now,
      inReplyTo: original?.id ?? null,
    };
    core.state.inbound.push(record);
    const callback =
      provider === 'clicksend'
        ? clickSendReply(core, account, record, original)
        : isPortal(provider)
          ? pushPortalReply(core.callbacks, account, record, original, udh)
          : clickatellMo(core, account, record, udh, now);
    return jsonReply(201, {
      id: record.id,
      provider,
      account: account.id,
      from,
      to,
      inReplyTo: record.inReplyTo,
      callback: callback ? { id: callback.id, url: callback.url, state: callback.state } : null,
      replyQueued: provider === 'clicksend',
    });
  } catch (error) {
    if (error instanceof BadInbound) return jsonReply(error.status, { error: error.message });
    throw error;
  }
}

function resolveAccount(core: SandboxCore, provider: Provider, id: string | undefined, original: SandboxMessage | undefined): AccountState {
  if (id !== undefined) {
    const account = core.state.accounts.get(id);
    if (!account) throw new BadInbound(404, `no account '${id}'`);
    if (account.provider !== accountProvider(provider)) throw new BadInbound(400, `account '${id}' is a ${account.provider} account`);
    return account;
  }
  if (original) return core.state.accounts.get(original.accountId) ?? fail(`the account of message '${original.id}' is gone`);
  return core.state.accountsOf(accountProvider(provider))[0] ?? fail(`no ${provider} account`);
}

function fail(message: string): never {
  throw new BadInbound(404, message);
}

function number(value: string | undefined, style: 'digits' | 'plus', field: string): string {
  if (value === undefined || value.trim() === '') throw new BadInbound(400, `'${field}' is required (no message to reply to)`);
  try {
    return normalizeNumber(value, style, field);
  } catch {
    throw new BadInbound(400, `'${field}' is not a phone number in international format`);
  }
}

/**
 * The MO `timestamp` as the real gateway sends it: 'YYYY-MM-DD HH:MM:SS' in Clickatell's local time
 * (GMT+2, the offset gateways/callbacks reads it at), not unix seconds. Published sample MO callback:
 * `timestamp=2015-02-04+09%3A30%3A36` (HCL volt-mx docs, "Clickatell Inbound Format").
 */
export function clickatellMoTime(now: number): string {
  const local = new Date(now + CLICKATELL_LOCAL_OFFSET_MINUTES * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}

/**
 * Clickatell MO callback. Text that fits ISO-8859-1 (Clickatell's default MO charset) goes as it is;
 * anything else as UCS-2 hex with charset UTF-16BE, as Clickatell delivers Unicode replies. A charset
 * given in the injection is honoured.
 */
function clickatellMo(core: SandboxCore, account: AccountState, record: InboundRecord, udh: string | undefined, now: number) {
  const declared = record.charset?.trim();
  const wide = declared ? /^(ucs-?2|utf-?16(be)?)$/i.test(declared) : [...record.text].some((char) => char.codePointAt(0)! > 0xff);
  const payload: Record<string, string> = {
    api_id: account.config.apiId ?? '',
    moMsgId: record.id,
    from: record.from,
    to: record.to,
    timestamp: clickatellMoTime(now),
    text: wide ? toUcs2Hex(record.text) : record.text,
    charset: declared || (wide ? 'UTF-16BE' : 'ISO-8859-1'),
  };
  if (udh) payload.udh = udh;
  return core.callbacks.send('clickatell-inbound', account, account.config.inboundUrl, payload, record.id);
}

function clickSendReply(core: SandboxCore, account: AccountState, record: InboundRecord, original: SandboxMessage | undefined) {
  const reply = {
    from: record.from,
    message: record.text,
    originalmessage: original?.text ?? '',
    originalmessageid: original?.id ?? '',
    originalsenderid: original?.from ?? '',
    customstring: original?.clientReference ?? '',
    username: account.config.username ?? '',
  };
  account.replies.push(reply);
  // The same record is what REST v3's GET /v3/sms/inbound lists and its inbound rules push.
  account.inbound.push(record);
  pushClickSendV3Inbound(core.callbacks, account, record, original);
  return core.callbacks.send('clicksend-reply', account, account.config.inboundUrl, reply, original?.id ?? null);
}
