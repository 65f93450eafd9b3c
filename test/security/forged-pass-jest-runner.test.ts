/**
 * A change that replaces the jest runner: it writes node_modules/jest/bin/jest.js (the project has
 * no node_modules of its own, so nothing in the image is in the way), a stand-in that writes a
 * passing --json report and coverage summary and prints jest's summary line, beside a change that
 * breaks the code. It used to be run in place of jest. Now a change inside node_modules/ is
 * refused before anything runs, and even with that refusal taken away the stand-in is never
 * started: jest runs only from the image's root-owned folders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jestToolchain } from '../../src/toolchains/jest/jest-toolchain.js';
import { write } from '../support/run-validation.js';
import { Attack } from './attack-harness.js';

const STAND_IN = `const fs = require('fs');
const path = require('path');
const arg = (name) => (process.argv.find((a) => a.startsWith('--' + name + '=')) || '').split('=')[1];
const test = (title) => ({ ancestorTitles: ['calc'], title, fullName: 'calc ' + title, status: 'passed', duration: 1, failureMessages: [] });
const report = { numTotalTests: 3, numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, success: true,
  testResults: [{ name: path.resolve('test/calc.test.js'), status: 'passed', message: '', assertionResults: [test('adds'), test('divides'), test('refuses zero')] }] };
fs.writeFileSync(arg('outputFile'), JSON.stringify(report));
const lines = { total: 6, covered: 6, skipped: 0, pct: 100 };
fs.mkdirSync(arg('coverageDirectory'), { recursive: true });
fs.writeFileSync(path.join(arg('coverageDirectory'), 'coverage-summary.json'), JSON.stringify({ total: { lines, branches: lines } }));
process.stderr.write('STAND-IN RAN\\nTest Suites: 1 passed, 1 total\\nTests:       3 passed, 3 total\\n');
`;

const JS = { fixture: 'jest-js', passing: '3 of 3 tests passed; 100.0% of lines covered' };

describe('a change that writes its own jest into node_modules/', () => {
  let attack: Attack;
  let changes: ReturnType<typeof write>[];
  beforeAll(async () => {
    attack = await Attack.prepare(JS);
    const { readFile } = await import('node:fs/promises');
    const broken = (await readFile(`${attack.project}/src/calc.js`, 'utf8')).replace('return a + b;', 'return a - b;');
    changes = [write('src/calc.js', broken), write('node_modules/jest/bin/jest.js', STAND_IN)];
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is refused before anything runs, naming the file', async () => {
    const result = await attack.run(changes);
    attack.expectEndedCleanly(result);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('fault:RUNNER_FILE');
    expect(result.reason).toMatch(/^the change to "node_modules\/jest\/bin\/jest\.js" is refused: node_modules\/ holds the dependencies/);
    expect(result.test).toBeNull();
  });

  it('never runs the stand-in even when the change reaches the sandbox: the real jest fails the broken code', async () => {
    const result = await attack.run(changes, {}, { toolchains: [{ ...jestToolchain, refusePath: undefined }] });
    attack.expectEndedCleanly(result);
    expect(result.test?.stderr).not.toContain('STAND-IN RAN');
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 3 tests failed: adds');
  });
});
