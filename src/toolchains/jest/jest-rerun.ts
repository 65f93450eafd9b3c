/**
 * jest identities (`test/calc.test.js › describe › name`, parse-jest-json.ts) back into what jest
 * takes: the files, and one -t pattern matching the tests' full names exactly (jest matches -t
 * against the describe titles and the test's, joined by spaces). One run for all: a test in
 * another of these files with the same full name runs too, and is simply not asked about.
 */
import { baseIdentities, exactAlternation } from '../rerun-ids.js';

const SEPARATOR = ' › ';

/** [pattern, ...files]; null when no identity names a file and a test. */
export function jestRerunArgs(ids: readonly string[]): string[] | null {
  const files = new Set<string>();
  const names = new Set<string>();
  for (const id of baseIdentities(ids)) {
    const [file, ...titles] = id.split(SEPARATOR);
    if (file === undefined || file === '' || file.startsWith('-') || titles.length === 0) continue;
    files.add(file);
    names.add(titles.join(' '));
  }
  if (files.size === 0) return null;
  return [exactAlternation([...names]), ...files];
}
