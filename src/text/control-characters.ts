/**
 * The characters a terminal acts on instead of showing: C0 controls, DEL, C1 controls, line and
 * paragraph separators, bidirectional embeddings, overrides and isolates. Shared by the CLI's
 * escaping (src/cli/terminal-text.ts) and the intake's refusal of titles and authors holding one.
 */

export const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, but tab and newline are allowed: for text shown as several lines (a failure message). */
export const UNSAFE_IN_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw (it escapes only U+0000-U+001F). */
export const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/** `\x1b`, `\n`, `\u202e`: how a control character is shown. */
export function visible(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The first control character in `text`, where it is and how it is shown; null when there is none. */
export function firstControlCharacter(text: string): { readonly index: number; readonly shown: string } | null {
  const match = new RegExp(UNSAFE.source).exec(text);
  return match === null ? null : { index: match.index, shown: visible(match[0]) };
}
