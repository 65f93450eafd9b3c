import { describe, expect, it } from 'vitest';
import { reportTotals, type TestReport } from '../../../parsers/report.js';

describe('reportTotals', () => {
  it('counts a module that failed to import as an error, as the runner itself does', () => {
    const report: TestReport = {
      format: 'junit',
      cases: [{ suite: 's', name: 'a', file: null, status: 'passed', durationMs: 1, message: null }],
      runErrors: [{ kind: 'collection', where: 'tests/test_b.py', message: 'SyntaxError: invalid syntax' }],
      warnings: [],
    };
    expect(reportTotals(report)).toEqual({ total: 1, passed: 1, failed: 0, errors: 1, skipped: 0 });
  });

  it('is all zeros when there is no report', () => {
    expect(reportTotals(null)).toEqual({ total: 0, passed: 0, failed: 0, errors: 0, skipped: 0 });
  });
});
