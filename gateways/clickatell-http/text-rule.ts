import { gsm7Septets } from '../text/encoding';
import type { Alphabet } from '../text/segments';
import { formEncodeWindows1252, windows1252Byte } from '../text/windows-1252';

/**
 * How the Clickatell legacy HTTP API reads `text` (issue 11, item 7).
 *
 * THE RULE
 * 1. Without `unicode=1`, `text` is single-byte text: each percent-escape is one Windows-1252 byte (for
 *    every character of ISO-8859-1 the byte is the same), not UTF-8. The gateway turns those characters
 *    into the GSM 03.38 alphabet for the handset; a character that alphabet lacks arrives as a close
 *    match or '?', silently.
 * 2. With `unicode=1`, `text` is the message as UCS-2 big-endian hex (4 hex digits per UTF-16 unit).
 * 3. There is no `charset` parameter for sendmsg: the spec names `charset` only on inbound (MO)
 *    callbacks, where the gateway tells the receiver ISO-8859-1 or UTF-16BE.
 * So we send single-byte text only when every character is both in GSM-7 (basic or extension table,
 * so the gateway's conversion loses nothing) and in Windows-1252 (so it has a byte); that is GSM-7
 * without its ten Greek capitals (Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ). Any other text goes as UCS-2 (Unicode
 * 'auto'), or is refused naming the characters (Unicode 'off'). Nothing is ever replaced silently.
 *
 * SOURCES (public, none written here)
 * - Clickatell HTTP API specification (v2.3.0 2007 … v2.5.3 2013; seed summary in
 *   ../shared/specs/clickatell-http-api.md): `text` is URL-encoded; special characters need `unicode=1`
 *   with the text converted to UCS-2 hex; `charset` appears only among the MO callback parameters.
 * - Clickatell support FAQ "Why do some characters take two spaces?" (support.clickatell.com, kbid=121):
 *   its sendmsg example is `text=%C7a+va%2C+mon+%E9l%E8ve%2C+mi+ni%F1a%3F`, single-byte escapes
 *   (%E9 = é), arriving as "Ça va, mon élève, mi niña?".
 * - BenMorel/Clickatell (PHP), src/MessageConverter.php: characters sent without Unicode as
 *   Windows-1252 bytes (€ as 0x80), a table the author built by sending every 8-bit code to a handset;
 *   anything else goes as UCS-2 hex with unicode=1. Its comment: other characters "are either replaced
 *   with a close match, or with a question mark".
 * - civicrm/civicrm-core PR #2265 (CRM-14033, merged): "Clickatell expects text in ISO-8859-1 if not in
 *   Unicode mode" (utf8_decode before sending made German umlauts arrive).
 * - pyclickatell (Jacques Marneweck, smsEncode added 2018): escapes é as %E9, £ as %A3 (Latin-1 bytes).
 * - Stack Overflow question 4305334: URL-encoded "ça va! mon élève mi niña?" reached handsets as
 *   " a va! mon l ve mi ni a?". Stack Overflow question 77905667 ("Dynamic unicode message content",
 *   mirrored at techqa.club): "Swifty’s Car" sent to /http/sendmsg arrived as "Swiftya€?s Car", which is
 *   the UTF-8 bytes of ’ (E2 80 99) read as Windows-1252: â→a (close match), 0x80 = €, ™→'?'.
 * - Public clients that send UTF-8 regardless (nyaruka/courier's legacy Clickatell handler) are what
 *   the garbling reports above describe; they are not evidence of what the gateway expects.
 */

/** What the legacy HTTP API carries without `unicode=1`: GSM-7 characters that have a Windows-1252 byte. */
export const CLICKATELL_HTTP_ALPHABET: Alphabet = {
  description: "the Clickatell HTTP API's single-byte text (GSM-7 characters that have a Windows-1252 byte)",
  carries: (char) => gsm7Septets(char) !== 0 && windows1252Byte(char) !== undefined,
};

/** The `text` value of a non-Unicode send, percent-escaped as Windows-1252 bytes (see the rule above). */
export function singleByteTextParam(text: string): string {
  return formEncodeWindows1252(text);
}
