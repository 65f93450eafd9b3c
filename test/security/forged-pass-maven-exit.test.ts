/**
 * A Maven test that forges a passing Surefire report and ends its JVM with System.exit(0). Tests
 * run in Surefire's own fork (as upstream's POMs run them), so the exit ends only the fork:
 * Surefire says the forked VM did not say goodbye and fails the build, and the forged report,
 * all passing, is not believed against Maven's exit code. (With a POM forcing forkCount=0 the exit
 * would end Maven itself, and the missing closing summary rejects it: maven-summary.ts.)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { write } from '../support/run-validation.js';
import { Attack } from './attack-harness.js';

const PASSING = `<?xml version="1.0" encoding="UTF-8"?><testsuite name="com.example.calc.CalcTest" tests="3" failures="0" errors="0" skipped="0" time="0.01">
<testcase name="adds" classname="com.example.calc.CalcTest" time="0.001"/><testcase name="divides" classname="com.example.calc.CalcTest" time="0.001"/>
<testcase name="refusesDivisionByZero" classname="com.example.calc.CalcTest" time="0.001"/></testsuite>`;

// Runs before any test of CalcTest: forges its report (as Surefire would name it), then ends the JVM.
const EXITING_TEST = `package com.example.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CalcTest {
    @BeforeAll
    static void forge() throws Exception {
        Path dir = Path.of("target", "surefire-reports");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("TEST-com.example.calc.CalcTest.xml"), ${JSON.stringify(PASSING)});
        System.exit(0);
    }

    @Test
    void adds() {
        assertEquals(5, Calc.add(2, 3));
    }
}
`;

describe('a Maven test that forges its report and calls System.exit(0)', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare({ fixture: 'maven', passing: '5 of 5 tests passed; 87.5% of lines covered' });
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is rejected: the fork ended early, and Maven failed the build whatever the report says', async () => {
    const calc = join(attack.project, 'src/main/java/com/example/calc/Calc.java');
    const broken = (await readFile(calc, 'utf8')).replace('return a + b;', 'return a - b;');
    const result = await attack.run([write('src/main/java/com/example/calc/Calc.java', broken), write('src/test/java/com/example/calc/CalcTest.java', EXITING_TEST)]);
    attack.expectEndedCleanly(result);
    expect(result.test?.exitCode).toBe(1);
    expect(result.test?.stdout).toContain('The forked VM terminated without properly saying goodbye');
    expect(result.test?.stdout).toMatch(/BUILD FAILURE/);
    // The forged report is what Surefire left: CalcTest "passed", though Calc.add now subtracts.
    expect(result.report?.cases.some((c) => c.suite.endsWith('CalcTest') && c.status === 'passed')).toBe(true);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('exit_code_mismatch');
    expect(result.reason).toBe('every test in the report passed, but the test run exited with code 1');
  });
});
