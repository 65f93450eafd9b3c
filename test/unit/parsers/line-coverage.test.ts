/**
 * Per-line coverage from real reports (test/fixtures/reports/*, each README says how they were
 * written). Where a format has its own totals, the lines read must add up to them.
 */
import { describe, expect, it } from 'vitest';
import { parseCobertura } from '../../../parsers/cobertura/parse-cobertura.js';
import { parseCoberturaLines } from '../../../parsers/cobertura/cobertura-lines.js';
import type { LineCoverage, LineHits } from '../../../parsers/coverage/line-coverage.js';
import { packageDirs, parseCoverprofileLines } from '../../../parsers/go-coverprofile/coverprofile-lines.js';
import { parseIstanbulFinal } from '../../../parsers/istanbul-final/parse-istanbul-final.js';
import { parseJacoco } from '../../../parsers/jacoco/parse-jacoco.js';
import { parseJacocoLines } from '../../../parsers/jacoco/jacoco-lines.js';
import type { ParseResult } from '../../../parsers/report.js';
import { parseSimpleCovResultSet } from '../../../parsers/simplecov/parse-simplecov-resultset.js';
import { parseResultSetLines } from '../../../parsers/simplecov/resultset-lines.js';
import { readFixture } from './fixture.js';

function value<T>(result: ParseResult<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

function split(lines: LineHits | undefined): { covered: number[]; uncovered: number[] } {
  const entries = [...(lines ?? new Map<number, boolean>())].sort(([a], [b]) => a - b);
  return { covered: entries.filter(([, c]) => c).map(([n]) => n), uncovered: entries.filter(([, c]) => !c).map(([n]) => n) };
}

function totalLines(coverage: LineCoverage): { valid: number; covered: number } {
  let valid = 0;
  let covered = 0;
  for (const lines of coverage.files.values()) {
    for (const hit of lines.values()) {
      valid++;
      if (hit) covered++;
    }
  }
  return { valid, covered };
}

describe('Cobertura (coverage.py) lines', () => {
  it('reads each line of pytest/mixed, keyed by project path, adding up to the report totals', async () => {
    const text = readFixture('pytest/mixed/coverage.xml');
    const lines = value(await parseCoberturaLines(text, 'coverage.xml', '/workspace'));
    expect(split(lines.files.get('calc.py'))).toEqual({ covered: [1, 2, 5, 6, 7, 8, 11], uncovered: [12, 13, 14, 15, 16] });
    expect(lines.files.has('tests/test_mixed.py')).toBe(true);
    const summary = value(await parseCobertura(text, 'coverage.xml'));
    expect(totalLines(lines)).toEqual({ valid: summary.linesValid, covered: summary.linesCovered });
  });

  it('joins names to a source below the project and drops sources outside it', async () => {
    const xml = (source: string) =>
      `<coverage><sources><source>${source}</source></sources><packages><package name="p"><classes><class filename="calc.py"><lines><line number="3" hits="0"/></lines></class></classes></package></packages></coverage>`;
    expect([...value(await parseCoberturaLines(xml('/workspace/src'), 'c.xml', '/workspace')).files.keys()]).toEqual(['src/calc.py']);
    expect([...value(await parseCoberturaLines(xml('/usr/lib/python3'), 'c.xml', '/workspace')).files.keys()]).toEqual([]);
  });

  it('refuses a document that is no Cobertura report', async () => {
    expect((await parseCoberturaLines('<report/>', 'c.xml', '/workspace')).ok).toBe(false);
  });
});

describe('JaCoCo lines', () => {
  it('reads maven/mixed by package path, adding up to the LINE counter', async () => {
    const text = readFixture('maven/mixed/jacoco.xml');
    const lines = value(await parseJacocoLines(text, 'jacoco.xml'));
    expect(split(lines.files.get('com/example/calc/Calc.java'))).toEqual({ covered: [8, 12, 13], uncovered: [15] });
    expect(split(lines.files.get('com/example/calc/Words.java'))).toEqual({ covered: [8, 9, 11], uncovered: [15] });
    const summary = value(await parseJacoco(text, 'jacoco.xml'));
    expect(totalLines(lines)).toEqual({ valid: summary.linesValid, covered: summary.linesCovered });
  });
});

describe('Go coverprofile lines', () => {
  it('places go/mixed blocks in project files through go list, an untaken body uncovered', () => {
    const dirs = packageDirs(readFixture('go/mixed/go-packages.txt'), '/workspace');
    const lines = value(parseCoverprofileLines(readFixture('go/mixed/cover.out'), 'cover.out', dirs));
    expect(split(lines.files.get('calc/calc.go'))).toEqual({ covered: [9, 10, 11, 13, 14, 17, 20, 21, 22, 23, 24], uncovered: [15, 16] });
    expect(split(lines.files.get('notests/notests.go'))).toEqual({ covered: [], uncovered: [3] });
    expect(split(lines.files.get('strutil/strutil.go')).uncovered).toEqual([18, 19]);
  });

  it('leaves out packages go list did not place in the project', () => {
    const lines = value(parseCoverprofileLines('mode: set\nexample.com/dep/x.go:1.1,2.2 1 1\n', 'cover.out', new Map()));
    expect(lines.files.size).toBe(0);
  });

  it('refuses a file that is no profile', () => {
    expect(parseCoverprofileLines('hello', 'cover.out', new Map()).ok).toBe(false);
  });
});

describe('SimpleCov resultset lines', () => {
  it('reads ruby/rspec/mixed per project path, adding up to the resultset totals', () => {
    const text = readFixture('ruby/rspec/mixed/coverage/.resultset.json');
    const lines = value(parseResultSetLines(text, '.resultset.json', '/workspace'));
    expect(split(lines.files.get('lib/calc.rb'))).toEqual({ covered: [2, 3, 5, 6, 9, 10, 12, 15, 16, 17], uncovered: [18, 19, 21] });
    const summary = value(parseSimpleCovResultSet(text, '.resultset.json'));
    expect(totalLines(lines)).toEqual({ valid: summary.linesValid, covered: summary.linesCovered });
  });

  it('merges the command entries of simplecov/two-commands as SimpleCov does', () => {
    const text = readFixture('ruby/simplecov/two-commands/coverage/.resultset.json');
    const lines = value(parseResultSetLines(text, '.resultset.json', '/workspace'));
    const summary = value(parseSimpleCovResultSet(text, '.resultset.json'));
    expect(totalLines(lines)).toEqual({ valid: summary.linesValid, covered: summary.linesCovered });
  });
});

describe('istanbul coverage-final.json lines', () => {
  it('reads jest/line-coverage: an uncalled function body uncovered, a declaration line not executable', () => {
    const lines = value(parseIstanbulFinal(readFixture('jest/line-coverage/coverage-final.json'), 'coverage-final.json', '/workspace'));
    expect([...lines.files.keys()]).toEqual(['src/calc.js']);
    expect(split(lines.files.get('src/calc.js'))).toEqual({ covered: [2, 6, 7, 9, 18], uncovered: [13, 14] });
  });

  it('refuses JSON of another shape', () => {
    expect(parseIstanbulFinal('{"total":{"lines":{}}}', 'coverage-final.json', '/workspace').ok).toBe(false);
  });
});
