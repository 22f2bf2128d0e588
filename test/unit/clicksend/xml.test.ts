import fc from 'fast-check';
import { GatewayError } from '../../../gateways/errors';
import { attribute, childElement, childElements, childText, decodeEntities, leafRecord, parseXml, type XmlElement } from '../../../gateways/clicksend/xml';
import { BALANCE_RESPONSE, REPLY_RESPONSE, SEND_RESPONSE } from './fixtures';
import { thrown } from './helpers';

function malformed(input: string, limits?: Parameters<typeof parseXml>[2]): string {
  const error = thrown(() => parseXml(input, 'clicksend', limits));
  expect(error.code).toBe('MALFORMED_RESPONSE');
  expect(error.provider).toBe('clicksend');
  return error.providerText ?? '';
}

/** The tree without whitespace-only text, for compact comparisons. */
function shape(element: XmlElement): unknown {
  const text = element.text.trim();
  return {
    name: element.name,
    ...(Object.keys(element.attributes).length > 0 ? { attributes: { ...element.attributes } } : {}),
    ...(element.children.length > 0 ? { children: element.children.map(shape) } : {}),
    ...(text !== '' ? { text } : {}),
  };
}

describe('parseXml: what ClickSend sends', () => {
  it('reads the send example (double-quoted declaration and attribute)', () => {
    const root = parseXml(SEND_RESPONSE);
    expect(root.name).toBe('xml');
    const messages = childElement(root, 'messages')!;
    expect(attribute(messages, 'recipientcount')).toBe('1');
    const message = childElements(messages, 'message');
    expect(message).toHaveLength(1);
    expect(leafRecord(message[0])).toEqual({
      to: '+61411111111',
      messageid: '32794C10-F9CA-4E17-ABEC-F2F764EEC922',
      result: '0000',
      errortext: 'Success',
      price: '0.0282',
      currency_symbol: '$',
      currency_type: 'USD',
    });
  });

  it('reads single-quoted declarations and attributes (the reply example), with empty elements', () => {
    const root = parseXml(REPLY_RESPONSE);
    const replies = childElement(root, 'replies')!;
    expect(replies.attributes).toEqual({ replycount: '2' });
    expect(childElements(replies, 'reply')).toHaveLength(2);
    expect(childText(childElements(replies, 'reply')[0], 'customstring')).toBe('');
    expect(childText(root, 'result')).toBe('0000');
  });

  it('reads flat documents', () => {
    expect(leafRecord(parseXml(BALANCE_RESPONSE))).toMatchObject({ result: '0000', balance: '125.00', type: 'Prepay', currency_symbol: '$' });
  });

  it('exact tree of a small document', () => {
    expect(shape(parseXml(`<?xml version="1.0"?><a x="1" y='2'><b>t</b><c/><d></d></a>`))).toEqual({
      name: 'a',
      attributes: { x: '1', y: '2' },
      children: [{ name: 'b', text: 't' }, { name: 'c' }, { name: 'd' }],
    });
  });
});

describe('parseXml: text, entities, CDATA, whitespace', () => {
  it('decodes the five entities and character references in text and attributes', () => {
    const root = parseXml(`<m a="&lt;&amp;&gt;&quot;&apos;&#65;&#x42;&#X43;">&lt;b&gt; &amp; &quot;q&quot; &apos;s&apos; &#169; &#x1F600;</m>`);
    expect(root.text).toBe(`<b> & "q" 's' © 😀`);
    expect(root.attributes.a).toBe(`<&>"'ABC`);
  });

  it('keeps a bare & or an unknown entity literally', () => {
    expect(parseXml('<m>Fish & Chips &nbsp; &#0; &#xD800; &bogus</m>').text).toBe('Fish & Chips &nbsp; &#0; &#xD800; &bogus');
    expect(decodeEntities('a &amp;amp; b')).toBe('a &amp; b');
  });

  it('takes CDATA verbatim, markup and entities included', () => {
    expect(parseXml('<m><![CDATA[<b>5 > 3 & "x"</b> &amp;]]></m>').text).toBe('<b>5 > 3 & "x"</b> &amp;');
    expect(parseXml('<m>a<![CDATA[]]>b<![CDATA[c]]></m>').text).toBe('abc');
  });

  it('keeps text untrimmed (message bodies may start with spaces) and allows whitespace around markup', () => {
    const root = parseXml('\uFEFF  \n<?xml version = "1.0" ?>\n<!-- hello -->\n<a >\r\n\t<b  x = "1"  >  two  spaces  </b  >\n</a >\n\n');
    expect(childText(root, 'b')).toBe('  two  spaces  ');
    expect(attribute(childElement(root, 'b')!, 'X')).toBe('1');
  });

  it('skips comments and processing instructions anywhere, and a simple DOCTYPE before the root', () => {
    expect(shape(parseXml('<!DOCTYPE xml><a><!-- c --><?pi x?><b>1</b></a><!-- end -->'))).toEqual({ name: 'a', children: [{ name: 'b', text: '1' }] });
  });

  it('looks up names without case', () => {
    const root = parseXml('<XML><Result>0000</Result></XML>');
    expect(childText(root, 'result')).toBe('0000');
  });

  it('leafRecord keeps the first of repeated names and skips nested elements; __proto__ is a plain key', () => {
    const record = leafRecord(parseXml('<a><x>1</x><x>2</x><n><y/></n><__proto__>p</__proto__></a>'));
    expect(Object.keys(record)).toEqual(['x', '__proto__']);
    expect(record.x).toBe('1');
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });
});

describe('parseXml: malformed input is MALFORMED_RESPONSE', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', '  \n '],
    ['plain text', 'OK: 1234'],
    ['JSON', '{"result":"0000"}'],
    ['HTML error page', '<html><body><p>Bad gateway<br></body></html>'],
    ['unclosed root', '<xml><result>0000</result>'],
    ['unclosed child', '<xml><result>0000</xml>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['closing tag only', '</a>'],
    ['two roots', '<a/><b/>'],
    ['text after the root', '<a/>junk'],
    ['text before the root', 'junk<a/>'],
    ['unquoted attribute', '<a x=1/>'],
    ['attribute without value', '<a x/>'],
    ['duplicate attribute', `<a x="1" x='2'/>`],
    ['< in attribute', '<a x="<"/>'],
    ['unterminated attribute', '<a x="1/>'],
    ['attributes without space', '<a x="1"y="2"/>'],
    ['unterminated tag', '<a'],
    ['bad name', '<1a/>'],
    ['lone <', '<xml>< </xml>'],
    ['unterminated comment', '<a><!-- x</a>'],
    ['unterminated CDATA', '<a><![CDATA[x</a>'],
    ['unterminated declaration', `<?xml version='1.0' <a/>`],
    ['CDATA outside the root', '<![CDATA[x]]><a/>'],
    ['DOCTYPE with internal subset', '<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>'],
    ['DOCTYPE inside the root', '<a><!DOCTYPE a></a>'],
  ])('%s', (_, input) => {
    malformed(input);
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    expect(malformed('<a>'.repeat(100_000))).toContain('nested deeper than 64');
    expect(malformed(`${'<a>'.repeat(65)}${'</a>'.repeat(65)}`)).toContain('nested deeper');
    expect(parseXml(`${'<a>'.repeat(64)}${'</a>'.repeat(64)}`).name).toBe('a');
    expect(malformed(`${'<a>'.repeat(10)}${'</a>'.repeat(10)}`, { maxDepth: 5 })).toContain('nested deeper than 5');
  });

  it('refuses input beyond the size limit and too many elements', () => {
    expect(malformed(`<a>${'x'.repeat(16 * 1024 * 1024)}</a>`)).toContain('longer than');
    expect(malformed('<a>0123456789</a>', { maxLength: 10 })).toContain('longer than 10');
    expect(malformed(`<a>${'<b/>'.repeat(20)}</a>`, { maxElements: 10 })).toContain('more than 10 elements');
  });

  it('refuses a non-string', () => {
    malformed(undefined as unknown as string);
  });
});

describe('parseXml properties', () => {
  const name = fc.string({ unit: fc.constantFrom(...'abcxyzAB_'), minLength: 1, maxLength: 6 });
  const textValue = fc.string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", ']]>', ' ', '\n', 'é', '😀'), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 12 }).map((s) => s.replace(/\r/g, ''));
  type Tree = { name: string; attributes: Record<string, string>; children: Tree[]; text: string };
  const node = (children: fc.Arbitrary<Tree[]>) =>
    fc.record({ name, attributes: fc.dictionary(name, textValue, { maxKeys: 3 }), children, text: textValue });
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'tree' },
      node(fc.constant([])),
      node(fc.array(tie('tree'), { maxLength: 3, depthIdentifier: 'tree' })),
    ),
  }));

  const escape = (value: string, quote: string) =>
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&apos;');

  function serialize(node: Tree, style: number): string {
    const quote = style % 2 === 0 ? '"' : "'";
    const attributes = Object.entries(node.attributes).map(([key, value]) => ` ${key}=${quote}${escape(value, quote)}${quote}`).join('');
    const text = style % 3 === 0 && !node.text.includes(']]>') ? `<![CDATA[${node.text}]]>` : escape(node.text, quote);
    return `<${node.name}${attributes}>${text}${node.children.map((child) => serialize(child, style + 1)).join('')}</${node.name}>`;
  }

  function normalize(node: Tree | XmlElement): unknown {
    return { name: node.name, attributes: { ...node.attributes }, text: node.text, children: node.children.map(normalize) };
  }

  it('reads back any tree it is given, in either quote style, with entities or CDATA', () => {
    fc.assert(
      fc.property(tree, fc.nat(5), fc.boolean(), (root, style, declaration) => {
        const document = `${declaration ? (style % 2 ? "<?xml version='1.0' encoding='UTF-8' ?>\n" : '<?xml version="1.0"?>\n') : ''}${serialize(root, style)}`;
        // fc.dictionary never repeats a key, so every generated element has unique attribute names.
        expect(normalize(parseXml(document))).toEqual(normalize(root));
      }),
      { numRuns: 300 },
    );
  });

  it('throws nothing but GatewayError on arbitrary input', () => {
    const markup = fc.string({ unit: fc.constantFrom('<', '>', '/', 'a', 'b', '"', "'", '=', '&', ';', '#', 'x', ' ', '!', '[', ']', '-', '?', 'CDATA', '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>', '</a>', '<a>'), maxLength: 60 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), markup), (input) => {
        try {
          parseXml(input);
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayError);
          expect((error as GatewayError).code).toBe('MALFORMED_RESPONSE');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a cut-off document is never read as complete', () => {
    const document = SEND_RESPONSE.trim();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: document.length - 1 }), (cut) => {
        expect(() => parseXml(document.slice(0, cut))).toThrow(GatewayError);
      }),
    );
  });
});
