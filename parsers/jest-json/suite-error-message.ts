/**
 * The line worth showing from a suite-level message ("● Test suite failed to run" and what
 * follows: a code frame, a stack, sometimes a page of advice). jest's own header is dropped; for
 * a parse failure the advice is skipped and the SyntaxError under "Details:" is taken instead.
 */
import { clipMessage } from '../junit/outcome-message.js';
import { stripAnsi } from './strip-ansi.js';

const HEADER = /^●\s+Test suite failed to run$/;

export function suiteErrorMessage(message: string): string {
  const lines = stripAnsi(message)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !HEADER.test(line));
  const details = lines.indexOf('Details:');
  const first = lines[0] ?? '';
  const chosen = first.startsWith('Jest encountered an unexpected token') && details >= 0 ? (lines[details + 1] ?? first) : first;
  return clipMessage(chosen) ?? 'the test suite failed to run (jest gave no message)';
}
