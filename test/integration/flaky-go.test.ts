/** go test: a test that fails once then passes in the same sandbox is flaky; one that always fails stays failed; identities are stable. */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { goToolchain } from '../../src/toolchains/go/go-toolchain.js';
import { copyFixture, expectFailingStaysFailed, expectFlakyExecuted, identities, MARKER, runner } from '../support/flaky-scenario.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker, write } from '../support/run-validation.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/projects/go/', import.meta.url));
const FLAKY = write(
  'calc/flaky_test.go',
  [
    'package calc',
    '',
    'import (',
    '\t"os"',
    '\t"testing"',
    ')',
    '',
    'func TestOnce(t *testing.T) {',
    '\tt.Run("inner", func(t *testing.T) {',
    `\t\tif _, err := os.Stat(${JSON.stringify(MARKER)}); err != nil {`,
    `\t\t\t_ = os.WriteFile(${JSON.stringify(MARKER)}, []byte("x"), 0o644)`,
    '\t\t\tt.Fatal("fails on its first run")',
    '\t\t}',
    '\t})',
    '}',
    '',
  ].join('\n'),
);
const FAILING = write('strutil/always_test.go', ['package strutil', '', 'import "testing"', '', 'func TestAlways(t *testing.T) {', '\tt.Fatal("fails every time")', '}', ''].join('\n'));

describe('flaky go tests', () => {
  let run: ReturnType<typeof runner>;

  beforeAll(async () => {
    run = runner(await copyFixture(FIXTURE, 'kit'), goToolchain);
  });

  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('counts a subtest that fails once then passes (and its parent) as flaky, with stable identities', async () => {
    const first = await run([FLAKY]);
    expect(first.outcome, first.reason).toBe('executed');
    // The parent failed with its subtest: both passed on the rerun.
    expect(first.reason).toMatch(/^8 of 8 tests passed \(2 flaky: example\.com\/kit\/calc\/TestOnce passed on rerun 1, example\.com\/kit\/calc\/TestOnce\/inner passed on rerun 1\)/);
    expect(first.reruns?.runs).toBe(1);
    const second = await run([FLAKY]);
    expect(identities(second)).toEqual(identities(first));
    expect(identities(first)).toContain('example.com/kit/calc/TestOnce/inner');
  });

  it('keeps a test that always fails failed after the reruns', async () => {
    const result = await run([write('calc/flaky_test.go', FLAKY_TOP), FAILING]);
    expectFailingStaysFailed(result, 'example.com/kit/calc/TestOnceTop', 'example.com/kit/strutil/TestAlways', 8);
  });

  it('is the same with one flaky top-level test', async () => {
    expectFlakyExecuted(await run([write('calc/flaky_test.go', FLAKY_TOP)]), 'example.com/kit/calc/TestOnceTop', 7);
  });
});

const FLAKY_TOP = [
  'package calc',
  '',
  'import (',
  '\t"os"',
  '\t"testing"',
  ')',
  '',
  'func TestOnceTop(t *testing.T) {',
  `\tif _, err := os.Stat(${JSON.stringify(MARKER)}); err != nil {`,
  `\t\t_ = os.WriteFile(${JSON.stringify(MARKER)}, []byte("x"), 0o644)`,
  '\t\tt.Fatal("fails on its first run")',
  '\t}',
  '}',
  '',
].join('\n');
