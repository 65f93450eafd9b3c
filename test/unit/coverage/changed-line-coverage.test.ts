import { describe, expect, it } from 'vitest';
import { parseCoberturaLines } from '../../../parsers/cobertura/cobertura-lines.js';
import type { LineCoverage } from '../../../parsers/coverage/line-coverage.js';
import { changedLineCoverage, uncoveredText } from '../../../src/coverage/changed-line-coverage.js';
import { lineRanges } from '../../../src/coverage/line-ranges.js';
import { changedCoverageVerdict, coverageDelta } from '../../../src/pipeline/changed-coverage-rule.js';
import type { Verdict } from '../../../src/pipeline/grade.js';
import { readFixture } from '../parsers/fixture.js';

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

/** A calc.py whose executable lines are where the pytest/mixed report puts them (1-16). */
const CALC_AFTER = lines('import math', 'x = 1', '', '', 'def add(a, b):', '    if a:', '        pass', '    return a + b', '', '', 'def unused(v):', '    if v:', '        return 1', '    if not v:', '        return 2', '    return 3');

async function mixedCoverage(): Promise<LineCoverage> {
  const parsed = await parseCoberturaLines(readFixture('pytest/mixed/coverage.xml'), 'coverage.xml', '/workspace');
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

const EXECUTED: Verdict = { outcome: 'executed', code: 'passed', reason: '3 of 3 tests passed' };

describe('changedLineCoverage on the pytest/mixed report', () => {
  it('counts only the changed executable lines and lists the uncovered ones as ranges', async () => {
    const before = lines('import math', 'x = 1', '', '', 'def add(a, b):', '    if a:', '        pass', '    return a + b');
    const summary = changedLineCoverage([{ path: 'calc.py', before, after: CALC_AFTER }], await mixedCoverage());
    // Lines 9-16 were added: 9-10 blank (not executable), 11 covered (the def ran at import), 12-16 not.
    expect(summary).toMatchObject({ total: 6, covered: 1, pct: 16.67, uncovered: [{ file: 'calc.py', lines: '12-16' }], files: [{ file: 'calc.py', total: 6, covered: 1 }], unmeasured: [], exact: true });
    expect(uncoveredText(summary)).toBe('calc.py: 12-16');
  });

  it('finds no executable changed line when only blank lines and files the report does not list change', async () => {
    const summary = changedLineCoverage(
      [
        { path: 'calc.py', before: CALC_AFTER.replace('\n\n\ndef unused', '\n\ndef unused'), after: CALC_AFTER },
        { path: 'README.md', before: null, after: 'hello\n' },
      ],
      await mixedCoverage(),
      { isCode: (path) => path.endsWith('.py') },
    );
    expect(summary).toMatchObject({ total: 0, covered: 0, pct: null, uncovered: [], unmeasured: [] });
  });

  it('names a new code file the report does not list as unmeasured, counting it neither way', async () => {
    const summary = changedLineCoverage([{ path: 'helpers.py', before: null, after: 'def f():\n    return 1\n' }], await mixedCoverage(), { isCode: (path) => path.endsWith('.py') });
    expect(summary).toMatchObject({ total: 0, pct: null, unmeasured: ['helpers.py'] });
  });

  it('looks files up under the key the toolchain gives (JaCoCo package paths)', () => {
    const coverage: LineCoverage = { format: 'jacoco-lines', files: new Map([['demo/Calc.java', new Map([[3, true], [4, false]])]]) };
    const summary = changedLineCoverage([{ path: 'src/main/java/demo/Calc.java', before: null, after: 'a\nb\nc\nd\n' }], coverage, {
      keyOf: (path) => /src\/main\/java\/(.+)$/.exec(path)?.[1] ?? null,
    });
    expect(summary).toMatchObject({ total: 2, covered: 1, pct: 50, uncovered: [{ file: 'src/main/java/demo/Calc.java', lines: '4' }] });
  });
});

describe('the --min-changed-coverage rule', () => {
  const summary = (covered: number, total: number, uncovered = 'calc.py: 12-14, 20') => ({
    total,
    covered,
    pct: total === 0 ? null : Math.round((covered * 10_000) / total) / 100,
    uncovered: uncovered === '' ? [] : [{ file: uncovered.split(': ')[0] ?? '', lines: uncovered.split(': ')[1] ?? '' }],
    files: [],
    unmeasured: [],
    filesOmitted: 0,
    exact: true,
  });

  it('rejects below the minimum, naming the uncovered lines, with a percentage never rounded up to the minimum', () => {
    expect(changedCoverageVerdict(EXECUTED, summary(2, 6), 80)).toEqual({
      outcome: 'rejected',
      code: 'changed_coverage_low',
      reason: 'changed-line coverage 33.3% (2 of 6 changed lines covered) is below the minimum 80%; not covered: calc.py: 12-14, 20',
    });
    const justBelow = changedCoverageVerdict(EXECUTED, { ...summary(7999, 10000), pct: 79.99 }, 80);
    expect(justBelow.reason).toContain('79.9%');
  });

  it('executes at or above the minimum, and says so', () => {
    expect(changedCoverageVerdict(EXECUTED, summary(4, 5, ''), 80)).toEqual({ ...EXECUTED, reason: '3 of 3 tests passed; 4 of 5 changed lines covered' });
  });

  it('does not reject a change with no executable changed lines', () => {
    expect(changedCoverageVerdict(EXECUTED, summary(0, 0, ''), 80)).toEqual({ ...EXECUTED, reason: '3 of 3 tests passed; no executable lines changed' });
  });

  it('rejects a change to code files the report does not list, naming them, whatever the listed lines reach', () => {
    const verdict = changedCoverageVerdict(EXECUTED, { ...summary(5, 5, ''), unmeasured: ['helpers.py'] }, 80);
    expect(verdict).toEqual({
      outcome: 'rejected',
      code: 'coverage_unmeasured',
      reason: 'the coverage of changed code files could not be measured (no test loaded them, or the coverage configuration leaves them out): helpers.py, and a minimum of 80% is set',
    });
    const many = changedCoverageVerdict(EXECUTED, { ...summary(0, 0, ''), unmeasured: ['a.py', 'b.py', 'c.py', 'd.py', 'e.py', 'f.py'] }, 10);
    expect(many.reason).toContain(': a.py, b.py, c.py, d.py, e.py and more, and');
    expect(changedCoverageVerdict(EXECUTED, { ...summary(0, 0, ''), unmeasured: ['helpers.py'] }, null)).toBe(EXECUTED);
  });

  it('rejects when the per-line coverage could not be read, and leaves other verdicts and unset minimums alone', () => {
    expect(changedCoverageVerdict(EXECUTED, null, 50).code).toBe('coverage_unmeasured');
    const failed: Verdict = { outcome: 'rejected', code: 'tests_failed', reason: '1 of 2 tests failed: t' };
    expect(changedCoverageVerdict(failed, summary(0, 6), 80)).toBe(failed);
    expect(changedCoverageVerdict(EXECUTED, summary(0, 6), null)).toBe(EXECUTED);
  });

  it('reports the coverage delta in points only when both figures exist', () => {
    expect(coverageDelta(87.27, 80)).toBe(7.27);
    expect(coverageDelta(50, 62.5)).toBe(-12.5);
    expect(coverageDelta(50, null)).toBeNull();
    expect(coverageDelta(null, 50)).toBeNull();
  });
});

describe('lineRanges', () => {
  it('joins runs and caps long lists', () => {
    expect(lineRanges([20, 12, 13, 14])).toBe('12-14, 20');
    expect(lineRanges([1, 3, 5, 7], 2)).toBe('1, 3 (+2 more ranges)');
    expect(lineRanges([])).toBe('');
  });
});
