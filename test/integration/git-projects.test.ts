/**
 * Projects from git through the command line: added over file:// and over a git daemon, proposals
 * judged on the ref's commit and on an older one (--base) with different verdicts, two branches at
 * the same tree sharing one image, `projects fetch` picking up a new commit, and bad input refused
 * with the problem named and nothing written (no row, no mirror).
 */
import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type GitDaemon, gitDaemon } from '../support/git-daemon.js';
import { type GitRepo, gitRepo, SUB_TEST } from '../support/git-repo.js';
import { runCli } from '../support/run-cli.js';

const Project = z.object({ name: z.string(), root: z.string(), detected: z.object({ framework: z.string() }).nullable(), git: z.object({ url: z.string(), ref: z.string(), commit: z.string().nullable(), tree: z.string().nullable() }).nullable() });
const Submitted = z.object({ proposalId: z.string(), status: z.string(), baseCommit: z.string().nullable() });
const Shown = z.object({ status: z.string(), reason: z.string().nullable(), baseCommit: z.string().nullable(), validations: z.array(z.object({ image: z.string().nullable(), imageBuilt: z.boolean() })) });
const Fetched = z.object({ commit: z.string(), moved: z.array(z.object({ ref: z.string(), from: z.string().nullable(), to: z.string().nullable() })) });

describe('projects from git', () => {
  let env: Record<string, string>;
  let work: string;
  let repo: GitRepo;
  let daemon: GitDaemon;
  let changes: string;
  let olderId = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-git-projects-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_GIT_DIR: join(work, 'git'), PATCHPROOF_POLL_INTERVAL_MS: '100' };
    repo = await gitRepo(work);
    daemon = await gitDaemon(join(work, 'daemon'));
    changes = join(work, 'sub-test.json');
    await writeFile(changes, JSON.stringify([{ filepath: 'tests/test_sub_more.py', content: SUB_TEST }]));
  });

  afterAll(() => daemon?.stop());

  async function json<T>(schema: z.ZodType<T>, args: string[]): Promise<T> {
    const run = await runCli([...args, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    return schema.parse(JSON.parse(run.stdout));
  }
  const mirrors = () => readdir(join(work, 'git', 'mirrors')).catch(() => []);
  const projectNames = async () => z.array(z.object({ name: z.string() })).parse(JSON.parse((await runCli(['projects', 'list', '--json'], env)).stdout)).map((p) => p.name);

  it('adds a project from a bare repository over file://, at its HEAD, with the tests detected in that commit', async () => {
    const added = await json(Project, ['projects', 'add', 'calc', '--git', repo.url]);
    expect(added.detected?.framework).toBe('pytest');
    expect(added.git).toMatchObject({ url: repo.url, ref: 'HEAD', commit: repo.main });
    expect(added.root).toMatch(/\.git$/);
    expect(await mirrors()).toEqual([`${(await json(Project, ['projects', 'show', 'calc'])).root.split('/').pop()}`]);
  });

  it('adds one over the git daemon (git://127.0.0.1), at a named branch', async () => {
    const added = await json(Project, ['projects', 'add', 'served', '--git', `${daemon.url}/calc.git`, '--ref', 'main']);
    expect(added.git?.ref).toBe('main');
    expect(added.git?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(added.detected?.framework).toBe('pytest');
  });

  it('judges a proposal on the current commit and on an older one (--base) differently, each pinned to a full commit id', async () => {
    const current = await json(Submitted, ['propose', 'calc', '--changes', changes, '--title', 'sub test on main']);
    expect(current.baseCommit).toBe(repo.main);
    const older = await json(Submitted, ['propose', 'calc', '--changes', changes, '--title', 'sub test on old', '--base', repo.old.slice(0, 10)]);
    expect(older.baseCommit).toBe(repo.old);
    olderId = older.proposalId;
    const byTag = await json(Submitted, ['propose', 'calc', '--changes', changes, '--title', 'sub test on v1', '--base', 'v1']);
    expect(byTag.baseCommit).toBe(repo.old);

    const worker = await runCli(['worker', '--until-idle', '--no-schedules'], env);
    expect(worker.code, worker.stderr).toBe(0);
    const onMain = await json(Shown, ['proposals', 'show', current.proposalId]);
    const onOld = await json(Shown, ['proposals', 'show', older.proposalId]);
    expect(onMain).toMatchObject({ status: 'executed', baseCommit: repo.main });
    expect(onOld).toMatchObject({ status: 'rejected', baseCommit: repo.old });
    expect(onOld.reason).toMatch(/test_sub_more/);
    // The same changes on the same tree: the earlier verdict, not another run.
    expect((await json(Shown, ['proposals', 'show', byTag.proposalId])).status).toBe('rejected');

    // Two branches whose commits hold the same tree share one exported tree and one image.
    const twin = await json(Submitted, ['propose', 'calc', '--changes', changes, '--title', 'sub test on twin', '--base', 'twin', '--rerun']);
    expect(twin.baseCommit).toBe(repo.twin);
    expect((await runCli(['worker', '--until-idle', '--no-schedules'], env)).code).toBe(0);
    const onTwin = await json(Shown, ['proposals', 'show', twin.proposalId]);
    expect(onTwin.status).toBe('executed');
    expect(onTwin.validations.at(-1)?.image).toBe(onMain.validations.at(-1)?.image);
    expect(onTwin.validations.at(-1)?.imageBuilt).toBe(false);
    const root = (await json(Project, ['projects', 'show', 'calc'])).root;
    const trees = (await readdir(join(root, 'patchproof-trees'))).filter((t) => !t.startsWith('.'));
    expect(trees).toHaveLength(2);
  });

  it('validate takes a git project by name and judges it on --base, now', async () => {
    const run = await runCli(['validate', 'calc', '--base', 'v1', '--changes', changes, '--json'], env);
    expect(run.code, run.stderr).toBe(1);
    const result = z.object({ verdict: z.string(), proposalId: z.string() }).parse(JSON.parse(run.stdout));
    expect(result.verdict).toBe('rejected');
    expect((await json(Shown, ['proposals', 'show', result.proposalId])).baseCommit).toBe(repo.old);
    const folder = await runCli(['validate', work, '--base', 'v1'], env);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a folder, not a git project/);
  });

  it('projects fetch picks up a new commit and says what moved; new proposals default to it', async () => {
    const before = await json(Fetched, ['projects', 'fetch', 'calc']);
    expect(before).toMatchObject({ commit: repo.main, moved: [] });
    // An empty commit: main's tree again, so its baseline and image are main's.
    const next = await repo.push();
    const text = await runCli(['projects', 'fetch', 'calc'], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`refs/heads/main  ${repo.main.slice(0, 12)} -> ${next.slice(0, 12)}`);
    expect((await json(Project, ['projects', 'show', 'calc'])).git?.commit).toBe(next);
    const proposed = await json(Submitted, ['propose', 'calc', '--changes', changes]);
    expect(proposed.baseCommit).toBe(next);

    // A revalidation runs on the commit stored with the proposal, not on where the ref is now.
    expect((await runCli(['revalidate', olderId], env)).code).toBe(0);
    expect((await runCli(['worker', '--until-idle', '--no-schedules'], env)).code).toBe(0);
    const again = await json(Shown, ['proposals', 'show', olderId]);
    expect(again).toMatchObject({ status: 'rejected', baseCommit: repo.old });
    expect(again.validations).toHaveLength(2);
  });

  it('refuses an unknown ref, a URL that does not answer, a folder that is not a repository and a commit not in the mirror, writing nothing', async () => {
    const before = await mirrors();
    // A clone left by an add that was killed long ago: the next add removes it.
    const abandoned = join(work, 'git', 'mirrors', '.partial-killed.git');
    await mkdir(abandoned, { recursive: true });
    await utimes(abandoned, new Date(0), new Date(0));
    const cases: [string[], RegExp][] = [
      [['projects', 'add', 'x1', '--git', repo.url, '--ref', 'no-such-branch'], /ref "no-such-branch" is not a branch, tag or commit of .*\(branches: main, twin\)/],
      [['projects', 'add', 'x2', '--git', 'git://127.0.0.1:1/calc.git'], /could not fetch git:\/\/127\.0\.0\.1:1\/calc\.git: .*(refused|connect)/i],
      [['projects', 'add', 'x3', '--git', `file://${work}`], /could not fetch file:\/\/.*does not appear to be a git repository/],
      [['projects', 'add', 'x4', '--git', 'ext::sh -c touch% /tmp/pwned'], /is neither a URL/],
      [['propose', 'calc', '--changes', changes, '--base', 'deadbeefdeadbeef'], /commit "deadbeefdeadbeef" is not in the mirror of project "calc".*projects fetch calc/],
      [['propose', 'calc', '--changes', changes, '--base=--upload-pack=touch'], /not a branch, tag or commit id/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(await projectNames()).toEqual(['calc', 'served']);
    expect(await mirrors()).toEqual(before);
  });
});
