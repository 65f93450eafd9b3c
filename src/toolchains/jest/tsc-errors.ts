/**
 * tsc's errors as it prints them with --pretty false: `path(line,col): error TS2322: message`,
 * continuation lines indented below. Compared without the position (pipeline/build-errors.ts).
 * Global errors without a file (`error TS5083: Cannot read file ...`) count too.
 */
import type { BuildError } from '../build-error.js';

const ERROR = /^(?:(.+?)\((\d+),(\d+)\): )?error (TS\d+): (.*)$/;

export function tscErrorKey(line: string): string {
  return line.replace(/^(.+?)\(\d+,\d+\): error /, '$1: error ');
}

/** Every error line of tsc's output; null when the output holds none (then it failed some other way). */
export function readTscErrors(output: string): BuildError[] | null {
  const errors: BuildError[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trimEnd();
    if (ERROR.test(line)) errors.push({ line, key: tscErrorKey(line) });
  }
  return errors.length === 0 ? null : errors;
}
