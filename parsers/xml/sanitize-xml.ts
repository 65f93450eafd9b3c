/**
 * Makes report text acceptable to xml2js without losing what it said.
 *
 * Real reports carry characters XML 1.0 forbids: ANSI colour codes from captured test output,
 * NUL bytes, form feeds. sax accepts most of them raw but rejects the *escaped* form (`&#x1B;`,
 * `&#27;`, `&#0;`) with "Invalid character entity", which would discard a whole report because
 * of one colour code. So references are rewritten to visible text and raw ones are dropped.
 */

const BYTE_ORDER_MARK = '\uFEFF';

/** Raw characters outside the XML 1.0 `Char` production (tab, LF and CR are allowed). */
const ILLEGAL_RAW_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const NUMERIC_CHAR_REF = /&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));/g;

/** The XML 1.0 `Char` production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * `&#x1B;` becomes the literal text `#x1B`: the spelling pytest's own `bin_xml_escape` uses, so
 * an escape code reads the same whichever tool wrote the report.
 */
function visibleEscape(ref: string, code: number): string {
  // A reference too large to be any character: keep its digits as they were written.
  if (!Number.isSafeInteger(code)) return ref.slice(1, -1);
  return `#x${code.toString(16).toUpperCase().padStart(code <= 0xff ? 2 : 4, '0')}`;
}

export function sanitizeXml(text: string): string {
  const withoutBom = text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text;
  return withoutBom
    .replace(ILLEGAL_RAW_CHARS, '')
    .replace(NUMERIC_CHAR_REF, (ref: string, hex: string | undefined, dec: string | undefined) => {
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10);
      return isXmlChar(code) ? ref : visibleEscape(ref, code);
    });
}
