/**
 * A failed test's message without its stack: jest's failureMessages hold the error text, then
 * "    at …" frames. The text can span lines ("Expected: 5 / Received: 4"), so it is kept whole.
 */
import { clipMessage } from '../junit/outcome-message.js';
import { stripAnsi } from './strip-ansi.js';

const STACK_FRAME = /^\s+at /;

export function failureMessage(messages: readonly string[]): string | null {
  const [first] = messages;
  if (first === undefined) return null;
  const lines = stripAnsi(first).split(/\r?\n/);
  const stackStart = lines.findIndex((line) => STACK_FRAME.test(line));
  const text = (stackStart < 0 ? lines : lines.slice(0, stackStart)).join('\n');
  return clipMessage(text);
}
