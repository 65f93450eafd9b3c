/**
 * The queue through the command line, as an agent pipeline drives it: projects add/list, propose
 * (changes file and unified diff), worker --until-idle, proposals list/show, stats, revalidate.
 * Bad input is refused with exit 2, the problem named, and nothing stored.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../support/run-cli.js';
import { scratchProject } from '../support/scratch-project.js';

const proposed = z.object({ proposalId: z.string(), status: z.string(), reason: z.string().nullable(), reusedFrom: z.string().nullable() });
const listed = z.array(z.object({ id: z.string(), project: z.string(), title: z.string().nullable(), status: z.string(), reason: z.string().nullable() }));

describe('the queue from the command line', () => {
  let env: Record<string, string>;
  let project: string;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-cli-queue-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100' };
    project = await scratchProject();
  });

  afterAll(() => undefined);

  async function list(...args: string[]) {
    const run = await runCli(['proposals', 'list', '--json', ...args], env);
    expect(run.code, run.stderr).toBe(0);
    return listed.parse(JSON.parse(run.stdout).items);
  }

  it('registers a project, saying which framework it found; refuses bad names and folders without tests', async () => {
    const added = await runCli(['projects', 'add', 'calc', project], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^project calc \(.+\) at .+: pytest \(/);
    expect((await runCli(['projects', 'add', 'calc', project], env)).code).toBe(0);

    const badName = await runCli(['projects', 'add', '../calc', project], env);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/name "\.\.\/calc" must be 1-100 letters/);
    const empty = await mkdtemp(join(tmpdir(), 'patchproof-empty-'));
    const noTests = await runCli(['projects', 'add', 'empty', empty], env);
    expect(noTests.code).toBe(2);
    expect(noTests.stderr).toMatch(/no test framework recognised/);
    const taken = await runCli(['projects', 'add', 'calc', await scratchProject()], env);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/project "calc" already exists/);

    const projects = await runCli(['projects', 'list', '--json'], env);
    expect(z.array(z.object({ name: z.string() })).parse(JSON.parse(projects.stdout)).map((p) => p.name)).toEqual(['calc']);
  });

  it('queues proposals from a changes file and from a diff, validates them with a worker, and reads them back', async () => {
    const changes = join(work, 'good.json');
    await writeFile(changes, JSON.stringify([{ filepath: 'tests/test_more.py', content: 'from calc import add\n\n\ndef test_more():\n    assert add(1, 1) == 2\n' }]));
    const good = proposed.parse(JSON.parse((await runCli(['propose', 'calc', '--changes', changes, '--title', 'more tests', '--author', 'agent-1', '--json'], env)).stdout));
    expect(good.status).toBe('pending');

    const diff = gitDiff(project, 'src/calc/__init__.py', (text) => text.replace('return a + b', 'return a - b'));
    const patchFile = join(work, 'break.diff');
    await writeFile(patchFile, diff);
    const broken = await runCli(['propose', 'calc', '--patch', patchFile, '--title', 'break add', '--json'], env);
    expect(broken.code, broken.stderr).toBe(0);
    const bad = proposed.parse(JSON.parse(broken.stdout));
    expect(bad.status).toBe('pending');

    const worker = await runCli(['worker', '--until-idle', '--no-schedules'], env);
    expect(worker.code, worker.stderr).toBe(0);

    const rows = await list('--project', 'calc');
    expect(rows.find((r) => r.id === good.proposalId)).toMatchObject({ status: 'executed', title: 'more tests' });
    expect(rows.find((r) => r.id === bad.proposalId)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/broke 1 test that passed before: \S*test_add/) });
    expect((await list('--status', 'rejected')).map((r) => r.id)).toEqual([bad.proposalId]);

    const show = await runCli(['proposals', 'show', bad.proposalId, '--json'], env);
    const detail = z
      .object({
        patch: z.string().nullable(),
        validations: z.array(z.object({ outcome: z.string(), testsFailed: z.number(), tests: z.array(z.object({ name: z.string(), status: z.string(), message: z.string().nullable() })), durations: z.record(z.string(), z.number()) })),
      })
      .parse(JSON.parse(show.stdout));
    expect(detail.patch).toBe(diff);
    expect(detail.validations[0]?.testsFailed).toBe(1);
    expect(detail.validations[0]?.tests.find((t) => t.name === 'test_add')).toMatchObject({ status: 'failed', message: expect.stringContaining('assert') });
    expect(detail.validations[0]?.durations.test).toBeGreaterThan(0);

    const stats = await runCli(['stats', '--json'], env);
    const parsed = z
      .object({ proposals: z.record(z.string(), z.number()), phases: z.record(z.string(), z.object({ p50Ms: z.number(), p95Ms: z.number() })), projects: z.array(z.object({ name: z.string(), passRate: z.number().nullable() })) })
      .parse(JSON.parse(stats.stdout));
    expect(parsed.proposals).toEqual({ executed: 1, rejected: 1 });
    expect(parsed.projects).toEqual([expect.objectContaining({ name: 'calc', passRate: 50 })]);
    expect(parsed.phases.test?.p95Ms).toBeGreaterThanOrEqual(parsed.phases.test?.p50Ms ?? Infinity);
    const human = await runCli(['stats'], env);
    expect(human.stdout).toMatch(/pass rate per project/);

    // Identical content again: the verdict is reused and says so.
    const again = proposed.parse(JSON.parse((await runCli(['propose', 'calc', '--patch', patchFile, '--json'], env)).stdout));
    expect(again).toMatchObject({ status: 'rejected', reusedFrom: bad.proposalId });
    const reused = z
      .object({ validations: z.array(z.unknown()), reusedValidations: z.array(z.object({ id: z.string(), outcome: z.string() })) })
      .parse(JSON.parse((await runCli(['proposals', 'show', again.proposalId, '--json'], env)).stdout));
    expect(reused.validations).toEqual([]);
    expect(reused.reusedValidations.map((v) => v.outcome)).toEqual(['rejected']);
    expect((await runCli(['proposals', 'show', again.proposalId], env)).stdout).toMatch(/whose verdict this proposal reuses/);

    const queued = await runCli(['revalidate', '--project', 'calc', '--json'], env);
    expect(z.object({ queued: z.array(z.string()) }).parse(JSON.parse(queued.stdout)).queued.length).toBe(3);
  });

  it('rejects at once a diff whose hunk does not apply, naming the file and the hunk; nothing runs', async () => {
    const stale = gitDiff(project, 'src/calc/__init__.py', (text) => text.replace('return a + b', 'return a - b')).replace(' def add(a, b):', ' def add(x, y):');
    const file = join(work, 'stale.diff');
    await writeFile(file, stale);
    const run = await runCli(['propose', 'calc', '--patch', file, '--json'], env);
    expect(run.code).toBe(1);
    const result = proposed.parse(JSON.parse(run.stdout));
    expect(result.status).toBe('rejected');
    expect(result.reason).toMatch(/src\/calc\/__init__\.py/);
    expect(result.reason).toMatch(/hunk 1/);
  });

  it('refuses bad input with exit 2 and stores nothing', async () => {
    const before = (await list()).length;
    const cases: [string[], RegExp][] = [
      [['propose', 'nosuch', '--changes', '/dev/null'], /no project named "nosuch"/],
      [['propose', 'calc'], /exactly one of --changes <file.json> or --patch <file.diff>/],
      [['propose', 'calc', '--changes', 'a.json', '--patch', 'b.diff'], /exactly one of/],
      [['propose', 'calc', '--changes', join(work, 'missing.json')], /cannot read changes file/],
      [['propose', 'calc', '--patch', join(work, 'good.json')], /diff|patch/i],
      [['propose', 'calc', '--changes', join(work, 'good.json'), '--priority', 'high'], /--priority/],
      [['propose', 'calc', '--changes', join(work, 'good.json'), '--title', '  '], /--title/],
      [['proposals', 'list', '--status', 'done'], /--status must be one of/],
      [['worker', '--concurrency', '0'], /--concurrency/],
      [['revalidate', 'not-a-proposal'], /no proposal with id "not-a-proposal"/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    expect((await list()).length).toBe(before);
  });
});

/** What `git diff` prints for one edit of one file of the project (the project itself is untouched). */
function gitDiff(root: string, path: string, edit: (text: string) => string): string {
  const repo = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
  execFileSync('cp', ['-R', `${root}/.`, repo]);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  const file = join(repo, path);
  const text = execFileSync('cat', [file], { encoding: 'utf8' });
  execFileSync('sh', ['-c', 'cat > "$1"', 'sh', file], { input: edit(text) });
  return git('diff');
}
