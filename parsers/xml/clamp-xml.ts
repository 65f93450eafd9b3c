/**
 * Cuts over-long attribute values, text runs, CDATA sections and comments out of report XML
 * before sax reads it. sax grows an attribute value one character at a time: a single 10 MB test
 * name took 416 MB to parse (issue 12). What is cut is counted per element and attribute, so the
 * parser can say it in the record. Runs on text that may be malformed: it never validates, and
 * whatever it cannot recognise it leaves for sax to refuse.
 */
import { TEXT_CAPS } from '../caps/text-caps.js';

export interface XmlCut {
  /** Element name, or "" for text outside every element. */
  readonly element: string;
  /** Attribute name, or "#text" for character data (text, CDATA) and "#comment". */
  readonly part: string;
  readonly cap: number;
  readonly count: number;
  /** Length of the longest value cut, before cutting. */
  readonly longest: number;
}

export interface ClampedXml {
  readonly text: string;
  readonly cuts: readonly XmlCut[];
}

/** Identifiers and paths get the name cap; everything else (messages, bodies) the message cap. */
const NAME_LIKE = new Set(['name', 'classname', 'file', 'filename', 'path']);

function capFor(part: string): number {
  return NAME_LIKE.has(part) ? TEXT_CAPS.name : TEXT_CAPS.message;
}

/** Where to cut `text[from, to)` so at most `cap` characters stay, never inside `&…;` or a surrogate pair. */
function cutPoint(text: string, from: number, cap: number, entities: boolean): number {
  let end = from + cap;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  if (entities) {
    const amp = text.lastIndexOf('&', end - 1);
    if (amp >= from && amp > end - 16) {
      const semi = text.indexOf(';', amp);
      if (semi === -1 || semi >= end) end = amp;
    }
  }
  return end;
}

class Clamp {
  private readonly pieces: string[] = [];
  private copiedTo = 0;
  private readonly cuts = new Map<string, { element: string; part: string; cap: number; count: number; longest: number }>();

  constructor(private readonly text: string) {}

  /** Keeps `[from, from+cap)` of the value `[from, to)` and drops the rest. */
  clamp(from: number, to: number, element: string, part: string, entities: boolean): void {
    const cap = capFor(part);
    if (to - from <= cap) return;
    // A comment's prefix may end in "-", and "--->" is not XML: a long comment goes whole.
    const end = part === '#comment' ? from : cutPoint(this.text, from, cap, entities);
    this.pieces.push(this.text.slice(this.copiedTo, end));
    this.copiedTo = to;
    const key = `${element}\u0000${part}`;
    const seen = this.cuts.get(key) ?? { element, part, cap, count: 0, longest: 0 };
    seen.count += 1;
    seen.longest = Math.max(seen.longest, to - from);
    this.cuts.set(key, seen);
  }

  result(): ClampedXml {
    if (this.pieces.length === 0) return { text: this.text, cuts: [] };
    this.pieces.push(this.text.slice(this.copiedTo));
    return { text: this.pieces.join(''), cuts: [...this.cuts.values()] };
  }
}

const NAME_END = /[\s/>=]/;

/** Index of the first character of `text` from `from` matching `pattern`, or the text length. */
function indexOfPattern(text: string, from: number, pattern: RegExp): number {
  for (let i = from; i < text.length; i++) if (pattern.test(text[i] ?? '')) return i;
  return text.length;
}

/** Reads one start tag from `lt`, clamping its attribute values; returns the index after `>` and its name. */
function startTag(text: string, lt: number, clamp: Clamp): { end: number; name: string; selfClosing: boolean } {
  const nameEnd = indexOfPattern(text, lt + 1, NAME_END);
  const name = text.slice(lt + 1, nameEnd);
  let i = nameEnd;
  let attribute = '';
  while (i < text.length) {
    const ch = text[i];
    if (ch === '>') return { end: i + 1, name, selfClosing: text[i - 1] === '/' };
    if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      const valueEnd = close === -1 ? text.length : close;
      clamp.clamp(i + 1, valueEnd, name, attribute, true);
      i = valueEnd + 1;
    } else if (ch !== undefined && !/[\s=/]/.test(ch)) {
      const attrEnd = indexOfPattern(text, i, NAME_END);
      attribute = text.slice(i, attrEnd);
      i = attrEnd;
    } else {
      i++;
    }
  }
  return { end: text.length, name, selfClosing: false };
}

function skipPast(text: string, from: number, terminator: string): number {
  const at = text.indexOf(terminator, from);
  return at === -1 ? text.length : at + terminator.length;
}

export function clampXml(text: string): ClampedXml {
  const clamp = new Clamp(text);
  const open: string[] = [];
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? text.length : lt;
    clamp.clamp(i, textEnd, open.at(-1) ?? '', '#text', true);
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      const end = close === -1 ? text.length : close;
      clamp.clamp(lt + 4, end, open.at(-1) ?? '', '#comment', false);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      const end = close === -1 ? text.length : close;
      clamp.clamp(lt + 9, end, open.at(-1) ?? '', '#text', false);
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      i = skipPast(text, lt + 2, '?>');
    } else if (text.startsWith('<!', lt)) {
      i = skipPast(text, lt + 2, '>');
    } else if (text.startsWith('</', lt)) {
      open.pop();
      i = skipPast(text, lt + 2, '>');
    } else {
      const tag = startTag(text, lt, clamp);
      if (!tag.selfClosing) open.push(tag.name);
      i = tag.end;
    }
  }
  return clamp.result();
}
