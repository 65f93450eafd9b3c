/**
 * The forged-report checks on a real Python project (issue 18, item 6, pytest), the other way in:
 * on ntplib 0.3.3 from Debian (test/support/ntplib-upstream.ts), red in the sandbox, a change that
 * also breaks its third test adds a test module, collected after the project's own, that writes a
 * JUnit report where all three passed and ends the run with os._exit(0). pytest never printed its
 * closing line: `report_mismatch`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NTPLIB_PASSING_JUNIT, NTPLIB_TARGET, breakNtpException } from '../support/ntplib-upstream.js';
import { write } from '../support/run-validation.js';
import { Attack } from './attack-harness.js';

const FORGE_AND_EXIT = `import os


def test_zz_forge():
    with open(".patchproof/reports/junit.xml", "w") as f:
        f.write('${NTPLIB_PASSING_JUNIT}')
    os._exit(0)
`;

describe('a forged pytest report on a real project (ntplib), left by a test that ends the run', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare(NTPLIB_TARGET);
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('written by a test that then exits 0 is not believed: pytest printed no closing summary', async () => {
    const result = await attack.run([await breakNtpException(attack.project), write('test_zz_forge.py', FORGE_AND_EXIT)]);
    attack.expectEndedCleanly(result);
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toBe('pytest printed no closing summary, so the report claiming 3 passed tests is not believed (did a test end the run early?)');
  });
});
