/**
 * Go coverage profiles written by Go 1.23.5 in the go image (test/fixtures/reports/go/README.md).
 * The truth is the total `go tool cover -func` printed for the same profile, beside its sources.
 */
import { describe, expect, it } from 'vitest';
import { parseGoCoverprofile } from '../../../parsers/go-coverprofile/parse-go-coverprofile.js';
import { insideAFunction, parseGoFuncExtents } from '../../../parsers/go-coverprofile/parse-go-func-extents.js';
import type { CoverageSummary } from '../../../parsers/report.js';
import { coverFuncTotal, goFixture } from '../../fixtures/reports/go/fixture-files.js';

function parse(text: string, extents = ''): CoverageSummary {
  const result = parseGoCoverprofile(text, 'cover.out', parseGoFuncExtents(extents));
  if (!result.ok) throw result.error;
  return result.value;
}

const profile = (scenario: string) => goFixture(`${scenario}/cover.out`);

describe('go coverprofile on real profiles', () => {
  it.each([
    ['pass', '73.3%', 11, 15],
    ['mixed', '81.2%', 13, 16],
    ['testmain-exit', '73.3%', 11, 15],
    ['init-panic', '57.1%', 4, 7],
    ['build-failed', '87.5%', 7, 8],
  ])('%s: statements covered as go tool cover -func totals them (%s)', (scenario, printed, covered, statements) => {
    expect(coverFuncTotal(scenario)).toBe(printed);
    const coverage = parse(profile(scenario));
    expect([coverage.linesCovered, coverage.linesValid]).toEqual([covered, statements]);
    // go prints one decimal, rounding halves to even (13/16 = 81.25 → "81.2").
    expect(Math.abs((coverage.linesPct ?? -1) - Number.parseFloat(printed))).toBeLessThanOrEqual(0.05);
    expect(coverage).toMatchObject({ format: 'go-coverprofile', branchesPct: null, branchesCovered: 0, branchesValid: 0 });
  });

  it('merges the duplicate blocks -coverpkg writes (one set per test binary) instead of counting them twice', () => {
    expect(coverFuncTotal('coverpkg')).toBe('73.3%');
    const text = profile('coverpkg');
    expect(text.split('\n').filter((line) => line.startsWith('example.com/kit/calc/calc.go:9.24,11.2 '))).toEqual([
      'example.com/kit/calc/calc.go:9.24,11.2 1 1',
      'example.com/kit/calc/calc.go:9.24,11.2 1 0',
    ]);
    expect(parse(text)).toMatchObject({ linesCovered: 11, linesValid: 15, linesPct: 73.33 });
  });

  it('reads 0% for packages without tests (Go >= 1.22 profiles them), not "nothing measured"', () => {
    expect(coverFuncTotal('no-tests')).toBe('0.0%');
    expect(parse(profile('no-tests'))).toMatchObject({ linesCovered: 0, linesValid: 15, linesPct: 0 });
  });

  it('reads concatenated profiles, skipping the repeated mode line and merging repeats', () => {
    // pass covers calc and strutil; build-failed only strutil, with the same strutil blocks.
    expect(parse(`${profile('pass')}${profile('build-failed')}`)).toMatchObject({ linesCovered: 11, linesValid: 15 });
  });

  it('merges set-mode blocks as either hit, and says nothing was measured for an empty profile', () => {
    expect(parse('mode: set\na.go:1.1,2.2 2 0\na.go:1.1,2.2 2 1\nb.go:1.1,2.2 1 0\n')).toMatchObject({ linesCovered: 2, linesValid: 3, linesPct: 66.67 });
    expect(parse('mode: atomic\n')).toMatchObject({ linesCovered: 0, linesValid: 0, linesPct: null });
  });

  it('refuses text that is no profile, a broken block, and blocks that disagree on their statements', () => {
    const reason = (text: string) => {
      const result = parseGoCoverprofile(text, 'cover.out');
      return result.ok ? null : result.error.reason;
    };
    expect(reason('')).toBe('not a Go coverage profile: the first line is not "mode: set|count|atomic"');
    expect(reason('total: (statements) 73.3%\n')).toBe('not a Go coverage profile: the first line is not "mode: set|count|atomic"');
    expect(reason('mode: set\na.go:1.1,2.2 1\n')).toBe('line 2 is not a coverage block: a.go:1.1,2.2 1');
    expect(reason('mode: count\na.go:1.1,2.2 1 1\na.go:1.1,2.2 2 1\n')).toBe('inconsistent statement counts for a.go:1.1,2.2: 1 and 2');
  });
});

describe('blocks outside function declarations, which go tool cover -func leaves out', () => {
  it('reads a real project\'s profile as -func totals it: go-cmp 0.5.9, whose teststructs has a `var _ = func(…) {…}`', () => {
    expect(goFixture('go-cmp-0.5.9/cover-func.txt').trim().split('\n').at(-1)).toMatch(/^total:\s+\(statements\)\s+91\.3%$/);
    const text = profile('go-cmp-0.5.9');
    expect(parse(text, goFixture('go-cmp-0.5.9/go-func-extents.txt'))).toMatchObject({ linesCovered: 2000, linesValid: 2190, linesPct: 91.32 });
    // Every block counted: the 24 statements of the literal (structs.go:101-129, never run) too.
    expect(parse(text)).toMatchObject({ linesCovered: 2000, linesValid: 2214, linesPct: 90.33 });
  });

  it('reads the fixture project with such a literal added as -func does (73.3%), where counting every block says 61.1%', () => {
    expect(coverFuncTotal('func-literal')).toBe('73.3%');
    expect(parse(profile('func-literal'), goFixture('func-literal/go-func-extents.txt'))).toMatchObject({ linesCovered: 11, linesValid: 15, linesPct: 73.33 });
    expect(parse(profile('func-literal'))).toMatchObject({ linesCovered: 11, linesValid: 18, linesPct: 61.11 });
  });

  it('leaves out every block of a listed file without functions, and counts every block of an unlisted file', () => {
    const text = 'mode: set\na.go:3.20,5.2 2 1\nb.go:1.1,2.2 1 0\n';
    expect(parse(text, 'a.go\n')).toMatchObject({ linesCovered: 0, linesValid: 1 });
    expect(parse(text, 'a.go\t1.1,9.2\n')).toMatchObject({ linesCovered: 2, linesValid: 3 });
  });

  it('compares positions as go tool cover does: touching a function\'s first or last column is outside', () => {
    const f = [{ startLine: 10, startCol: 1, endLine: 20, endCol: 2 }];
    expect(insideAFunction(f, 20, 2, 21, 1)).toBe(false);
    expect(insideAFunction(f, 9, 1, 10, 1)).toBe(false);
    expect(insideAFunction(f, 20, 1, 21, 1)).toBe(true);
    expect(insideAFunction(f, 9, 1, 10, 2)).toBe(true);
  });

  it('skips listing lines that do not read, rather than failing the profile', () => {
    expect([...parseGoFuncExtents('a.go\t1.1,2.2\nb.go\tnonsense\n\nc.txt\t1.1,2.2\n').keys()]).toEqual(['a.go']);
  });
});
