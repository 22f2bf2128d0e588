import { clickSendResult } from '../gateways/codes/clicksend-results';
import { API_LIMITS } from '../gateways/limits';
import type { SandboxCore } from './core';
import { clickSendHistoryStatus, clickSendReport } from './lifecycle';
import { ClickSendSubmitter, scheduleDelay } from './clicksend-submit';
import type { AccountState } from './state';
import { escapeXml, readParams, type Reply, type RequestContext, textReply, unixSeconds } from './wire';

/**
 * ClickSend HTTP API v2: /http/v2/{send,reply,delivery,history,balance}.php, GET or POST form, XML
 * answers, always HTTP 200: the `<result>` code says what happened (spec "Response Codes").
 */

export const CLICKSEND_ENDPOINTS = ['send.php', 'reply.php', 'delivery.php', 'history.php', 'balance.php'] as const;

const LIMITS = API_LIMITS.clicksend;

// XML in the spec's own layouts: send.php uses double quotes, the other endpoints single quotes.
const SEND_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>';
const PROLOG = "<?xml version='1.0' encoding='UTF-8' ?>";

function xmlAnswer(prolog: string, body: string): Reply {
  // The spec's apiary blueprint labels these answers application/json, but they are XML.
  return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: `${prolog}\n<xml>\n${body}</xml>\n` };
}

function fields(indent: string, values: ReadonlyArray<[string, string]>): string {
  return values.map(([name, value]) => `${indent}<${name}>${escapeXml(value)}</${name}>\n`).join('');
}

function resultFields(indent: string, code: string): string {
  return fields(indent, [
    ['result', code],
    ['errortext', clickSendResult(code).text],
  ]);
}

/** A whole-request failure: the top-level `<result>` the other v2 endpoints use (the spec shows no send.php error). */
export function clickSendError(code: string, send = false): Reply {
  return xmlAnswer(send ? SEND_PROLOG : PROLOG, resultFields('    ', code));
}

type Params = Map<string, string>;

export function handleClickSend(core: SandboxCore, context: RequestContext, endpoint: string): Reply {
  if (context.method !== 'GET' && context.method !== 'POST') return textReply(405, 'Method Not Allowed', { allow: 'GET, POST' });
  const params = readParams(context, true);
  const isSend = endpoint === 'send.php';
  const username = params.get('username')?.trim();
  const key = params.get('key')?.trim();
  if (!username || !key) return clickSendError('2006', isSend);
  const account = core.state.findClickSend(username);
  if (!account || account.config.key !== key) return clickSendError('2022', isSend);
  // The spec lists a `banned` test account without a code; the sandbox refuses it like `notactive` (2007).
  if (account.config.status === 'inactive' || account.config.status === 'banned') return clickSendError('2007', isSend);
  switch (endpoint) {
    case 'send.php':
      return send(core, context, params, account);
    case 'reply.php':
      return replies(params, account);
    case 'delivery.php':
      return deliveryReports(core, params, account, context.now);
    case 'history.php':
      return history(core, params, account, context.now);
    case 'balance.php':
      return xmlAnswer(
        PROLOG,
        resultFields('    ', '0000') +
          fields('    ', [
            ['balance', account.balance.toFixed(2)],
            ['type', 'Prepay'],
            ['currency_symbol', '$'],
          ]),
      );
    default:
      return textReply(404, 'Not Found');
  }
}

// send.php --------------------------------------------------------------------------------------------

function send(core: SandboxCore, context: RequestContext, params: Params, account: AccountState): Reply {
  const now = context.now;
  const to = params.get('to') ?? '';
  const recipients = to
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const text = params.get('message') ?? '';
  if (text.trim() === '') return clickSendError('2051', true);
  if (recipients.length === 0) return clickSendError('2015', true);
  // "HTTP POST: up to 1000 ... HTTP GET: less than 100".
  if (recipients.length > (context.method === 'GET' ? LIMITS.maxRecipientsGet : LIMITS.maxRecipientsPerRequest)) return clickSendError('2052', true);

  // "The message to be sent. Maximum 960 characters." The spec names no error for a longer one; the
  // sandbox sends the first 960 and marks the message `truncated` in the inspection API.
  const characters = [...text];
  const body = characters.length > (LIMITS.maxTextChars ?? Infinity) ? characters.slice(0, LIMITS.maxTextChars ?? undefined).join('') : text;
  const senderId = params.get('senderid')?.trim() ?? '';
  const customString = (params.get('customstring') ?? '').slice(0, LIMITS.maxClientReferenceLength);
  const country = (params.get('country') ?? '').trim().toUpperCase();
  const delayMs = scheduleDelay(params.get('schedule'), now);
  const options: Record<string, string | number | boolean> = { method: context.method };
  if (body !== text) options.truncated = true;
  if (country) options.country = country;
  const submitter = new ClickSendSubmitter(core, account, now);
  const price = submitter.textInfo(body).price;
  const results = recipients.map((raw) => submitter.submit({ raw, body, senderId, customString, country, delayMs, options }));

  // Written out directly: a 1000-recipient answer is built per request, so no per-entry arrays.
  const pad = '            ';
  const success = `${pad}<result>0000</result>\n${pad}<errortext>${clickSendResult('0000').text}</errortext>\n${pad}<price>${price.toFixed(4)}</price>\n${pad}<currency_symbol>$</currency_symbol>\n${pad}<currency_type>USD</currency_type>\n`;
  let entries = '';
  for (const result of results) {
    entries += `        <message>\n${pad}<to>${escapeXml(result.to)}</to>\n`;
    entries += result.ok
      ? `${pad}<messageid>${result.message.id}</messageid>\n${success}`
      : `${pad}<messageid></messageid>\n${pad}<result>${result.code}</result>\n${pad}<errortext>${clickSendResult(result.code).text}</errortext>\n`;
    entries += '        </message>\n';
  }
  return xmlAnswer(SEND_PROLOG, `    <messages recipientcount="${results.length}">\n${entries}    </messages>\n`);
}

// reply.php, delivery.php -----------------------------------------------------------------------------

function replies(params: Params, account: AccountState): Reply {
  // "messageid ... If not provided, all unread results will be returned": each reply is returned once.
  const filter = params.get('messageid')?.trim().toUpperCase();
  const taken = account.replies.extract((reply) => !filter || reply.originalmessageid.toUpperCase() === filter);
  const items = taken
    .map(
      (reply) =>
        `        <reply>\n${fields('            ', [
          ['from', reply.from],
          ['message', reply.message],
          ['originalmessage', reply.originalmessage],
          ['originalmessageid', reply.originalmessageid],
          ['originalsenderid', reply.originalsenderid],
          ['customstring', reply.customstring],
          ['username', reply.username],
        ])}        </reply>\n`,
    )
    .join('');
  return xmlAnswer(PROLOG, `    <replies replycount='${taken.length}'>\n${items}    </replies>\n${resultFields('    ', '0000')}`);
}

function deliveryReports(core: SandboxCore, params: Params, account: AccountState, now: number): Reply {
  const filter = params.get('messageid')?.trim().toUpperCase();
  const taken = account.pendingReports.extract((message) => {
    if (filter && message.id !== filter) return false;
    const final = message.steps[message.steps.length - 1];
    return final !== undefined && final.at <= now && core.lifecycle.status(message, now) !== '006';
  });
  const username = account.config.username ?? '';
  const items = taken
    .map((message) => {
      const report = clickSendReport(message, username);
      return `        <dlr>\n${fields('            ', [
        ['messageid', report.messageid],
        ['status', report.status],
        ['status_code', report.status_code],
        ['customstring', report.customstring],
        ['username', report.username],
      ])}        </dlr>\n`;
    })
    .join('');
  return xmlAnswer(PROLOG, `    <dlrs dlrcount='${taken.length}'>\n${items}    </dlrs>\n${resultFields('    ', '0000')}`);
}

// history.php -----------------------------------------------------------------------------------------

/** Most items one history.php answer lists (newest first); the spec describes no paging. */
const HISTORY_LIMIT = 1000;

function history(core: SandboxCore, params: Params, account: AccountState, now: number): Reply {
  const fromEmail = params.get('from_email')?.trim() ?? '';
  const username = account.config.username ?? '';
  const items: Array<{ date: number; values: Array<[string, string]> }> = [];
  // The sandbox has no email-to-SMS: nothing was sent from an email address, so that filter finds nothing.
  if (fromEmail === '') {
    for (const message of core.state.messages.values()) {
      if (message.accountId !== account.id) continue;
      const status = core.lifecycle.status(message, now);
      items.push({
        date: message.createdAt,
        values: [
          ['messageid', message.id],
          ['direction', 'out'],
          ['date', String(unixSeconds(message.createdAt))],
          ['to', message.to],
          ['message', message.text],
          ['status', clickSendHistoryStatus(status)],
          ['senderid', message.from],
          ['schedule', message.scheduledFor === null ? '' : String(unixSeconds(message.scheduledFor))],
          ['customstring', message.clientReference],
          ['from_email', ''],
          ['username', username],
        ],
      });
    }
    for (const inbound of account.inbound.toArray()) {
      items.push({
        date: inbound.receivedAt,
        values: [
          ['messageid', inbound.id],
          ['direction', 'in'],
          ['date', String(unixSeconds(inbound.receivedAt))],
          ['to', inbound.to],
          ['message', inbound.text],
          ['status', 'Received'],
          ['senderid', inbound.from],
          ['schedule', ''],
          ['customstring', inbound.inReplyTo ? (core.state.messages.get(inbound.inReplyTo)?.clientReference ?? '') : ''],
          ['from_email', ''],
          ['username', username],
        ],
      });
    }
  }
  const newest = items.sort((a, b) => a.date - b.date).slice(-HISTORY_LIMIT);
  const body = newest.map((item) => `        <item>\n${fields('            ', item.values)}        </item>\n`).join('');
  // As in the spec's example, result and errortext sit inside <history>.
  return xmlAnswer(PROLOG, `    <history historycount='${newest.length}'>\n${body}${resultFields('        ', '0000')}    </history>\n`);
}
