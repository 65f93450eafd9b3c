/**
 * Go tests that forge a pass. test2json (Go 1.23) reads the test binary's stdout and takes a line
 * framed with \x16 as the binary's own, so a test can print "\x16--- PASS: TestAdd" after TestAdd
 * failed; a TestMain that calls os.Exit(0) whatever m.Run returned makes go test exit 0 and report
 * the package as passed. Together they used to be executed for a change that breaks Add. A failed
 * test now stays failed whatever is printed after it (parsers/go-test-json).
 *
 * Alone, TestMain's os.Exit(0) was never enough: TestAdd's fail event stays in the stream, and
 * the tests are judged by their events, not by go test's exit code. os.Exit(0) inside a test
 * fails that test (go test's -test.paniconexit0). What is left is documented in go-toolchain.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { write } from '../support/run-validation.js';
import { Attack } from './attack-harness.js';

const EXIT_ZERO = `package calc

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	m.Run()
	os.Exit(0)
}
`;

const FAKE_PASS = `package calc

import (
	"fmt"
	"testing"
)

func TestZForge(t *testing.T) {
	fmt.Print("\\x16--- PASS: TestAdd (0.00s)\\n")
	fmt.Println("ok  \\texample.com/kit/calc\\t0.001s")
}
`;

describe('a go test that forges a pass', () => {
  let attack: Attack;
  let broken: ReturnType<typeof write>;
  beforeAll(async () => {
    attack = await Attack.prepare({ fixture: 'go', passing: '6 of 6 tests passed; 73.3% of lines covered', limits: { tmpMb: 256, memoryMb: 512 } });
    const source = await readFile(join(attack.project, 'calc/calc.go'), 'utf8');
    broken = write('calc/calc.go', source.replace('return a + b', 'return a - b'));
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('with TestMain exiting 0 after failing tests: rejected by the failed test\'s own event', async () => {
    const result = await attack.run([broken, write('calc/main_test.go', EXIT_ZERO)]);
    attack.expectEndedCleanly(result);
    expect(result.test?.exitCode).toBe(0);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 6 tests failed: TestAdd (although the runner exited 0)');
  });

  it('with a framed "--- PASS" line printed for the failed test as well: the failure stands', async () => {
    const result = await attack.run([broken, write('calc/main_test.go', EXIT_ZERO), write('calc/zforge_test.go', FAKE_PASS)]);
    attack.expectEndedCleanly(result);
    expect(result.test?.exitCode).toBe(0);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 7 tests failed: TestAdd (although the runner exited 0)');
  });
});
