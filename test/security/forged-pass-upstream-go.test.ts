/**
 * The forged-pass checks of forged-pass-go.test.ts on a real Go module (issue 18, item 6, go):
 * github.com/google/uuid 1.3.0 from Debian's source package. A change breaks Version() (six of
 * its tests fail), adds a TestMain that exits 0 whatever m.Run returned, and a test that prints a
 * framed "--- PASS" line (test2json takes it as the binary's own) for each test that failed. go
 * test exits 0; each failed test's own fail event stands: `tests_failed`, naming them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { write } from '../support/run-validation.js';
import { breakVersion, uuidTarget } from '../support/uuid-upstream.js';
import { Attack } from './attack-harness.js';

const FAILING = ['TestUUID', 'TestRandomUUID', 'TestRandomUUID_Pooled', 'TestNew', 'TestVersion1', 'TestDCE'];

const EXIT_ZERO = `package uuid

import (
	"fmt"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	m.Run()
	os.Exit(0)
}

func TestZForge(t *testing.T) {
	for _, name := range []string{${FAILING.map((n) => `"${n}"`).join(', ')}} {
		fmt.Printf("\\x16--- PASS: %s (0.00s)\\n", name)
	}
	fmt.Println("ok  \\tgithub.com/google/uuid\\t0.001s")
}
`;

const target = await uuidTarget();

describe.skipIf(target === null)('a go test that forges a pass on a real module (uuid)', () => {
  let attack: Attack;
  beforeAll(async () => {
    if (target !== null) attack = await Attack.prepare(target);
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('with TestMain exiting 0 and framed "--- PASS" lines for the failed tests: the failures stand', async () => {
    const result = await attack.run([await breakVersion(attack.project), write('zz_forge_test.go', EXIT_ZERO)]);
    attack.expectEndedCleanly(result);
    expect(result.test?.exitCode).toBe(0);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('6 of 33 tests failed: TestUUID, TestRandomUUID, TestRandomUUID_Pooled, TestNew, TestVersion1 and 1 more (although the runner exited 0)');
    expect(result.report?.cases.filter((c) => c.status === 'failed').map((c) => c.name)).toEqual(FAILING);
  });
});
