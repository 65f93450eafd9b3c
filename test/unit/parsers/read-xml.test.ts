import { describe, expect, it } from 'vitest';
import { ReportParseError } from '../../../parsers/report.js';
import { readXml } from '../../../parsers/xml/read-xml.js';
import { sanitizeXml } from '../../../parsers/xml/sanitize-xml.js';
import { scanTopLevel } from '../../../parsers/xml/scan-top-level.js';
import { readFixture } from './fixture.js';

describe('sanitizeXml', () => {
  it('rewrites XML-1.0-illegal character references to the visible #xNN form pytest uses', () => {
    expect(sanitizeXml('<a>&#x1B;[31m &#27; &#0; &#x0000001b; &#8;</a>')).toBe('<a>#x1B[31m #x1B #x00 #x1B #x08</a>');
    expect(sanitizeXml('<a>&#xFFFE; &#xD800; &#99999999999999999999;</a>')).toBe('<a>#xFFFE #xD800 #99999999999999999999</a>');
  });

  it('keeps legal references untouched', () => {
    expect(sanitizeXml('<a>&#9;&#10;&#13;&#65;&#x41;&#x1F600;&amp;&lt;</a>')).toBe('<a>&#9;&#10;&#13;&#65;&#x41;&#x1F600;&amp;&lt;</a>');
  });

  it('strips a byte order mark and raw control characters, keeping tab, LF and CR', () => {
    expect(sanitizeXml('\uFEFF<a b="x\u0000y">\u001b[1mz\u000c\t\r\n</a>')).toBe('<a b="xy">[1mz\t\r\n</a>');
  });
});

describe('scanTopLevel', () => {
  it('counts one root around prolog, doctype, comments and processing instructions', () => {
    const text = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "v>">]>\n<!-- <x> -->\n<r a="1>2"><b/><![CDATA[</r><r>]]></r>\n<!-- end -->\n';
    expect(scanTopLevel(text)).toEqual({ rootElements: 1, strayText: false, maxDepth: 2 });
  });

  it('sees a second root and text after the root', () => {
    expect(scanTopLevel('<a/><b></b>')).toEqual({ rootElements: 2, strayText: false, maxDepth: 1 });
    expect(scanTopLevel('<a></a> trailing')).toEqual({ rootElements: 1, strayText: true, maxDepth: 1 });
  });
});

describe('readXml', () => {
  it('parses with explicit arrays, attributes under $ and empty elements as ""', async () => {
    const result = await readXml('<r><c x="1">t</c><c/><c>u</c></r>', 'r.xml');
    expect(result).toEqual({ ok: true, value: { r: { c: [{ $: { x: '1' }, _: 't' }, '', 'u'] } } });
  });

  it('rejects an empty file, a whitespace-only one and a prolog without a root', async () => {
    for (const text of [readFixture('junit/empty.xml'), ' \n\t ', '<?xml version="1.0"?>\n<!-- nothing -->']) {
      const result = await readXml(text, 'empty.xml');
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toBeInstanceOf(ReportParseError);
        expect(result.error.file).toBe('empty.xml');
        expect(result.error.reason).toMatch(/^empty report/);
      }
    }
  });

  it('reports a truncated file as truncated', async () => {
    const result = await readXml(readFixture('junit/truncated.xml'), 'truncated.xml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toMatch(/^truncated XML \(Unclosed root tag/);
  });

  it('refuses two concatenated documents instead of silently keeping the first', async () => {
    const result = await readXml(readFixture('junit/concatenated.xml'), 'concatenated.xml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('concatenated XML: 2 root elements, only one is allowed');
  });

  it('refuses text after the root element', async () => {
    const result = await readXml('<r/>\ngarbage', 'r.xml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('malformed XML: text outside the root element');
  });

  it('reports other malformed XML with the sax message on one line', async () => {
    const result = await readXml('<r><a></b></r>', 'r.xml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('malformed XML (Unexpected close tag, Line: 0, Column: 10, Char: >)');
  });

  it('reports an internal DTD subset entity as malformed rather than expanding it', async () => {
    const result = await readXml('<!DOCTYPE r [<!ENTITY e "v">]><r>&e;</r>', 'r.xml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toMatch(/^malformed XML \(Invalid character entity/);
  });

  it('refuses absurd nesting before a recursive schema overflows the stack on it', async () => {
    const deep = `${'<s>'.repeat(5000)}<c/>${'</s>'.repeat(5000)}`;
    const result = await readXml(deep, 'deep.xml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('elements nest 5001 levels deep; no report nests more than 100');
    expect((await readXml(`${'<s>'.repeat(99)}<c/>${'</s>'.repeat(99)}`, 'ok.xml')).ok).toBe(true);
  });

  it('accepts a document whose only problem was an illegal character reference', async () => {
    const result = await readXml('<r m="&#x1B;[0m"/>', 'r.xml');
    expect(result).toEqual({ ok: true, value: { r: { $: { m: '#x1B[0m' } } } });
  });
});
