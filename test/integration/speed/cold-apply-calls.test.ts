/**
 * A cold validation's engine calls (issue 17), counted behind a proxy: the project copy, the
 * deletions, the changes (on the exec's stdin) and the image's dependency record go in one exec
 * with the counters reading, so the example project's validation (build and tests) makes 5 execs
 * and no archive call: a sandbox cannot be applied to with fewer than one exec, and the build,
 * the tests and the reaper after each are one each. Before, it made 6 execs and an archive upload.
 * The record read in that exec still decides (build_failed) before anything of the proposal runs:
 * see declared-deps-python.test.ts. Counts, not timings.
 */
import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountingEngineProxy } from '../../../src/bench/speed/engine-calls.js';
import type { Change } from '../../../src/changes/change.js';
import { prepareProposal } from '../../../src/pipeline/prepare.js';
import { validateProposal } from '../../../src/pipeline/validate-proposal.js';
import { calcSource, CALC_MODULE } from '../../../src/bench/speed/bench-changes.js';
import { docker, settings, write } from '../../support/run-validation.js';
import { leftovers } from '../../support/sandbox-leftovers.js';
import { EXAMPLE_PROJECT } from '../../support/scratch-project.js';

let proxy: CountingEngineProxy;

beforeAll(async () => {
  proxy = await CountingEngineProxy.start();
});

afterAll(async () => {
  await proxy.stop();
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

async function counted(changes: Change[]) {
  const prepared = await prepareProposal(EXAMPLE_PROJECT, changes, null);
  proxy.counts.clear();
  const result = await validateProposal(new Docker({ socketPath: proxy.path }), { proposalId: randomUUID(), validationId: randomUUID(), prepared, settings: await settings(), onProgress: () => undefined });
  return { result, calls: (call: string) => proxy.counts.get(call) ?? 0 };
}

describe('a cold validation', () => {
  it('applies its changes, deletions and the record read in one exec, with no archive call', async () => {
    const { result, calls } = await counted([{ kind: 'write', path: CALC_MODULE, content: Buffer.from(calcSource(7)) }, write('tests/test_more.py', 'from calc import add\n\n\ndef test_more():\n    assert add(2, 2) == 4\n'), { kind: 'delete', path: 'tests/test_calc.py' }]);
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.sandbox).toBe('cold');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toContain('test_more:passed');
    // The record came back from the apply's exec.
    expect(result.dependencies).toMatchObject({ toolchain: 'python', missing: [] });
    expect(calls('POST /containers/:id/exec')).toBe(3);
    expect(calls('PUT /containers/:id/archive')).toBe(0);
    expect(calls('GET /containers/:id/archive')).toBe(0);
  });

  it('that deletes a file finds it gone and the written ones there, as the sandbox user wrote them', async () => {
    const { result } = await counted([
      { kind: 'delete', path: 'tests/test_calc.py' },
      write('tests/test_applied.py', 'import os, stat\n\n\ndef test_applied():\n    assert not os.path.exists("tests/test_calc.py")\n    st = os.stat("tests/test_applied.py")\n    assert st.st_uid == 1000 and stat.S_IMODE(st.st_mode) == 0o644\n'),
    ]);
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toContain('test_applied:passed');
  });
});
