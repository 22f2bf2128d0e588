/**
 * A code's hint explains what the provider's documentation says the code means. When the provider's own
 * text for this error says something else (a Clickatell 105 reading "Invalid Account Reference" is not
 * about a number's format), that hint would contradict the provider, so a neutral one is given instead.
 * Texts agree when one contains the other once case and punctuation are ignored (issue 11, item 6).
 */

/** Letters and digits only, lower case: 'Invalid Destination Address.' and 'invalid destination address' agree. */
function comparable(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

export interface DocumentedCode {
  code: string;
  /** What the documentation calls the error (one or more wordings). */
  documented: readonly string[];
  hint: string;
}

export function agreeingHint(info: DocumentedCode, providerText: string | null | undefined): string {
  const given = comparable(providerText ?? '');
  if (given === '') return info.hint;
  const agrees = info.documented.some((text) => {
    const documented = comparable(text);
    return documented !== '' && (given.includes(documented) || documented.includes(given));
  });
  if (agrees) return info.hint;
  return `The provider's own text is what applies here: code ${info.code} is documented as "${info.documented[0]}", which this error is not.`;
}
