/**
 * Files stay small (one concept per file): a file over 300 lines says why at its top, in a line
 * that reads "Over 300 lines..." within its first 20 lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAX_LINES = 300;
const CODE = /\.(?:ts|js|cjs|mjs|rb|py|go|sh)$|(?:^|\/)Dockerfile$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || relative(ROOT, path) === join('test', 'fixtures')) return [];
    return statSync(path).isDirectory() ? files(path) : CODE.test(path) ? [path] : [];
  });
}

function unexplainedLongFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    const lines = readFileSync(path, 'utf8').split('\n');
    const count = lines.at(-1) === '' ? lines.length - 1 : lines.length;
    if (count <= MAX_LINES) return [];
    return lines.slice(0, 20).some((line) => /Over 300 lines/i.test(line)) ? [] : [`${relative(ROOT, path)}: ${count} lines`];
  });
}

describe('file size', () => {
  const all = ['src', 'workers', 'parsers', 'migrations', 'templates', 'test'].flatMap((top) => files(join(ROOT, top)));

  it('reads the files it judges', () => {
    expect(all.length).toBeGreaterThan(300);
    expect(all.some((p) => p.endsWith(join('src', 'sandbox', 'sandbox.ts')))).toBe(true);
  });

  it('finds no file over 300 lines without a reason at its top', () => {
    expect(unexplainedLongFiles(all)).toEqual([]);
  });
});
