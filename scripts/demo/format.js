'use strict';
// Readable one-liners for what the demo's flows produce (the package's event model, balances, errors).

function shortId(id) {
  if (!id) return '-';
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

function describeEvent(event) {
  if (!event || typeof event !== 'object') return JSON.stringify(event);
  switch (event.type) {
    case 'message.sent': {
      const details = [`id ${shortId(event.messageId)}`];
      if (event.encoding) details.push(event.encoding);
      if (event.parts != null) details.push(`${event.parts} part${event.parts === 1 ? '' : 's'}`);
      if (event.clientReference) details.push(`ref ${event.clientReference}`);
      return `sent to ${event.to}${event.text && !event.encoding ? ` "${event.text}"` : ''} (${details.join(', ')})`;
    }
    case 'message.status': {
      const code = event.providerCode ? ` ${event.providerCode}` : '';
      const detail = event.providerDescription ? ` "${event.providerDescription}"` : '';
      return `status of ${shortId(event.messageId)}: ${event.state}${code}${detail}${event.final ? ' (final)' : ''}${event.charge != null ? `, charge ${event.charge}` : ''}`;
    }
    case 'message.inbound':
      return `inbound from ${event.from}: "${event.text}"${event.inReplyTo ? ` (reply to ${shortId(event.inReplyTo)})` : ''}`;
    default:
      if ('balance' in event) {
        if (!event.currency) return `balance ${event.balance} credits`;
        return `balance ${event.currency.length === 1 ? `${event.currency}${event.balance}` : `${event.balance} ${event.currency}`}`;
      }
      if ('routable' in event) return `${event.destination} is ${event.routable ? '' : 'not '}routable`;
      return JSON.stringify(event).slice(0, 160);
  }
}

/** One tapped debug message as text lines (a list of events gives one line each, up to a few). */
function describeTapped(message) {
  const lines = [];
  if (message.error) {
    lines.push(`error ${message.error.code || ''}: ${String(message.error.message).replace(/^GatewayError: /, '')}`);
    const hint = message.smsError && message.smsError.hint;
    if (hint && !String(message.error.message).includes(hint)) lines.push(`  hint: ${hint}`);
    return lines;
  }
  const payload = message.payload;
  if (Array.isArray(payload)) {
    const summary = message.bulk
      ? `${message.bulk.accepted} of ${message.bulk.recipients} accepted in ${message.bulk.requests} request${message.bulk.requests === 1 ? '' : 's'}`
      : `${payload.length} entr${payload.length === 1 ? 'y' : 'ies'}`;
    lines.push(summary);
    for (const event of payload.slice(0, 4)) lines.push(`  ${describeEvent(event)}`);
    if (payload.length > 4) lines.push(`  … and ${payload.length - 4} more`);
    for (const failed of message.failed || []) lines.push(`  refused: ${failed.to} (${failed.error.code} ${failed.error.providerText || ''})`);
    return lines;
  }
  lines.push(describeEvent(payload));
  return lines;
}

module.exports = { describeEvent, describeTapped, shortId };
