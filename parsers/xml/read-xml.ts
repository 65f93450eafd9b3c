/**
 * The one way report XML is read: sanitize, parse with xml2js, refuse what xml2js would
 * silently get wrong. The result is `unknown` on purpose: each format validates it with zod.
 */
import { Parser, type ParserOptions } from 'xml2js';
import { ReportParseError, type ParseResult } from '../report.js';
import { clampXml, type XmlCut } from './clamp-xml.js';
import { sanitizeXml } from './sanitize-xml.js';
import { scanTopLevel } from './scan-top-level.js';

/**
 * Spelled out rather than left to defaults so the shape callers validate cannot drift:
 * - explicitArray: every child element is an array, one zod shape whatever the count;
 * - explicitRoot: `{ rootName: … }`, so callers can say which root they got;
 * - attributes under `$`, text under `_`; an element with neither becomes `''` (emptyTag),
 *   which is falsy, so callers must test presence, never truthiness;
 * - strict: a broken document is an error, not a guess.
 */
const XML2JS_OPTIONS: ParserOptions = {
  strict: true,
  async: false,
  explicitRoot: true,
  explicitArray: true,
  explicitCharkey: false,
  charkey: '_',
  attrkey: '$',
  emptyTag: '',
  mergeAttrs: false,
  explicitChildren: false,
  normalize: false,
  normalizeTags: false,
  trim: false,
  includeWhiteChars: false,
  xmlns: false,
};

/**
 * No report format nests anywhere near this (Java Cobertura, among the deepest, uses 11 levels),
 * while the recursive schemas callers validate with run out of stack at around a thousand.
 */
export const MAX_ELEMENT_DEPTH = 100;

function failure(file: string, reason: string, cause?: unknown): ParseResult<never> {
  return { ok: false, error: new ReportParseError(file, reason, cause === undefined ? undefined : { cause }) };
}

/** sax messages are "Unclosed root tag\nLine: 3\nColumn: 9\nChar: "; keep them on one line. */
function describeSaxError(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  return raw
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== 'Char:')
    .join(', ');
}

export async function readXml(text: string, file: string): Promise<ParseResult<unknown>> {
  const read = await readClampedXml(text, file);
  return read.ok ? { ok: true, value: read.value.document } : read;
}

export interface ClampedDocument {
  readonly document: unknown;
  /** What clampXml cut, for the parser to say in its report. */
  readonly cuts: readonly XmlCut[];
}

/** readXml, plus what was cut to keep the document's strings bounded (see clamp-xml.ts). */
export async function readClampedXml(text: string, file: string): Promise<ParseResult<ClampedDocument>> {
  const clamped = clampXml(sanitizeXml(text));
  const clean = clamped.text;
  if (clean.trim() === '') return failure(file, 'empty report');

  let parsed: unknown;
  try {
    parsed = await new Parser(XML2JS_OPTIONS).parseStringPromise(clean);
  } catch (err) {
    const detail = describeSaxError(err);
    // sax says "Unclosed root tag" when the file simply stops: the usual sign of a killed writer.
    const reason = /unclosed root tag|unexpected end/i.test(detail) ? `truncated XML (${detail})` : `malformed XML (${detail})`;
    return failure(file, reason, err);
  }
  // A document with only a prolog or comments parses to null without an error.
  if (parsed === null || parsed === undefined) return failure(file, 'empty report (no root element)');

  const shape = scanTopLevel(clean);
  if (shape.rootElements > 1) {
    return failure(file, `concatenated XML: ${shape.rootElements} root elements, only one is allowed`);
  }
  if (shape.strayText) return failure(file, 'malformed XML: text outside the root element');
  if (shape.maxDepth > MAX_ELEMENT_DEPTH) {
    return failure(file, `elements nest ${shape.maxDepth} levels deep; no report nests more than ${MAX_ELEMENT_DEPTH}`);
  }
  return { ok: true, value: { document: parsed, cuts: clamped.cuts } };
}
