/**
 * gotestsum's closing line, the Go toolchain's witness (pure parser). Texts as gotestsum printed
 * them in the go image, reading go test's stream through a pipe.
 */
import { describe, expect, it } from 'vitest';
import { readGotestsumSummary } from '../../../src/toolchains/go/go-summary.js';

const FAILING = '✖  . (7ms) (coverage: 87.3% of statements)\n\n=== Failed\n=== FAIL: . TestNew (0.00s)\n    uuid_test.go:211: version is 2\n\nDONE 32 tests, 1 skipped, 6 failures in 0.004s\n';

describe("gotestsum's closing line", () => {
  it('reads tests, skipped and failures: the rest passed', () => {
    expect(readGotestsumSummary(FAILING)).toMatchObject({ line: 'DONE 32 tests, 1 skipped, 6 failures in 0.004s', passed: 25, failed: 6, errors: 0 });
  });

  it('reads a passing run, one failure, and package errors', () => {
    expect(readGotestsumSummary('✓  . (7ms)\n\nDONE 32 tests, 1 skipped in 0.002s\n')).toMatchObject({ passed: 31, failed: 0, errors: 0 });
    expect(readGotestsumSummary('DONE 1 tests, 1 failure in 0.001s\n')).toMatchObject({ passed: 0, failed: 1, errors: 0 });
    expect(readGotestsumSummary('DONE 3 tests, 1 failure, 2 errors in 0.1s\n')).toMatchObject({ passed: 2, failed: 1, errors: 2 });
  });

  it('takes the last line: one a test printed earlier does not replace gotestsum\'s', () => {
    expect(readGotestsumSummary(`    forge.go:1: DONE 32 tests in 0.001s\n${FAILING}`)).toMatchObject({ failed: 6 });
  });

  it('says nothing when gotestsum printed no closing line', () => {
    expect(readGotestsumSummary('✓  . (7ms)\n')).toBeNull();
    expect(readGotestsumSummary('')).toBeNull();
  });
});
