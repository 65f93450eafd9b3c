/**
 * parseCobertura against real coverage.py 6.5 reports (pytest-cov 4.0.0, see
 * test/fixtures/reports/pytest/README.md) and a synthetic Java-Cobertura-style file.
 */
import { describe, expect, it } from 'vitest';
import { parseCobertura } from '../../../parsers/cobertura/parse-cobertura.js';
import { ReportParseError, type CoverageSummary } from '../../../parsers/report.js';
import { readFixture } from './fixture.js';

async function parseOk(path: string): Promise<CoverageSummary> {
  const result = await parseCobertura(readFixture(path), path);
  if (!result.ok) throw result.error;
  return result.value;
}

async function parseError(text: string): Promise<ReportParseError> {
  const result = await parseCobertura(text, 'coverage.xml');
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

describe('coverage.py Cobertura: numbers equal the root attributes', () => {
  it('with --cov-branch: lines-valid="21" lines-covered="19" branches-valid="8" branches-covered="6"', async () => {
    expect(await parseOk('pytest/all-pass/coverage.xml')).toEqual({
      format: 'cobertura',
      linesPct: 90.48, // line-rate="0.9048"
      linesCovered: 19,
      linesValid: 21,
      branchesPct: 75, // branch-rate="0.75"
      branchesCovered: 6,
      branchesValid: 8,
    });
  });

  it('without --cov-branch: branches-valid="0", so no branch percentage at all', async () => {
    expect(await parseOk('pytest/all-pass-no-branch/coverage.xml')).toEqual({
      format: 'cobertura',
      linesPct: 90.48,
      linesCovered: 19,
      linesValid: 21,
      branchesPct: null,
      branchesCovered: 0,
      branchesValid: 0,
    });
  });

  it('mixed run: lines-valid="55" lines-covered="48" branches-valid="20" branches-covered="16"', async () => {
    expect(await parseOk('pytest/mixed/coverage.xml')).toMatchObject({
      linesPct: 87.27,
      linesCovered: 48,
      linesValid: 55,
      branchesPct: 80,
      branchesCovered: 16,
      branchesValid: 20,
    });
  });

  it('nothing measured: coverage.py writes line-rate="1", the parser says null, not 100%', async () => {
    expect(await parseOk('pytest/empty-cov/coverage.xml')).toEqual({
      format: 'cobertura',
      linesPct: null,
      linesCovered: 0,
      linesValid: 0,
      branchesPct: null,
      branchesCovered: 0,
      branchesValid: 0,
    });
  });

  it('runs that collected nothing still measured imported code', async () => {
    expect(await parseOk('pytest/no-tests/coverage.xml')).toMatchObject({ linesCovered: 1, linesValid: 14, linesPct: 7.14 });
    expect(await parseOk('pytest/collection-error/coverage.xml')).toMatchObject({
      linesCovered: 6,
      linesValid: 18,
      linesPct: 33.33,
      branchesPct: 0,
    });
  });
});

describe('Cobertura without count attributes', () => {
  it('counts class-level <line> elements once (method lines are repeats) and reads (x/y) branches', async () => {
    expect(await parseOk('cobertura/rates-only.xml')).toEqual({
      format: 'cobertura',
      linesPct: 80,
      linesCovered: 4,
      linesValid: 5,
      branchesPct: 50,
      branchesCovered: 2,
      branchesValid: 4,
    });
  });

  it('counting the real pytest file agrees with its own attributes', async () => {
    const withoutCounts = readFixture('pytest/all-pass/coverage.xml').replace(/ (lines|branches)-(valid|covered)="\d+"/g, '');
    const result = await parseCobertura(withoutCounts, 'coverage.xml');
    expect(result.ok && result.value).toMatchObject({ linesCovered: 19, linesValid: 21, branchesCovered: 6, branchesValid: 8 });
  });
});

describe('bad input', () => {
  it('a JUnit file is not a Cobertura report', async () => {
    const result = await parseCobertura(readFixture('pytest/all-pass/junit.xml'), 'junit.xml');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(ReportParseError);
      expect(result.error.reason).toBe('not a Cobertura report: root element is <testsuites>, expected <coverage>');
    }
  });

  it('empty and truncated files', async () => {
    expect((await parseError('')).reason).toBe('empty report');
    const truncated = readFixture('pytest/mixed/coverage.xml').slice(0, 1200);
    expect((await parseError(truncated)).reason).toMatch(/^truncated XML/);
  });

  it('counts that are not counts, or more covered than valid', async () => {
    expect((await parseError('<coverage lines-valid="ten" lines-covered="1"/>')).reason).toBe('lines-valid="ten" is not a count');
    expect((await parseError('<coverage lines-valid="4" lines-covered="-1"/>')).reason).toBe('lines-covered="-1" is not a count');
    expect((await parseError('<coverage lines-valid="4" lines-covered="5"/>')).reason).toBe('lines-covered (5) exceeds lines-valid (4)');
    expect((await parseError('<coverage lines-valid="4" lines-covered="4" branches-valid="2" branches-covered="3"/>')).reason).toBe(
      'branches-covered (3) exceeds branches-valid (2)',
    );
  });

  it('a bare <coverage/> measured nothing', async () => {
    const result = await parseCobertura('<coverage/>', 'coverage.xml');
    expect(result.ok && result.value).toMatchObject({ linesPct: null, linesValid: 0, branchesPct: null });
  });
});
