/** jest: a test that fails once then passes in the same sandbox is flaky; one that always fails stays failed; identities are stable. */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jestToolchain } from '../../src/toolchains/jest/jest-toolchain.js';
import { copyFixture, expectFailingStaysFailed, expectFlakyExecuted, identities, MARKER, runner } from '../support/flaky-scenario.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker, write } from '../support/run-validation.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/projects/jest-js/', import.meta.url));
// A name with regex characters in it: the -t pattern must match it exactly.
const FLAKY = write(
  'test/flaky.test.js',
  [
    "const fs = require('fs');",
    "describe('sometimes (x+1)', () => {",
    "  test('passes the second time?', () => {",
    `    if (!fs.existsSync(${JSON.stringify(MARKER)})) {`,
    `      fs.writeFileSync(${JSON.stringify(MARKER)}, 'x');`,
    "      throw new Error('fails on its first run');",
    '    }',
    '  });',
    '});',
    '',
  ].join('\n'),
);
const FAILING = write('test/always.test.js', ["test('always fails', () => {", "  throw new Error('fails every time');", '});', ''].join('\n'));
const FLAKY_ID = 'test/flaky.test.js › sometimes (x+1) › passes the second time?';

describe('flaky jest tests', () => {
  let run: ReturnType<typeof runner>;
  let total: number;

  beforeAll(async () => {
    run = runner(await copyFixture(FIXTURE, 'jest-js'), jestToolchain);
    const warm = await run([]);
    expect(warm.outcome, warm.reason).toBe('executed');
    total = warm.report?.cases.length ?? 0;
  });

  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('counts a test that fails once then passes as flaky, executed and named, with stable identities', async () => {
    const first = await run([FLAKY]);
    expectFlakyExecuted(first, FLAKY_ID, total + 1);
    const second = await run([FLAKY]);
    expect(identities(second)).toEqual(identities(first));
  });

  it('keeps a test that always fails failed after the reruns', async () => {
    expectFailingStaysFailed(await run([FLAKY, FAILING]), FLAKY_ID, 'test/always.test.js › always fails', total + 2);
  });
});
