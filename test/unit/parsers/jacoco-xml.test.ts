/**
 * parseJacoco against real JaCoCo 0.8.6 reports written by the maven image's jacoco-report
 * (test/fixtures/reports/maven/README.md). Each checks the numbers JaCoCo printed itself.
 */
import { describe, expect, it } from 'vitest';
import { parseJacoco } from '../../../parsers/jacoco/parse-jacoco.js';
import type { CoverageSummary } from '../../../parsers/report.js';
import { mavenFixture } from '../../fixtures/reports/maven/fixture-files.js';

async function parse(scenario: string): Promise<CoverageSummary> {
  const result = await parseJacoco(mavenFixture(`${scenario}/jacoco.xml`), `${scenario}/jacoco.xml`);
  if (!result.ok) throw result.error;
  return result.value;
}

/** "jacoco: 2 classes, lines 7/8, branches 4/4, from [target/classes]" from the console. */
function printed(scenario: string): string {
  return mavenFixture(`${scenario}/console.txt`).split('\n').find((line) => line.startsWith('jacoco: ')) ?? '';
}

describe('parseJacoco on real reports', () => {
  it('reads the totals JaCoCo printed for the passing run', async () => {
    expect(printed('pass')).toContain('lines 7/8, branches 4/4');
    expect(await parse('pass')).toEqual({
      format: 'jacoco',
      linesPct: 87.5,
      linesCovered: 7,
      linesValid: 8,
      branchesPct: 100,
      branchesCovered: 4,
      branchesValid: 4,
    });
  });

  it('reads the failing run, whose tests covered less', async () => {
    expect(printed('mixed')).toContain('lines 6/8, branches 3/4');
    const coverage = await parse('mixed');
    expect([coverage.linesCovered, coverage.linesValid, coverage.linesPct]).toEqual([6, 8, 75]);
    expect([coverage.branchesCovered, coverage.branchesValid, coverage.branchesPct]).toEqual([3, 4, 75]);
  });

  it('takes only the counters directly under <report>, not the package, class, method and file ones', async () => {
    const text = mavenFixture('pass/jacoco.xml');
    // Every LINE counter in the file, summed: what a parser that walks all descendants would get.
    const allLineCounters = [...text.matchAll(/<counter type="LINE" missed="(\d+)" covered="(\d+)"\/>/g)];
    const naiveValid = allLineCounters.reduce((sum, m) => sum + Number(m[1]) + Number(m[2]), 0);
    expect(allLineCounters.length).toBeGreaterThan(5);
    expect(naiveValid).toBeGreaterThan(8);
    expect((await parse('pass')).linesValid).toBe(8);
  });

  it('accepts the external DOCTYPE JaCoCo always writes, without fetching report.dtd', async () => {
    expect(mavenFixture('pass/jacoco.xml')).toContain('<!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">');
    expect((await parse('pass')).linesPct).toBe(87.5);
  });

  it('reads 0% when no test ran (zero tests), not "nothing measured"', async () => {
    expect(printed('no-tests')).toContain('lines 0/8, branches 0/4');
    const coverage = await parse('no-tests');
    expect([coverage.linesPct, coverage.linesValid, coverage.branchesPct]).toEqual([0, 8, 0]);
  });

  it('treats the BRANCH counter JaCoCo leaves out when there are no branches as 0/0, percent null', async () => {
    expect(printed('no-branches')).toContain('lines 1/1, branches 0/0');
    expect(mavenFixture('no-branches/jacoco.xml')).not.toContain('type="BRANCH"');
    const coverage = await parse('no-branches');
    expect([coverage.linesPct, coverage.branchesPct, coverage.branchesValid]).toEqual([100, null, 0]);
  });

  it('gives null percentages for a report with no counters at all (no main classes), never 100%', async () => {
    expect(printed('no-main-classes')).toContain('0 classes, lines 0/0, branches 0/0');
    expect(await parse('no-main-classes')).toMatchObject({ linesPct: null, linesValid: 0, branchesPct: null });
  });

  it('refuses a truncated report and a report of another format', async () => {
    const text = mavenFixture('pass/jacoco.xml');
    const truncated = await parseJacoco(text.slice(0, Math.floor(text.length / 2)), 'jacoco.xml');
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) expect(truncated.error.reason).toMatch(/^truncated XML/);
    const other = await parseJacoco(mavenFixture('pass/surefire/target/surefire-reports/TEST-com.example.calc.CalcTest.xml'), 'x.xml');
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.reason).toBe('not a JaCoCo report: root element is <testsuite>, expected <report>');
  });

  it('refuses counters that are not counts', async () => {
    const text = mavenFixture('pass/jacoco.xml').replace(/<counter type="LINE" missed="1" covered="7"\/><counter type="COMPLEXITY"([^>]*)\/><counter type="METHOD"([^>]*)\/><counter type="CLASS"([^>]*)\/><\/report>$/, '<counter type="LINE" missed="-1" covered="7"/></report>');
    expect(text).toContain('missed="-1"');
    const result = await parseJacoco(text, 'jacoco.xml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('LINE counter has missed="-1" covered="7", not counts');
  });
});
