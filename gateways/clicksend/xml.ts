import { GatewayError, malformedResponse } from '../errors';
import type { Provider } from '../provider';

/**
 * A small, dependency-free XML reader, enough for ClickSend's answers: a declaration (single or double
 * quotes), elements, attributes, text, empty elements, the five predefined entities, character
 * references, CDATA, comments and processing instructions. No namespaces, no DTDs.
 * It is iterative (no recursion), so deep nesting cannot overflow the stack, and it refuses input beyond
 * size and depth limits. Anything that is not well-formed is a GatewayError 'MALFORMED_RESPONSE'.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (text nodes and CDATA directly inside it, joined), entities decoded, untrimmed. */
  text: string;
}

export interface XmlLimits {
  /** Longest input in characters (default 16 Mi). */
  maxLength?: number;
  /** Deepest element nesting (default 64). */
  maxDepth?: number;
  /** Most elements in a document (default 1,000,000). */
  maxElements?: number;
}

const DEFAULT_LIMITS: Required<XmlLimits> = { maxLength: 16 * 1024 * 1024, maxDepth: 64, maxElements: 1_000_000 };

const NAME = /[\p{L}_:][\p{L}\p{N}_:.\-]*/uy;
const WHITESPACE = /[ \t\r\n]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function invalidXml(provider: Provider, problem: string): GatewayError {
  return malformedResponse(provider, `invalid XML: ${problem}`);
}

/**
 * Decode entity and character references. Servers sometimes send a bare '&' or an HTML entity such as
 * &nbsp;: those are kept literally rather than failing the whole answer.
 */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#[xX][0-9A-Fa-f]{1,8}|#[0-9]{1,10}|[A-Za-z]{1,32});/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
    const codePoint = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const valid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return valid ? String.fromCodePoint(codePoint) : whole;
  });
}

/** Parse a whole document into its root element. */
export function parseXml(input: string, provider: Provider = 'clicksend', limits: XmlLimits = {}): XmlElement {
  const { maxLength, maxDepth, maxElements } = { ...DEFAULT_LIMITS, ...limits };
  if (typeof input !== 'string') throw invalidXml(provider, 'the response is not text');
  if (input.length > maxLength) throw invalidXml(provider, `the response is longer than ${maxLength} characters`);
  const source = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const length = source.length;
  const fail = (problem: string, at: number): never => {
    throw invalidXml(provider, `${problem} at position ${at}`);
  };

  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  let pos = 0;

  const skipWhitespace = (): void => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(source);
    pos = WHITESPACE.lastIndex;
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(source);
    if (match === null) return fail('expected a name', pos);
    pos = NAME.lastIndex;
    return match[0];
  };
  const skipPast = (terminator: string, what: string): number => {
    const end = source.indexOf(terminator, pos);
    if (end < 0) return fail(`unterminated ${what}`, pos);
    const start = pos;
    pos = end + terminator.length;
    return start;
  };
  const appendText = (value: string, at: number): void => {
    const current = stack[stack.length - 1];
    if (current === undefined) {
      if (value.trim() !== '') fail('text outside the root element', at);
      return;
    }
    current.text += value;
  };

  while (pos < length) {
    const lt = source.indexOf('<', pos);
    if (lt !== pos) {
      const end = lt < 0 ? length : lt;
      const raw = source.slice(pos, end);
      appendText(stack.length > 0 ? decodeEntities(raw) : raw, pos);
      pos = end;
      continue;
    }

    if (source.startsWith('<?', pos)) {
      // XML declaration or processing instruction: nothing we need from it.
      pos += 2;
      skipPast('?>', 'declaration');
    } else if (source.startsWith('<!--', pos)) {
      pos += 4;
      skipPast('-->', 'comment');
    } else if (source.startsWith('<![CDATA[', pos)) {
      const at = pos;
      if (stack.length === 0) fail('CDATA outside the root element', at);
      pos += 9;
      const start = skipPast(']]>', 'CDATA section');
      appendText(source.slice(start, pos - 3), at);
    } else if (source.startsWith('<!DOCTYPE', pos)) {
      const at = pos;
      if (root !== null || stack.length > 0) fail('DOCTYPE after the root element started', at);
      pos += 9;
      const start = skipPast('>', 'DOCTYPE');
      // An internal subset could declare entities; we do not expand them, so we refuse it.
      if (source.slice(start, pos).includes('[')) fail('DOCTYPE with an internal subset is not supported', at);
    } else if (source.startsWith('</', pos)) {
      const at = pos;
      pos += 2;
      const name = readName();
      skipWhitespace();
      if (source[pos] !== '>') fail(`expected '>' to close </${name}`, pos);
      pos += 1;
      const open = stack.pop();
      if (open === undefined) fail(`closing tag </${name}> without an open element`, at);
      else if (open.name !== name) fail(`closing tag </${name}> does not match <${open.name}>`, at);
    } else {
      const at = pos;
      pos += 1;
      if (root !== null && stack.length === 0) fail('more than one root element', at);
      const name = readName();
      const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
      let selfClosing = false;
      for (;;) {
        const before = pos;
        skipWhitespace();
        if (source.startsWith('/>', pos)) {
          pos += 2;
          selfClosing = true;
          break;
        }
        if (source[pos] === '>') {
          pos += 1;
          break;
        }
        if (pos === before) fail(`expected white space, '>' or '/>' in <${name}>`, pos);
        const attribute = readName();
        skipWhitespace();
        if (source[pos] !== '=') fail(`expected '=' after attribute ${attribute}`, pos);
        pos += 1;
        skipWhitespace();
        const quote = source[pos];
        if (quote !== '"' && quote !== "'") fail(`expected a quoted value for attribute ${attribute}`, pos);
        pos += 1;
        const start = skipPast(quote, `value of attribute ${attribute}`);
        const value = source.slice(start, pos - 1);
        if (value.includes('<')) fail(`'<' in the value of attribute ${attribute}`, start);
        if (Object.prototype.hasOwnProperty.call(attributes, attribute)) fail(`duplicate attribute ${attribute}`, start);
        attributes[attribute] = decodeEntities(value);
      }
      elements += 1;
      if (elements > maxElements) fail(`more than ${maxElements} elements`, at);
      if (stack.length >= maxDepth) fail(`elements nested deeper than ${maxDepth} levels`, at);
      const element: XmlElement = { name, attributes, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = element;
      else parent.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }

  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is not closed`, length);
  if (root === null) fail('no root element', 0);
  return root as XmlElement;
}

// ---------------------------------------------------------------------------------------------------
// Lookups: element and attribute names are compared without case (servers differ in spelling).

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The first child element with this name. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => same(child.name, name));
}

/** All child elements with this name, in document order. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => same(child.name, name));
}

/** The text of the first child with this name, untrimmed; undefined when there is no such child. */
export function childText(element: XmlElement, name: string): string | undefined {
  return childElement(element, name)?.text;
}

export function attribute(element: XmlElement, name: string): string | undefined {
  const key = Object.keys(element.attributes).find((candidate) => same(candidate, name));
  return key === undefined ? undefined : element.attributes[key];
}

/** The leaf children of an element as a flat record (first occurrence of each name wins). */
export function leafRecord(element: XmlElement): Record<string, string> {
  const record: Record<string, string> = {};
  for (const child of element.children) {
    if (child.children.length > 0) continue;
    if (!Object.prototype.hasOwnProperty.call(record, child.name)) {
      Object.defineProperty(record, child.name, { value: child.text, enumerable: true, writable: true, configurable: true });
    }
  }
  return record;
}
