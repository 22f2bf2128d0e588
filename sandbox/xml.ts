import { escapeXml } from './wire';

/**
 * The two XML shapes the REST API needs. Requests: `<request><data><field>value</field>...</data></request>`
 * (a field repeated, like `<to>`, becomes a list). Responses: `<response>` with nested elements, lists
 * as repeated elements, booleans as 1/0 (spec: `<accepted>1</accepted>`, `<routable>1</routable>`).
 * The sandbox has its own small reader: it plays the provider's side and uses no client parser.
 */

export type RequestFields = Record<string, string | string[]>;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(raw: string): string | null {
  let bad = false;
  const text = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9A-Fa-f]{1,6}|#\d{1,7}|[A-Za-z]+);|[&<]/g, (whole, cdata: string | undefined, ref: string | undefined) => {
    if (cdata !== undefined) return cdata;
    if (ref === undefined) {
      bad = true;
      return whole;
    }
    if (ref[0] !== '#') return ENTITIES[ref] ?? ((bad = true), whole);
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) return ((bad = true), whole);
    return String.fromCodePoint(code);
  });
  return bad ? null : text;
}

/** Fields of a REST request in XML, or null when it is not the expected well-formed shape. */
export function readRequestXml(source: string): RequestFields | null {
  // The prolog may be anything `<?...?>` (the spec's own example writes `<?xml version "1.0"?>`), and comments are skipped.
  let rest = source.replace(/^\uFEFF/, '').replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '').trim();
  const open = (name: string): boolean => {
    const match = new RegExp(`^<${name}(?:\\s[^<>]*)?>`).exec(rest);
    if (!match) return false;
    rest = rest.slice(match[0].length).trim();
    return true;
  };
  const close = (name: string): boolean => {
    const match = new RegExp(`^</${name}\\s*>`).exec(rest);
    if (!match) return false;
    rest = rest.slice(match[0].length).trim();
    return true;
  };
  if (!open('request') || !open('data')) return null;
  const fields: RequestFields = {};
  const element = /^<([A-Za-z_][\w.-]*)(?:\s[^<>]*?)?(?:\/>|>((?:[^<]|<!\[CDATA\[[\s\S]*?\]\]>)*)<\/\1\s*>)/;
  while (!rest.startsWith('</')) {
    const match = element.exec(rest);
    if (!match) return null;
    const value = decodeText(match[2] ?? '');
    if (value === null) return null;
    const name = match[1];
    const previous = fields[name];
    fields[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    rest = rest.slice(match[0].length).trim();
  }
  if (!close('data') || !close('request') || rest !== '') return null;
  return fields;
}

function render(name: string, value: unknown, indent: string): string {
  if (Array.isArray(value)) return value.map((item) => render(name, item, indent)).join('');
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .map(([child, childValue]) => render(child, childValue, `${indent}  `))
      .join('');
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  const text = typeof value === 'boolean' ? (value ? '1' : '0') : value === null ? '' : String(value);
  return `${indent}<${name}>${escapeXml(text)}</${name}>\n`;
}

/** A REST response body in XML: the same object the JSON answer carries, under `<response>`. */
export function toResponseXml(value: Record<string, unknown>): string {
  return `<?xml version="1.0"?>\n${render('response', value, '')}`;
}
