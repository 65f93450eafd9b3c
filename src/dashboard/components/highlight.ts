/**
 * A small syntax highlighter of our own for diff lines: strings, comments, numbers and keywords
 * as spans with a class, everything else as escaped text. Per line, no state across lines (a
 * block comment or a multi-line string is coloured only where it starts). The comment marker
 * follows the file's extension.
 */
import { html, type Html } from '../html.js';

const KEYWORDS = new Set(
  'def class return import from function const let var if elif else for while in of new public private protected static void func package end do module require async await try catch except finally raise throw with as pass yield lambda interface type extends implements struct go defer range nil None null undefined true false True False self this and or not'.split(' '),
);
const HASH_COMMENTS = /\.(py|rb|sh|ya?ml|toml|cfg|ini|r|pl|mk)$|(^|\/)(Makefile|Gemfile|Rakefile|Dockerfile)$/;

export function highlight(line: string, file: string): Html {
  const comment = HASH_COMMENTS.test(file) ? '#.*$' : '\\/\\/.*$';
  const token = new RegExp(`("(?:[^"\\\\]|\\\\.)*"?|'(?:[^'\\\\]|\\\\.)*'?|\`[^\`]*\`?)|(${comment})|\\b(\\d+(?:\\.\\d+)?)\\b|\\b([A-Za-z_]\\w*)\\b`, 'g');
  const out: Html[] = [];
  let last = 0;
  for (const m of line.matchAll(token)) {
    const at = m.index;
    const [text, str, com, num, word] = m;
    const cls = str !== undefined ? 'tok-str' : com !== undefined ? 'tok-com' : num !== undefined ? 'tok-num' : word !== undefined && KEYWORDS.has(word) ? 'tok-kw' : null;
    if (cls === null) continue;
    out.push(html`${line.slice(last, at)}<span class="${cls}">${text}</span>`);
    last = at + text.length;
  }
  out.push(html`${line.slice(last)}`);
  return html`${out}`;
}
