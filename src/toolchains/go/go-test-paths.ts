/**
 * go test's tests and test support. Tests: *_test.go. Support: a *_test.go that declares
 * TestMain (before or after the change: it runs the tests, and decides the exit code), and
 * testdata/ folders (fixtures the tests read, which go build ignores).
 */
import { baseName, textOf } from '../config-parts.js';
import type { TestFileRole, TestPaths, TouchedFile } from '../toolchain.js';

const TEST_MAIN = /^func\s+TestMain\s*\(/m;

export function declaresTestMain(content: Buffer | null): boolean {
  return TEST_MAIN.test(textOf(content) ?? '');
}

function roleOf(file: TouchedFile): TestFileRole | null {
  if (/(^|\/)testdata\//.test(file.path)) return 'support';
  if (!baseName(file.path).endsWith('_test.go')) return null;
  return declaresTestMain(file.before) || declaresTestMain(file.after) ? 'support' : 'test';
}

export const goTestPaths: TestPaths = { roleOf };
