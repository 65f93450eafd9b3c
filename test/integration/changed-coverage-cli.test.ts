/**
 * Changed-line coverage through the command line, for pytest: a real CLI process, a real SQLite
 * file and the real engine. --min-changed-coverage on validate rejects an untested new function
 * naming its lines; a tested one executes; a change with no executable lines is not rejected; the
 * minimum is stored with a proposal and its project, and `proposals show` keeps the result.
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

const changedLines = z.object({
  total: z.number(),
  covered: z.number(),
  pct: z.number().nullable(),
  uncovered: z.array(z.object({ file: z.string(), lines: z.string() })),
  unmeasured: z.array(z.string()),
}).passthrough();
const validated = z.object({ verdict: z.string(), reasonCode: z.string(), reason: z.string(), changedLines: changedLines.nullable(), coverageDelta: z.number().nullable() });
const shown = z.object({
  status: z.string(),
  minChangedCoverage: z.number().nullable(),
  validations: z.array(z.object({ reasonCode: z.string(), changedLines: changedLines.nullable(), coverageDelta: z.number().nullable() })),
});

const MODULE = 'src/calc/__init__.py';
// Appended after the module's 11 lines: 12-13 blank, 14 the def (run at import), 15-16 its body.
const MUL = '\n\ndef mul(a, b):\n    c = a * b\n    return c\n';
const MUL_TEST = 'from calc import mul\n\n\ndef test_mul():\n    assert mul(2, 3) == 6\n';

describe('changed-line coverage from the command line (pytest)', () => {
  let env: Record<string, string>;
  let work: string;
  let project: string;
  let untested: string;
  let tested: string;
  let commentOnly: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-cli-cov-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100' };
    project = await scratchProject();
    const source = await readFile(join(project, MODULE), 'utf8');
    expect(source.split('\n')).toHaveLength(12);
    untested = join(work, 'untested.json');
    await writeFile(untested, JSON.stringify([{ filepath: MODULE, content: source + MUL }]));
    tested = join(work, 'tested.json');
    await writeFile(tested, JSON.stringify([{ filepath: MODULE, content: source + MUL }, { filepath: 'tests/test_mul.py', content: MUL_TEST }]));
    commentOnly = join(work, 'comment.json');
    await writeFile(commentOnly, JSON.stringify([{ filepath: MODULE, content: `${source}\n# nothing to run here\n` }]));
  });

  afterEach(async () => {
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  async function validate(...args: string[]) {
    const run = await runCli(['validate', project, ...args, '--json'], env);
    return { code: run.code, result: validated.parse(JSON.parse(run.stdout)) };
  }

  it('rejects an untested new function under --min-changed-coverage 80 with its lines listed (exit 1)', async () => {
    const { code, result } = await validate('--changes', untested, '--min-changed-coverage', '80');
    expect(code).toBe(1);
    expect(result).toMatchObject({ verdict: 'rejected', reasonCode: 'changed_coverage_low', coverageDelta: null });
    expect(result.reason).toBe(`changed-line coverage 33.3% (1 of 3 changed lines covered) is below the minimum 80%; not covered: ${MODULE}: 15-16`);
    expect(result.changedLines).toEqual({ total: 3, covered: 1, pct: 33.33, uncovered: [{ file: MODULE, lines: '15-16' }], unmeasured: [], files: [{ file: MODULE, total: 3, covered: 1 }], filesOmitted: 0, exact: true });
  });

  it('executes a tested new function at 100% and shows it in the human output', async () => {
    const run = await runCli(['validate', project, '--changes', tested, '--min-changed-coverage', '80'], env);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^EXECUTED: 4 of 4 tests passed; .*; 3 of 3 changed lines covered$/m);
    expect(run.stdout).toContain('  changed    3 of 3 changed lines covered (100.0%)');
  });

  it('does not reject a change with no executable changed lines', async () => {
    const { code, result } = await validate('--changes', commentOnly, '--min-changed-coverage', '80');
    expect(code).toBe(0);
    expect(result.reason).toMatch(/; no executable lines changed$/);
    expect(result.changedLines).toMatchObject({ total: 0, covered: 0, pct: null, uncovered: [] });
  });

  it('refuses a minimum that is no percentage, before anything runs', async () => {
    const run = await runCli(['validate', project, '--changes', untested, '--min-changed-coverage', '120'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--min-changed-coverage must be a percentage from 0 to 100, got "120"');
  });

  it('keeps a project default and a proposal minimum for the worker, and proposals show keeps the result', async () => {
    const added = await runCli(['projects', 'add', 'calc-cov', project, '--min-changed-coverage', '90', '--json'], env);
    expect(added.code, added.stderr).toBe(0);
    expect(z.object({ minChangedCoverage: z.number().nullable() }).parse(JSON.parse(added.stdout)).minChangedCoverage).toBe(90);
    const proposed = await runCli(['propose', 'calc-cov', '--changes', untested, '--json'], env);
    expect(proposed.code, proposed.stderr).toBe(0);
    const lenient = await runCli(['propose', 'calc-cov', '--changes', untested, '--min-changed-coverage', '30', '--json'], env);
    expect(lenient.code, lenient.stderr).toBe(0);
    const worker = await runCli(['worker', '--until-idle', '--no-schedules'], env);
    expect(worker.code, worker.stderr).toBe(0);

    const id = (run: { stdout: string }) => z.object({ proposalId: z.string() }).parse(JSON.parse(run.stdout)).proposalId;
    const strict = shown.parse(JSON.parse((await runCli(['proposals', 'show', id(proposed), '--json'], env)).stdout));
    expect(strict).toMatchObject({ status: 'rejected', minChangedCoverage: 90 });
    expect(strict.validations[0]).toMatchObject({ reasonCode: 'changed_coverage_low', changedLines: { total: 3, covered: 1, uncovered: [{ file: MODULE, lines: '15-16' }] }, coverageDelta: null });
    const open = shown.parse(JSON.parse((await runCli(['proposals', 'show', id(lenient), '--json'], env)).stdout));
    expect(open).toMatchObject({ status: 'executed', minChangedCoverage: 30 });

    const text = await runCli(['proposals', 'show', id(proposed)], env);
    expect(text.stdout).toContain('  minimum  --min-changed-coverage 90%');
    expect(text.stdout).toContain(`    changed   1 of 3 changed lines covered (33.3%)`);
    expect(text.stdout).toContain(`              not covered ${MODULE}: 15-16`);
  });
});
