/**
 * A Maven test that forges a passing Surefire report and ends Maven with System.exit(0). Tests run
 * in Maven's own JVM (-DforkCount=0), so the exit ends Maven before Surefire prints its totals and
 * before Maven prints its BUILD line, with exit code 0. The report is then not believed: Maven's
 * own summary is missing, and the run is rejected as one that ended early.
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

  it('is rejected as a run that ended early, not executed', async () => {
    const calc = join(attack.project, 'src/main/java/com/example/calc/Calc.java');
    const broken = (await readFile(calc, 'utf8')).replace('return a + b;', 'return a - b;');
    const result = await attack.run([write('src/main/java/com/example/calc/Calc.java', broken), write('src/test/java/com/example/calc/CalcTest.java', EXITING_TEST)]);
    attack.expectEndedCleanly(result);
    // Maven itself ended with 0: the exit code alone would have passed it.
    expect(result.test?.exitCode).toBe(0);
    expect(result.test?.stdout).not.toMatch(/BUILD (SUCCESS|FAILURE)/);
    expect(result.report?.cases.some((c) => c.suite.endsWith('CalcTest') && c.status === 'passed')).toBe(true);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    // Whether WordsTest ran before CalcTest (Surefire's file order) decides which report is left.
    expect(result.reason).toMatch(/^maven printed no closing summary, so the report claiming [35] passed tests is not believed \(did a test end the run early\?\)$/);
  });
});
