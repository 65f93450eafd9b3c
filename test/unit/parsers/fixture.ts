/** Reads report fixtures from test/fixtures/reports (see the README there for their origin). */
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../../fixtures/reports/', import.meta.url);

export function readFixture(relativePath: string): string {
  return readFileSync(new URL(relativePath, FIXTURES), 'utf8');
}

/**
 * The closing line pytest printed for a fixture run, without the "=" padding and the timing,
 * e.g. "6 failed, 5 passed, 2 skipped, 1 xfailed, 1 xpassed, 3 errors". This is the truth the
 * parsed counts are checked against.
 */
export function pytestSummary(scenario: string): string {
  const lines = readFixture(`pytest/${scenario}/console.txt`).split('\n');
  const closing = lines.filter((line) => /^=+ .* =+$/.test(line)).at(-1) ?? '';
  return closing.replace(/^=+ | =+$/g, '').replace(/ in [\d.]+s$/, '');
}
