import { describe, expect, it } from 'vitest';
import { projectPathProblem } from '../../../src/changes/project-path.js';

/** A normalised relative path of exactly `bytes` bytes, made of names of at most 200 bytes. */
function pathOfBytes(bytes: number): string {
  const names: string[] = [];
  let left = bytes;
  while (left > 0) {
    const sep = names.length === 0 ? 0 : 1;
    const take = Math.min(200, left - sep);
    names.push('n'.repeat(take));
    left -= take + sep;
  }
  const path = names.join('/');
  expect(Buffer.byteLength(path)).toBe(bytes);
  return path;
}

describe('projectPathProblem', () => {
  it.each([
    'README.md',
    'src/app.py',
    'a/b/c/d/e/f.txt',
    '.github/workflows/ci.yml',
    '.gitignore',
    '.env',
    'docs/über/naïve-日本語.md',
    'emoji/🙂.txt',
    '..hidden',
    'a..b/c...d',
    'name with spaces.txt',
    'x'.repeat(255),
  ])('accepts the normal path %j', (path) => {
    expect(projectPathProblem(path)).toBeNull();
  });

  it('accepts a name of exactly 255 bytes of multi-byte characters and a path of exactly 4096 bytes', () => {
    expect(projectPathProblem(`${'é'.repeat(127)}x`)).toBeNull(); // 255 bytes
    expect(projectPathProblem(pathOfBytes(4096))).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['a\0b', /NUL/],
    ['/etc/passwd', /absolute/],
    ['/', /absolute/],
    ['..', /escapes/],
    ['../x', /escapes/],
    ['a/../b', /escapes/],
    ['a/b/..', /escapes/],
    ['./x', /not normalised/],
    ['a/./b', /not normalised/],
    ['.', /not normalised/],
    ['a//b', /not normalised/],
    ['a/b/', /not normalised/],
    ['a\\b', /backslash/],
    ['..\\x', /backslash/],
    ['C:/Windows/x', /drive letter/],
    ['c:x', /drive letter/],
    ['a\tb', /control character/],
    ['dir/line\nbreak', /control character/],
    ['bell\u0007', /control character/],
    ['del\u007f', /control character/],
    ['.git/config', /inside \.git\//],
    ['.git', /inside \.git\//],
    ['.git/hooks/pre-commit', /inside \.git\//],
    ['vendor/lib/.git/config', /inside \.git\//],
    ['.patchproof/reports/junit.xml', /inside \.patchproof\//],
    ['.patchproof', /inside \.patchproof\//],
  ])('rejects %j with a reason', (path, reason) => {
    expect(projectPathProblem(path)).toMatch(reason);
  });

  it('rejects a name of 256 bytes, counting bytes rather than characters', () => {
    expect(projectPathProblem('x'.repeat(256))).toMatch(/name longer than 255 bytes/);
    expect(projectPathProblem(`dir/${'é'.repeat(128)}`)).toMatch(/name longer than 255 bytes/);
  });

  it('rejects a path longer than 4096 bytes even when every name is short', () => {
    expect(projectPathProblem(pathOfBytes(4097))).toMatch(/longer than 4096 bytes/);
    expect(projectPathProblem('ab/'.repeat(1400) + 'z')).toMatch(/longer than 4096 bytes/);
  });
});
