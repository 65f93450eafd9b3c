/**
 * Looks at the outline of a document: how many root elements, whether any text lies outside
 * them, and how deep elements nest.
 *
 * Needed because sax stops at the end of the first root and xml2js then reports success, so two
 * reports written into one file (`cat a.xml b.xml`, an appending reporter) would silently lose
 * every test after the first document. Only call this on text xml2js has already accepted: it
 * skips markup without validating it.
 */

export interface TopLevelShape {
  /** Number of elements opened at depth 0. A well-formed document has exactly one. */
  readonly rootElements: number;
  /** Non-whitespace character data outside every element (before or after the root). */
  readonly strayText: boolean;
  /** Deepest element nesting; the root alone is 1. */
  readonly maxDepth: number;
}

/** Index just past `terminator` searched from `from`, or the text length when it never comes. */
function skipPast(text: string, from: number, terminator: string): number {
  const at = text.indexOf(terminator, from);
  return at === -1 ? text.length : at + terminator.length;
}

/** Index just past the `>` ending a tag that starts at `from`, ignoring `>` inside quoted values. */
function skipTag(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return i + 1;
    }
  }
  return text.length;
}

/** `<!DOCTYPE …>`, including an internal subset in square brackets. */
function skipDoctype(text: string, from: number): number {
  const close = text.indexOf('>', from);
  const bracket = text.indexOf('[', from);
  if (bracket !== -1 && (close === -1 || bracket < close)) {
    return skipPast(text, skipPast(text, bracket, ']'), '>');
  }
  return close === -1 ? text.length : close + 1;
}

export function scanTopLevel(text: string): TopLevelShape {
  let depth = 0;
  let rootElements = 0;
  let strayText = false;
  let maxDepth = 0;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? text.length : lt;
    if (depth === 0 && text.slice(i, textEnd).trim() !== '') strayText = true;
    if (lt === -1) break;

    if (text.startsWith('<!--', lt)) i = skipPast(text, lt + 4, '-->');
    else if (text.startsWith('<![CDATA[', lt)) i = skipPast(text, lt + 9, ']]>');
    else if (text.startsWith('<?', lt)) i = skipPast(text, lt + 2, '?>');
    else if (text.startsWith('<!', lt)) i = skipDoctype(text, lt + 2);
    else if (text.startsWith('</', lt)) {
      i = skipTag(text, lt + 2);
      depth = Math.max(0, depth - 1);
    } else {
      const end = skipTag(text, lt + 1);
      if (depth === 0) rootElements++;
      maxDepth = Math.max(maxDepth, depth + 1);
      // `<a/>` opens and closes in one tag.
      if (text[end - 2] !== '/') depth++;
      i = end;
    }
  }
  return { rootElements, strayText, maxDepth };
}
