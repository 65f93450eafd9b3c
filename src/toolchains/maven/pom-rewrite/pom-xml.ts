/**
 * Just enough XML to edit a POM in place: elements with their offsets in the original text, so a
 * rewrite replaces or removes exact ranges and leaves every other byte (comments, formatting,
 * attributes, encoding) as it was. Comments, CDATA, processing instructions and the doctype are
 * skipped; a POM has no mixed content that matters here. Throws on text it cannot read as XML.
 */

export interface XmlElement {
  readonly name: string;
  /** Offset of '<' of the start tag. */
  readonly start: number;
  /** Offset just past the end tag ('>' of `</name>`, or of `<name/>`). */
  readonly end: number;
  /** Offsets of the content between the tags (equal for an empty element). */
  readonly innerStart: number;
  readonly innerEnd: number;
  readonly children: XmlElement[];
}

export class PomSyntaxError extends Error {
  override readonly name = 'PomSyntaxError';
}

const SKIPPED: ReadonlyArray<readonly [string, string]> = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
  ['<!', '>'],
];

export function parseXml(text: string): XmlElement {
  const root: XmlElement[] = [];
  const stack: { name: string; start: number; innerStart: number; children: XmlElement[] }[] = [];
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    const skipped = SKIPPED.find(([open]) => text.startsWith(open, lt));
    if (skipped !== undefined) {
      const close = text.indexOf(skipped[1], lt + skipped[0].length);
      if (close < 0) throw new PomSyntaxError(`unterminated ${skipped[0]} at offset ${lt}`);
      i = close + skipped[1].length;
      continue;
    }
    const gt = tagEnd(text, lt);
    if (text[lt + 1] === '/') {
      const name = text.slice(lt + 2, gt).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) throw new PomSyntaxError(`unexpected </${name}> at offset ${lt}`);
      const element = { name, start: open.start, end: gt + 1, innerStart: open.innerStart, innerEnd: lt, children: open.children };
      (stack.at(-1)?.children ?? root).push(element);
    } else {
      const selfClosing = text[gt - 1] === '/';
      const name = /^[^\s/>]+/.exec(text.slice(lt + 1, gt))?.[0] ?? '';
      if (name === '') throw new PomSyntaxError(`empty tag at offset ${lt}`);
      if (selfClosing) (stack.at(-1)?.children ?? root).push({ name, start: lt, end: gt + 1, innerStart: gt + 1, innerEnd: gt + 1, children: [] });
      else stack.push({ name, start: lt, innerStart: gt + 1, children: [] });
    }
    i = gt + 1;
  }
  if (stack.length > 0) throw new PomSyntaxError(`<${stack.at(-1)?.name}> is never closed`);
  const [first] = root;
  if (first === undefined || root.length !== 1) throw new PomSyntaxError('expected exactly one root element');
  return first;
}

/** The '>' closing the tag opened at `lt`, outside quoted attribute values. */
function tagEnd(text: string, lt: number): number {
  let quote: string | null = null;
  for (let j = lt + 1; j < text.length; j++) {
    const c = text[j];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  throw new PomSyntaxError(`unterminated tag at offset ${lt}`);
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element === undefined ? [] : element.children.filter((c) => c.name === name);
}

/** The element's text with entities decoded and surrounding space trimmed; null when absent. */
export function textOf(text: string, element: XmlElement | undefined): string | null {
  if (element === undefined) return null;
  return decode(text.slice(element.innerStart, element.innerEnd)).trim();
}

export function childText(text: string, element: XmlElement, name: string): string | null {
  return textOf(text, child(element, name));
}

function decode(raw: string): string {
  return raw
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function encode(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Every element below `element` (depth first), with the chain of names leading to it. */
export function* walk(element: XmlElement, path: readonly string[] = []): Generator<{ element: XmlElement; path: readonly string[] }> {
  for (const c of element.children) {
    const here = [...path, element.name];
    yield { element: c, path: here };
    yield* walk(c, here);
  }
}

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** Applies non-overlapping edits; an edit inside a removed range is dropped with it. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Edit[] = [];
  for (const edit of sorted) {
    const last = kept.at(-1);
    if (last !== undefined && edit.start < last.end) continue;
    kept.push(edit);
  }
  let out = text;
  for (const edit of kept.reverse()) out = out.slice(0, edit.start) + edit.replacement + out.slice(edit.end);
  return out;
}

/** Removes an element with the indentation before it and the line break after, when it stands on its own lines. */
export function removal(text: string, element: XmlElement): Edit {
  let start = element.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = element.end;
  const atLineStart = start === 0 || text[start - 1] === '\n';
  if (atLineStart) {
    while (end < text.length && (text[end] === ' ' || text[end] === '\t' || text[end] === '\r')) end++;
    if (text[end] === '\n') end++;
    else return { start: element.start, end: element.end, replacement: '' };
  } else start = element.start;
  return { start, end, replacement: '' };
}
