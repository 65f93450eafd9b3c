/**
 * The forged-report checks on a real Go module (issue 18, item 6, go): github.com/google/uuid
 * 1.3.0 from Debian's source package, no dependencies, its tests offline. A change breaks
 * Version() (six of its tests fail) and adds a TestMain that, after m.Run, rewrites go test's
 * event stream in place in the workspace, every "fail" a "pass", at the same length so what go
 * test writes next lands after it, then exits 0. That used to be executed: the stream's file was
 * the only account of the run. gotestsum now reads the stream through a pipe while go test writes
 * it, and its closing line is the witness the rewritten file disagrees with: `report_mismatch`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { write } from '../support/run-validation.js';
import { breakVersion, uuidTarget } from '../support/uuid-upstream.js';
import { Attack } from './attack-harness.js';

const REWRITE_STREAM = `package uuid

import (
	"bytes"
	"os"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	m.Run()
	// Long enough for go test to have written every event of the run so far.
	time.Sleep(2 * time.Second)
	path := "/workspace/.patchproof/reports/go-test.json"
	b, err := os.ReadFile(path)
	if err == nil {
		b = bytes.ReplaceAll(b, []byte(\`"Action":"fail"\`), []byte(\`"Action":"pass"\`))
		b = bytes.ReplaceAll(b, []byte("--- FAIL"), []byte("--- PASS"))
		b = bytes.ReplaceAll(b, []byte(\`"Output":"FAIL\\n"\`), []byte(\`"Output":"PASS\\n"\`))
		if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
			f.WriteAt(b, 0)
			f.Close()
		}
	}
	os.Exit(0)
}
`;

const target = await uuidTarget();

describe.skipIf(target === null)('a go test that rewrites the event stream of a real module (uuid)', () => {
  let attack: Attack;
  beforeAll(async () => {
    if (target !== null) attack = await Attack.prepare(target);
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is not believed: gotestsum read the failures as they came', async () => {
    const result = await attack.run([await breakVersion(attack.project), write('zz_forge_test.go', REWRITE_STREAM)]);
    attack.expectEndedCleanly(result);
    expect(result.test?.exitCode).toBe(0);
    // The file says every test passed: the rewrite took.
    expect(result.report?.cases.some((c) => c.status === 'failed' || c.status === 'error')).toBe(false);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toMatch(/^the report claims 31 of 32 tests passed, but gotestsum, reading go test's events as they came, printed "DONE 32 tests, 1 skipped, 6 failures in [\d.]+m?s"$/);
  });
});
