/**
 * A change that ships a passing Surefire report (target/surefire-reports/TEST-*.xml) beside a
 * change that breaks the code. Only reports written by this run count: the test script removes
 * every surefire-reports folder before Maven starts and copies only reports newer than that, so
 * the shipped file is gone and the real, failing result is judged.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { write } from '../support/run-validation.js';
import { Attack } from './attack-harness.js';

const PASSING = `<?xml version="1.0" encoding="UTF-8"?><testsuite name="com.example.calc.CalcTest" tests="3" failures="0" errors="0" skipped="0" time="0.01">
<testcase name="adds" classname="com.example.calc.CalcTest" time="0.001"/><testcase name="divides" classname="com.example.calc.CalcTest" time="0.001"/>
<testcase name="refusesDivisionByZero" classname="com.example.calc.CalcTest" time="0.001"/></testsuite>`;

describe('a shipped Surefire report', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare({ fixture: 'maven', passing: '5 of 5 tests passed; 87.5% of lines covered' });
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is not read: the run\'s own failing report is', async () => {
    const calc = join(attack.project, 'src/main/java/com/example/calc/Calc.java');
    const broken = (await readFile(calc, 'utf8')).replace('return a + b;', 'return a - b;');
    const result = await attack.run([
      write('src/main/java/com/example/calc/Calc.java', broken),
      write('target/surefire-reports/TEST-com.example.calc.CalcTest.xml', PASSING),
      // A second module's folder, which Maven would never write in this project: removed all the same.
      write('other/target/surefire-reports/TEST-com.example.other.OtherTest.xml', PASSING.replaceAll('CalcTest', 'OtherTest')),
    ]);
    attack.expectEndedCleanly(result);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 5 tests failed: adds');
    expect(result.report?.cases.some((c) => c.suite.includes('OtherTest'))).toBe(false);
  });
});
