/** PATCHPROOF_WARM_POOL parsing, node's TAP summary witness, and a step report judged against its witness. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { readTapSummary } from '../../../src/runtimes/javascript/node-test-step.js';
import { judgeStepReport } from '../../../src/runtimes/step-tests.js';

describe('PATCHPROOF_WARM_POOL', () => {
  it('reads runtime:count pairs', () => {
    expect(loadConfig({ PATCHPROOF_WARM_POOL: 'python:2, javascript:1' }).PATCHPROOF_WARM_POOL).toEqual({ python: 2, javascript: 1 });
    expect(loadConfig({}).PATCHPROOF_WARM_POOL).toBeUndefined();
  });
  it('refuses an unknown runtime or a bad count, naming the variable', () => {
    expect(() => loadConfig({ PATCHPROOF_WARM_POOL: 'cobol:1' })).toThrow(/PATCHPROOF_WARM_POOL/);
    expect(() => loadConfig({ PATCHPROOF_WARM_POOL: 'python:many' })).toThrow(/PATCHPROOF_WARM_POOL/);
    expect(() => loadConfig({ PATCHPROOF_WARM_POOL: 'python:99' })).toThrow(/PATCHPROOF_WARM_POOL/);
  });
});

describe('step reports and their witness', () => {
  const report = (statuses: ('passed' | 'failed')[]) => ({ format: 'junit', cases: statuses.map((status, i) => ({ suite: 's', name: `t${i}`, file: null, status, durationMs: 1, message: null })), runErrors: [], warnings: [] });

  it("reads node's closing TAP block, and nothing from a run cut short", () => {
    expect(readTapSummary('TAP version 13\nok 1 - a\n1..1\n# tests 2\n# suites 0\n# pass 1\n# fail 1\n# cancelled 0\n')).toMatchObject({ passed: 1, failed: 1, errors: 0 });
    expect(readTapSummary('TAP version 13\nok 1 - a\n')).toBeNull();
  });

  it('believes a report the witness backs, and no other', () => {
    expect(judgeStepReport('node:test', report(['passed', 'passed']), null, { line: 'x', passed: 2, failed: 0, errors: 0 })).toMatchObject({ passed: true, problem: null });
    expect(judgeStepReport('node:test', report(['passed', 'passed']), null, { line: 'x', passed: 1, failed: 1, errors: 0 })).toMatchObject({ passed: false, problem: expect.stringMatching(/every test passed, but/) });
    expect(judgeStepReport('node:test', report(['passed', 'passed']), null, { line: 'x', passed: 1, failed: 0, errors: 0 })).toMatchObject({ passed: false, problem: expect.stringMatching(/claims 2 passed tests/) });
    expect(judgeStepReport('node:test', report(['passed']), null, null)).toMatchObject({ passed: false, problem: expect.stringMatching(/not believed/) });
    expect(judgeStepReport('node:test', report(['passed', 'failed']), null, { line: 'x', passed: 1, failed: 1, errors: 0 })).toMatchObject({ passed: false, problem: null, failed: 1 });
  });
});
