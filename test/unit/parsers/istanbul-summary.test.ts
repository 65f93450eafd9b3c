/** istanbul coverage-summary.json from jest 29.7 runs in the jest image (test/fixtures/reports/jest/README.md). */
import { describe, expect, it } from 'vitest';
import { parseIstanbulSummary } from '../../../parsers/istanbul-summary/parse-istanbul-summary.js';
import { readFixture } from './fixture.js';

function parseScenario(scenario: string) {
  return parseIstanbulSummary(readFixture(`jest/${scenario}/coverage-summary.json`), 'coverage/coverage-summary.json');
}

describe('istanbul coverage-summary.json', () => {
  it('reads total lines and branches from a full run', () => {
    expect(parseScenario('pass')).toEqual({
      ok: true,
      value: { format: 'istanbul-summary', linesPct: 100, linesCovered: 5, linesValid: 5, branchesPct: 100, branchesCovered: 2, branchesValid: 2 },
    });
  });

  it("keeps istanbul's floored percentage, the figure jest prints (5 of 7 lines is 71.42, not 71.43)", () => {
    const result = parseScenario('mixed');
    expect(result.ok && result.value).toMatchObject({ linesPct: 71.42, linesCovered: 5, linesValid: 7 });
  });

  it('turns "Unknown" (nothing measured) into null, never 100', () => {
    expect(readFixture('jest/no-tests/coverage-summary.json')).toContain('"pct":"Unknown"');
    const result = parseScenario('no-tests');
    expect(result.ok && result.value).toMatchObject({ linesPct: null, linesValid: 0, branchesPct: null, branchesValid: 0 });
  });

  it('refuses empty, non-JSON, foreign and impossible input with a reason', () => {
    const reason = (text: string) => {
      const result = parseIstanbulSummary(text, 'c.json');
      return result.ok ? null : result.error.reason;
    };
    expect(reason('')).toBe('the file is empty');
    expect(reason('{"total": {')).toMatch(/^not JSON: /);
    expect(reason('{"totals": {}}')).toMatch(/^not an istanbul coverage summary at total: /);
    expect(reason('{"total": {"lines": {"total": 1, "covered": 0, "pct": "n/a"}}}')).toMatch(/^not an istanbul coverage summary at total\.lines\.pct: /);
    expect(reason('{"total": {"lines": {"total": 1, "covered": 2, "pct": 100}}}')).toBe('total.lines.covered (2) exceeds total.lines.total (1)');
  });

  it('leaves branches unmeasured when the summary has none', () => {
    const result = parseIstanbulSummary('{"total": {"lines": {"total": 3, "covered": 2, "pct": 66.66}}}', 'c.json');
    expect(result.ok && result.value).toMatchObject({ linesPct: 66.66, branchesPct: null, branchesValid: 0 });
  });
});
