import { describe, expect, it } from 'vitest';
import { MAX_PATH_BYTES, projectPathProblem } from '../../../src/changes/project-path.js';

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

  it('accepts a name of exactly 255 bytes of multi-byte characters and a path of exactly the sandbox limit', () => {
    expect(projectPathProblem(`${'é'.repeat(127)}x`)).toBeNull(); // 255 bytes
    // "/workspace/" (11 bytes) + path + NUL = PATH_MAX (4096).
    expect(MAX_PATH_BYTES).toBe(4084);
    expect(projectPathProblem(pathOfBytes(4084))).toBeNull();
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

  it('rejects a path that would not fit PATH_MAX under /workspace/, even when every name is short', () => {
    expect(projectPathProblem(pathOfBytes(4085))).toBe('is 4085 bytes long, more than the limit of 4084 (/workspace/<path> and its NUL must fit in PATH_MAX, 4096 bytes)');
    expect(projectPathProblem(pathOfBytes(4090))).toMatch(/is 4090 bytes long, more than the limit of 4084/);
    expect(projectPathProblem('ab/'.repeat(1400) + 'z')).toMatch(/more than the limit of 4084/);
  });

  it('counts names in UTF-8 bytes, saying how long the name is', () => {
    expect(projectPathProblem(`dir/${'é'.repeat(150)}`)).toBe('has a name longer than 255 bytes (NAME_MAX; this one has 300)');
  });

  it.each([
    ['node_modules/x.js', 'is inside node_modules/, which patchproof leaves out of the project'],
    ['.hg/hgrc', 'is inside .hg/, which patchproof leaves out of the project'],
    ['pkg/.venv/secret.env', 'is inside .venv/, which patchproof leaves out of the project'],
    ['a/venv/bin/python', 'is inside venv/, which patchproof leaves out of the project'],
    ['.tox', 'is a .tox/ folder, which patchproof leaves out of the project'],
    ['src/__pycache__/m.cpython-311.pyc', 'is inside __pycache__/, which patchproof leaves out of the project'],
    ['src/m.pyc', 'is a *.pyc file, which patchproof leaves out of the project'],
    ['docs/.DS_Store', 'is a .DS_Store file, which patchproof leaves out of the project'],
  ])('refuses %j, which the project snapshot leaves out', (path, reason) => {
    expect(projectPathProblem(path)).toBe(reason);
  });
});
