/**
 * The patchproof command end to end: exit codes, --json output, records read back, and bad
 * input refused with nothing written. Uses the built CLI, a real SQLite file and the real engine.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { docker } from '../support/run-validation.js';
import { runCli } from '../support/run-cli.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';

const resultSchema = z.object({
  verdict: z.enum(['executed', 'rejected', 'error']),
  reason: z.string(),
  framework: z.string(),
  tests: z.object({ total: z.number(), passed: z.number(), failed: z.number(), errors: z.number(), skipped: z.number() }),
  coverage: z.object({ lines: z.number().nullable() }),
  timedOut: z.boolean(),
  exitCode: z.number().nullable(),
  durations: z.record(z.string(), z.number()),
  proposalId: z.string(),
  validationId: z.string(),
});

describe('the patchproof command', () => {
  let env: Record<string, string>;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-cli-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite') };
  });

  afterEach(async () => {
    // Scoped to this test's database: other runs on a shared engine cannot fail it; CI's whole-run check sees all.
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  it('executes the good example proposal (exit 0) and the records read back with its tests', async () => {
    const run = await runCli(['validate', 'examples/calc', '--changes', 'examples/proposals/good.json', '--json', '--title', 'add mul', '--author', 'agent-7'], env);
    expect(run.code, run.stderr).toBe(0);
    const result = resultSchema.parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({ verdict: 'executed', framework: 'pytest', tests: { total: 4, passed: 4, failed: 0, errors: 0, skipped: 0 }, coverage: { lines: 100 }, timedOut: false, exitCode: 0 });
    expect(Object.keys(result.durations)).toEqual(expect.arrayContaining(['image', 'container', 'apply', 'test', 'collect', 'cleanup', 'total']));

    const shown = await runCli(['proposals', 'show', result.proposalId, '--json'], env);
    expect(shown.code, shown.stderr).toBe(0);
    const detail = z
      .object({
        id: z.string(),
        status: z.string(),
        title: z.string(),
        author: z.string(),
        validations: z.array(z.object({ id: z.string(), testsTotal: z.number(), coverageLines: z.number(), tests: z.array(z.object({ name: z.string(), status: z.string() })) })),
      })
      .parse(JSON.parse(shown.stdout));
    expect(detail).toMatchObject({ id: result.proposalId, status: 'executed', title: 'add mul', author: 'agent-7' });
    expect(detail.validations).toHaveLength(1);
    expect(detail.validations[0]?.id).toBe(result.validationId);
    expect(detail.validations[0]?.tests.map((t) => `${t.name}:${t.status}`)).toEqual(['test_add:passed', 'test_div:passed', 'test_div_by_zero:passed', 'test_mul:passed']);

    const human = await runCli(['proposals', 'show', result.proposalId], env);
    expect(human.stdout).toContain('passed  tests/test_calc.py::test_mul');
  });

  it('rejects the bad example proposal with exit 1 and a reason naming the failing test', async () => {
    const run = await runCli(['validate', 'examples/calc', '--changes', 'examples/proposals/bad.json'], env);
    expect(run.code, run.stderr).toBe(1);
    // Graded against the example's (green) baseline: the reason names the test it broke.
    expect(run.stdout).toMatch(/^REJECTED: broke 1 test that passed before: \S*test_add$/m);
    const list = await runCli(['proposals', 'list', '--status', 'rejected', '--json'], env);
    const rows = z.array(z.object({ id: z.string(), project: z.string(), status: z.string(), reason: z.string().nullable() })).parse(JSON.parse(list.stdout).items);
    expect(rows.some((r) => r.project === 'calc' && /^broke 1 test that passed before: \S*test_add$/.test(r.reason ?? ''))).toBe(true);
  });

  it('refuses a changes file whose path escapes the project: exit 2, the entry named, nothing recorded', async () => {
    const fresh = { PATCHPROOF_DB_PATH: join(work, 'escape.sqlite') };
    const file = join(work, 'escape.json');
    await writeFile(file, JSON.stringify([{ filepath: 'tests/ok.py', content: '' }, { filepath: '../../etc/passwd', content: 'x' }]));
    const run = await runCli(['validate', 'examples/calc', '--changes', file], fresh);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[1]: filepath "../../etc/passwd" escapes the project');
    const list = await runCli(['proposals', 'list', '--json'], fresh);
    expect(JSON.parse(list.stdout)).toEqual({ items: [], nextCursor: null });
  });

  it('refuses malformed JSON, unknown options and bad numbers with exit 2', async () => {
    const file = join(work, 'broken.json');
    await writeFile(file, '[{"filepath": "a.py", ');
    const broken = await runCli(['validate', 'examples/calc', '--changes', file], env);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('is not valid JSON');
    const unknown = await runCli(['validate', 'examples/calc', '--frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--frobnicate');
    const timeout = await runCli(['validate', 'examples/calc', '--timeout', 'soon'], env);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain('--timeout');
    const tooLong = await runCli(['validate', 'examples/calc', '--timeout', '301'], env);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('--timeout 301 is above the configured limit of 300 s (PATCHPROOF_TEST_TIMEOUT_S)');
  });

  it('stops at start-up on a wrong configuration value, naming the variable', async () => {
    const run = await runCli(['proposals', 'list'], { ...env, PATCHPROOF_MEMORY_MB: 'lots' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PATCHPROOF_MEMORY_MB');
    expect(run.stderr).toContain('"lots"');
  });

  it('cleans up on Ctrl-C during the tests and records the proposal as an error', async () => {
    const file = join(work, 'slow.json');
    await writeFile(file, JSON.stringify([{ filepath: 'tests/test_slow.py', content: 'import time\n\n\ndef test_slow():\n    time.sleep(600)\n' }]));
    const run = await runCli(['validate', 'examples/calc', '--changes', file, '--json'], env, { interruptAfterMs: 5_000 });
    expect(run.code).toBe(2);
    const result = resultSchema.parse(JSON.parse(run.stdout));
    expect(result.verdict).toBe('error');
    const shown = await runCli(['proposals', 'show', result.proposalId, '--json'], env);
    expect(JSON.parse(shown.stdout)).toMatchObject({ status: 'error' });
  });
});
