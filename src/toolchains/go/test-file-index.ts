/**
 * Which file declares each test, since `go test -json` names only the package and the test. Built
 * from two listings the test script writes: `go list` (import path → directory) and a grep of
 * `func Test…(` / `Example…` / `Fuzz…` declarations in *_test.go files.
 */
import type { TestCaseRecord, TestReport } from '../../../parsers/report.js';
import { WORKSPACE } from '../toolchain.js';

// "./calc/calc_test.go:8:func TestAdd(t *testing.T) {"
const DECLARATION = /^\.\/(.+_test\.go):\d+:func ((?:Test|Example|Fuzz)\w*)\s*\(/;

/** "/workspace/calc" → "calc"; "/workspace" → ""; anything outside the workspace → null. */
function projectDir(dir: string): string | null {
  if (dir === WORKSPACE) return '';
  return dir.startsWith(`${WORKSPACE}/`) ? dir.slice(WORKSPACE.length + 1) : null;
}

function parentDir(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

export interface TestFileIndex {
  /** Project-relative file declaring `test` (or, for a subtest, its top-level test) in `packagePath`. */
  fileOf(packagePath: string, test: string): string | null;
}

export function testFileIndex(packagesText: string, declarationsText: string): TestFileIndex {
  const dirs = new Map<string, string>();
  for (const line of packagesText.split('\n')) {
    const [importPath, dir] = line.split('\t');
    const relative = dir === undefined ? null : projectDir(dir.trim());
    if (importPath !== undefined && importPath !== '' && relative !== null) dirs.set(importPath, relative);
  }
  const files = new Map<string, string>();
  for (const line of declarationsText.split('\n')) {
    const match = DECLARATION.exec(line);
    if (match === null) continue;
    const [, file = '', name = ''] = match;
    const key = `${parentDir(file)}\n${name}`;
    // Two declarations in one folder means build-tagged variants; the first is as good a guess.
    if (!files.has(key)) files.set(key, file);
  }
  return {
    fileOf(packagePath: string, test: string): string | null {
      const dir = dirs.get(packagePath);
      if (dir === undefined) return null;
      return files.get(`${dir}\n${test.split('/')[0] ?? test}`) ?? null;
    },
  };
}

export function withTestFiles(report: TestReport, index: TestFileIndex): TestReport {
  const cases = report.cases.map((c): TestCaseRecord => (c.file !== null ? c : { ...c, file: index.fileOf(c.suite, c.name) }));
  return { ...report, cases };
}
