/**
 * A change that replaces the jest runner with a stand-in that writes a passing --json report and
 * coverage summary and prints jest's summary line, beside a change that breaks the code. Written
 * to node_modules/jest/bin/jest.js it used to run in place of jest. Now a change inside any
 * node_modules/ is refused for every toolchain (the snapshot leaves that folder out). And where a
 * project's node_modules is a symlink to a folder of its own, so the stand-in can reach
 * ./node_modules/jest through an ordinary path, it is still never started: jest runs only from the
 * image's root-owned folders, through jest-cli (jest's own bin defers to ./node_modules/jest).
 */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('a change that brings its own jest', () => {
  let attack: Attack;
  let broken: string;
  beforeAll(async () => {
    attack = await Attack.prepare(JS);
    broken = (await readFile(`${attack.project}/src/calc.js`, 'utf8')).replace('return a + b;', 'return a - b;');
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('into node_modules/ is refused before anything runs, naming the folder', async () => {
    const result = await attack.run([write('src/calc.js', broken), write('node_modules/jest/bin/jest.js', STAND_IN)]);
    attack.expectEndedCleanly(result);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('unsafe_change');
    expect(result.reason).toMatch(/node_modules\/jest\/bin\/jest\.js.*node_modules/);
    expect(result.test).toBeNull();
  });

  it('through a node_modules symlink of the project is never started: the real jest fails the broken code', async () => {
    // The project keeps its modules in vendored/, reached as node_modules: the change writes there.
    await mkdir(join(attack.project, 'vendored'));
    await writeFile(join(attack.project, 'vendored', 'README'), 'modules of this project\n');
    await symlink('vendored', join(attack.project, 'node_modules'));
    const standIn = ['jest/bin/jest.js', 'jest-cli/bin/jest.js', 'jest/package.json'].map((path) =>
      write(`vendored/${path}`, path.endsWith('.json') ? '{"name":"jest","version":"99.0.0","main":"bin/jest.js","bin":"bin/jest.js"}\n' : STAND_IN),
    );
    const result = await attack.run([write('src/calc.js', broken), ...standIn]);
    attack.expectEndedCleanly(result);
    expect(result.test?.stderr).not.toContain('STAND-IN RAN');
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 3 tests failed: adds');
  });
});
