/**
 * With --json a refused input prints the one error view on stdout (exit 2), so a pipeline reading
 * stdout always gets JSON: the object, its stable code, and a message saying what was wrong.
 */
import { expect } from 'vitest';
import { ErrorView } from '../../src/app/views/error-view.js';

export function expectJsonRefusal(stdout: string, code: string, message: RegExp): void {
  const lines = stdout.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  const view = ErrorView.parse(JSON.parse(lines[0] ?? ''));
  expect(view.error.code).toBe(code);
  expect(view.error.message).toMatch(message);
}
