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
      if ('totalPrice' in event && Array.isArray(event.messages)) {
        // A ClickSend REST v3 price estimate (POST /sms/price): the total and what each recipient would cost.
        const each = event.messages.map((entry) => `${entry.to} ${entry.ok ? entry.price : entry.status}`).join(', ');
        return `price estimate ${event.totalPrice}${event.currency ? ` ${event.currency}` : ''} (${each})`;
      }
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

/**
 * One n8n output item (the json of an item) as text: the package's event model, or an error item as
 * Continue On Fail leaves it (error text, the provider's code, the field at fault).
 */
function describeN8nItem(json) {
  if (json && typeof json.error === 'string' && json.error) {
    const field = json.field ? ` (field ${json.field}${json.to ? ` = ${json.to}` : ''})` : '';
    return `error${json.providerCode ? ` ${json.providerCode}` : ''}: ${json.error.replace(/^GatewayError: /, '')}${field}`;
  }
  if (json && json.redeemed !== undefined) return `voucher redeemed: ${json.redeemed ? `+${json.value}` : 'no'}`;
  return describeEvent(json);
}

/**
 * The lines for one node of an n8n execution: its items described one per line (up to `max`), or, for a
 * large output, a count per kind ("1000 items: 1000 sent").
 */
function describeN8nNode(node, max = 3) {
  if (node.error) return [`${node.name}: stopped with ${node.error.message || JSON.stringify(node.error)}`];
  const items = node.items;
  if (items.length === 0) return [`${node.name}: no items`];
  if (items.length > 10) {
    const kinds = new Map();
    for (const json of items) {
      const kind = typeof json.error === 'string' && json.error ? `error ${json.providerCode || ''}`.trim() : json.type ? String(json.type).replace(/^message\./, '') : '';
      kinds.set(kind, (kinds.get(kind) || 0) + 1);
    }
    const described = [...kinds].filter(([kind]) => kind !== '').map(([kind, count]) => `${count} ${kind}`);
    return [`${node.name}: ${items.length} items${described.length > 0 ? `: ${described.join(', ')}` : ''}`];
  }
  const lines = items.slice(0, max).map((json, index) => `${index === 0 ? `${node.name}: ` : ' '.repeat(node.name.length + 2)}${describeN8nItem(json)}`);
  if (items.length > max) lines.push(`${' '.repeat(node.name.length + 2)}… and ${items.length - max} more`);
  return lines;
}

module.exports = { describeEvent, describeTapped, describeN8nItem, describeN8nNode, shortId };
