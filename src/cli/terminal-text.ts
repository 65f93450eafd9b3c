/**
 * Text from proposals and reports (titles, authors, reasons, test names, messages, paths) is
 * printed to a terminal, and a terminal obeys what it reads: ESC starts a sequence that can move
 * the cursor, rewrite earlier lines, retitle the window or (in some terminals) write files; C1
 * controls (U+0080-U+009F) do the same in one character; bidirectional overrides reorder what is
 * shown. Every such character is printed as a visible escape instead (`\x1b`, `\u202e`), which
 * also disarms every ANSI sequence, since each one starts with ESC or a C1 control.
 */

import { UNSAFE, UNSAFE_IN_BLOCK, UNSAFE_IN_JSON, visible } from '../text/control-characters.js';

/** One field on one line: every control character escaped, newlines included. */
export function safeLine(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Multi-line text: newlines and tabs kept, every other control character escaped. */
export function safeBlock(text: string): string {
  return text.replace(UNSAFE_IN_BLOCK, visible);
}

/** One JSON document on one line, with nothing a terminal would act on (still valid JSON). */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
