/** Small readers for the plain-text files the Ruby scripts leave beside the reports. */
import { WORKSPACE } from '../toolchain.js';

export function text(file: Buffer | undefined): string {
  return file?.toString('utf8') ?? '';
}

/** The exit code a script wrote ("1"), or '' when the file is missing or empty (the run was killed first). */
export function exitCodeIn(file: Buffer | undefined): string {
  return text(file).trim();
}

export function firstLine(output: string): string | null {
  return output.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '') ?? null;
}

/** "/workspace/test/calc_test.rb" and "./spec/calc_spec.rb" as the project names them. */
export function projectFile(path: string | null): string | null {
  if (path === null) return null;
  const relative = path.startsWith(`${WORKSPACE}/`) ? path.slice(WORKSPACE.length + 1) : path.replace(/^(\.\/)+/, '');
  return relative === '' ? null : relative;
}
