/**
 * --protect-tests through the command line: a real CLI process, a real SQLite file and the real
 * engine. The flag is stored with the proposal and the worker's verdict honours it (again on
 * revalidation); a project added with it makes it every proposal's default; the edited tests and
 * test-support files are listed by `proposals show` and `validate --json`.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { docker } from '../support/run-validation.js';
import { runCli } from '../support/run-cli.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { scratchProject } from '../support/scratch-project.js';

const editList = z.object({ count: z.number(), paths: z.array(z.string()) });
const editKinds = z.object({ added: editList, modified: editList, deleted: editList });
const testEdits = z.object({ tests: editKinds, support: editKinds });
const proposed = z.object({ proposalId: z.string(), status: z.string(), protectTests: z.boolean() });
const shown = z.object({
  status: z.string(),
  reason: z.string().nullable(),
  protectTests: z.boolean(),
  validations: z.array(z.object({ kind: z.string(), outcome: z.string(), reasonCode: z.string(), reason: z.string(), containerId: z.string().nullable(), testEdits: testEdits.nullable() })),
});

const PASS_EVERYTHING = 'import pytest\n\n\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n    outcome = yield\n    report = outcome.get_result()\n    if report.failed:\n        report.outcome = "passed"\n';

describe('--protect-tests from the command line', () => {
  let env: Record<string, string>;
  let work: string;
  let project: string;
  let hooked: string;
  let addsTest: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-cli-protect-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100' };
    project = await scratchProject();
    const broken = (await readFile(join(project, 'src/calc/__init__.py'), 'utf8')).replace('return a + b', 'return a - b');
    hooked = join(work, 'hooked.json');
    await writeFile(hooked, JSON.stringify([{ filepath: 'src/calc/__init__.py', content: broken }, { filepath: 'conftest.py', content: PASS_EVERYTHING }]));
    addsTest = join(work, 'adds-test.json');
    await writeFile(addsTest, JSON.stringify([{ filepath: 'tests/test_more.py', content: 'from calc import add\n\n\ndef test_more():\n    assert add(2, 2) == 4\n' }]));
  });

  afterEach(async () => {
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  async function propose(...args: string[]) {
    const run = await runCli(['propose', ...args, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    return proposed.parse(JSON.parse(run.stdout));
  }

  async function show(id: string) {
    const run = await runCli(['proposals', 'show', id, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    return shown.parse(JSON.parse(run.stdout));
  }

  async function workUntilIdle() {
    const worker = await runCli(['worker', '--until-idle', '--no-schedules'], env);
    expect(worker.code, worker.stderr).toBe(0);
  }

  it('stores the flag with the proposal, and the worker rejects a support edit for it without a container', async () => {
    expect((await runCli(['projects', 'add', 'calc', project], env)).code).toBe(0);
    const guarded = await propose('calc', '--changes', hooked, '--protect-tests');
    expect(guarded).toMatchObject({ status: 'pending', protectTests: true });
    const open = await propose('calc', '--changes', hooked);
    // Not the same question: a verdict without the flag is never reused for one with it, nor back.
    expect(open).toMatchObject({ status: 'pending', protectTests: false });
    const newTest = await propose('calc', '--changes', addsTest, '--protect-tests');
    await workUntilIdle();

    const rejected = await show(guarded.proposalId);
    expect(rejected).toMatchObject({ status: 'rejected', protectTests: true, reason: 'the change edits test support files conftest.py (--protect-tests)' });
    expect(rejected.validations).toHaveLength(1);
    expect(rejected.validations[0]).toMatchObject({ outcome: 'rejected', reasonCode: 'tests_protected', containerId: null });
    expect(rejected.validations[0]?.testEdits?.support.added.paths).toEqual(['conftest.py']);

    const listed = await show(open.proposalId);
    expect(listed.protectTests).toBe(false);
    expect(listed.validations[0]?.reasonCode).not.toBe('tests_protected');
    expect(listed.validations[0]?.containerId).not.toBeNull();
    expect(listed.validations[0]?.testEdits?.support.added.paths).toEqual(['conftest.py']);

    const allowed = await show(newTest.proposalId);
    expect(allowed).toMatchObject({ status: 'executed', protectTests: true });
    expect(allowed.validations[0]?.testEdits?.tests.added.paths).toEqual(['tests/test_more.py']);

    const text = await runCli(['proposals', 'show', guarded.proposalId], env);
    expect(text.stdout).toContain('  protect  --protect-tests');
    expect(text.stdout).toContain('    test support added conftest.py');
  });

  it('judges a revalidation with the flag stored at intake', async () => {
    const guarded = await propose('calc', '--changes', hooked, '--protect-tests', '--rerun');
    await workUntilIdle();
    const again = await runCli(['revalidate', guarded.proposalId], env);
    expect(again.code, again.stderr).toBe(0);
    await workUntilIdle();
    const detail = await show(guarded.proposalId);
    expect(detail.validations.map((v) => [v.kind, v.reasonCode])).toEqual([
      ['validation', 'tests_protected'],
      ['revalidation', 'tests_protected'],
    ]);
  });

  it('makes the flag the default of every proposal to a project added with it', async () => {
    const strict = await scratchProject();
    const added = await runCli(['projects', 'add', 'calc-strict', strict, '--protect-tests', '--json'], env);
    expect(added.code, added.stderr).toBe(0);
    expect(z.object({ protectTests: z.boolean() }).parse(JSON.parse(added.stdout)).protectTests).toBe(true);
    const plain = await propose('calc-strict', '--changes', hooked);
    expect(plain.protectTests).toBe(true);
    await workUntilIdle();
    expect((await show(plain.proposalId)).validations[0]?.reasonCode).toBe('tests_protected');
  });

  it('validate --protect-tests --json rejects at once (exit 1) and lists the edits', async () => {
    const run = await runCli(['validate', project, '--changes', hooked, '--protect-tests', '--json'], env);
    expect(run.code, run.stderr).toBe(1);
    const result = z.object({ verdict: z.string(), reasonCode: z.string(), reason: z.string(), image: z.string().nullable(), testEdits: testEdits }).parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({ verdict: 'rejected', reasonCode: 'tests_protected', image: null });
    expect(result.testEdits.support.added.paths).toEqual(['conftest.py']);
    const plain = await runCli(['validate', project, '--changes', addsTest], env);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('  edited tests added tests/test_more.py');
  });
});
