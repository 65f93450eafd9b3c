/**
 * RSpec examples moved by a change (a test added or deleted above them in the same file) are the
 * same tests under new ids: matched by their position-free identity, on a real RSpec report.
 */
import { describe, expect, it } from 'vitest';
import { parseRspecJson } from '../../../parsers/rspec-json/parse-rspec-json.js';
import { positionFreeIdentity } from '../../../parsers/rspec-json/position-free.js';
import { caseTotals, testIdentity, type TestCaseRecord, type TestReport } from '../../../parsers/report.js';
import { type BaselineTests, compareToBaseline } from '../../../src/pipeline/compare-baseline.js';
import { movedTests } from '../../../src/pipeline/moved-tests.js';
import { rubyFixture } from '../../fixtures/reports/ruby/fixture-files.js';

function rspecPass(): TestReport {
  const result = parseRspecJson(rubyFixture('rspec/pass/rspec.json'), 'rspec.json', '/workspace', rubyFixture('rspec/pass/rspec-stdout.txt'));
  if (!result.ok) throw result.error;
  return result.value;
}

function baselineOf(report: TestReport): BaselineTests {
  const totals = caseTotals(report);
  return { validationId: 'base-1', cases: report.cases.map((c) => ({ identity: testIdentity(c), status: c.status, flaky: false })), total: totals.total, bad: totals.failed + totals.errors };
}

/** The run after a test was added first in the file: every top-level example moves down by one. */
function withTestAddedFirst(report: TestReport, status: TestCaseRecord['status'] = 'passed'): TestReport {
  const shifted = report.cases.map((c) => ({ ...c, id: (c.id ?? '').replace(/\[1:(\d+)/, (_, n: string) => `[1:${Number(n) + 1}`) }));
  const added: TestCaseRecord = { id: 'spec/calc_spec.rb[1:1] Calc adds zero', suite: 'Calc', name: 'adds zero', file: 'spec/calc_spec.rb', status, durationMs: 1, message: null };
  return { ...report, cases: [added, ...shifted] };
}

describe('position-free RSpec identities', () => {
  it('drops the example id of an RSpec identity and leaves every other identity alone', () => {
    expect(positionFreeIdentity('spec/calc_spec.rb[1:3:1] Calc.div refuses zero')).toBe('spec/calc_spec.rb Calc.div refuses zero');
    expect(positionFreeIdentity('tests/test_x.py::test_y[1] z')).toBeNull();
    expect(positionFreeIdentity('test/calc.test.js › calc › adds')).toBeNull();
    expect(positionFreeIdentity('CalcTest#test_add')).toBeNull();
  });
});

describe('tests a change moved', () => {
  it('pairs a gone baseline example with the run example of the same file and description', () => {
    const moved = movedTests(new Set(['s.rb[1:1] A', 's.rb[1:2] B']), new Set(['s.rb[1:1] C', 's.rb[1:2] A', 's.rb[1:3] B']));
    expect(moved).toEqual(new Map([['s.rb[1:2] A', 's.rb[1:1] A'], ['s.rb[1:3] B', 's.rb[1:2] B']]));
    // A test deleted above: the one below moves up, the deleted one stays gone.
    expect(movedTests(new Set(['s.rb[1:1] A', 's.rb[1:2] B']), new Set(['s.rb[1:1] B']))).toEqual(new Map([['s.rb[1:1] B', 's.rb[1:2] B']]));
  });

  it('pairs nothing where a description is not unique on a side, or the identities are no RSpec ids', () => {
    expect(movedTests(new Set(['s.rb[1:1] A', 's.rb[2:1] A']), new Set(['s.rb[1:2] A', 's.rb[2:2] A']))).toEqual(new Map());
    expect(movedTests(new Set(['s.rb[1:1] A']), new Set(['s.rb[1:2] A', 's.rb[1:3] A']))).toEqual(new Map());
    expect(movedTests(new Set(['CalcTest#a']), new Set(['CalcTest#b']))).toEqual(new Map());
  });

  it('a test added above the existing ones of a real RSpec run removes and breaks nothing', () => {
    const base = rspecPass();
    const comparison = compareToBaseline(baselineOf(base), withTestAddedFirst(base), null, true);
    expect(comparison).toMatchObject({ added: ['spec/calc_spec.rb[1:1] Calc adds zero'], removed: [], broken: [], fixed: [], stillFailing: [] });
  });

  it('a moved example that fails now is broken, under its new id', () => {
    const base = rspecPass();
    const run = withTestAddedFirst(base);
    const cases = run.cases.map((c) => (c.name === 'divides' ? { ...c, status: 'failed' as const, message: 'boom' } : c));
    const comparison = compareToBaseline(baselineOf(base), { ...run, cases }, null, true);
    expect(comparison).toMatchObject({ broken: ['spec/calc_spec.rb[1:3] Calc divides'], removed: [], added: ['spec/calc_spec.rb[1:1] Calc adds zero'] });
  });
});
