/**
 * Pairing a ClickSend send answer's per-message entries with the recipients asked for. Both ClickSend APIs
 * (HTTP v2 `<message>`, REST v3 `data.messages[]`) report each recipient with its number, +E.164 even for a
 * local number sent with `country`, in an order they do not promise.
 */

function digits(value: string): string {
  return value.replace(/\D/g, '');
}

/**
 * Pair each requested recipient with its `<message>`: by the same digits first, then (for local numbers
 * sent with `country`, which come back with the country code) by a reported number ending in the local
 * digits, then by position when exactly as many entries as recipients are left over.
 */
export function pairResults<T extends { to: string | null }>(recipients: readonly string[], results: readonly T[]): Array<T | undefined> {
  const used = new Set<number>();
  const pairs: Array<T | undefined> = recipients.map(() => undefined);
  const pass = (matches: (recipient: string, reported: string) => boolean): void => {
    recipients.forEach((recipient, r) => {
      if (pairs[r] !== undefined) return;
      const index = results.findIndex((result, i) => !used.has(i) && result.to !== null && matches(recipient, result.to));
      if (index < 0) return;
      used.add(index);
      pairs[r] = results[index];
    });
  };
  pass((recipient, reported) => digits(recipient) === digits(reported));
  pass((recipient, reported) => {
    const local = digits(recipient).replace(/^0+/, '');
    return !recipient.startsWith('+') && local.length >= 3 && digits(reported).endsWith(local);
  });
  const leftRecipients = pairs.flatMap((pair, r) => (pair === undefined ? [r] : []));
  const leftResults = results.flatMap((_, i) => (used.has(i) ? [] : [i]));
  if (leftRecipients.length > 0 && leftRecipients.length === leftResults.length) {
    leftRecipients.forEach((r, k) => {
      pairs[r] = results[leftResults[k]];
    });
  }
  return pairs;
}
