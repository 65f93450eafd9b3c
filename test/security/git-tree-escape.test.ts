/**
 * Attack: a repository whose tree (crafted with `git mktree`, which checks nothing) writes through
 * a symlink it also holds (`link -> <outside>` and `link/planted`), or names `..`. Adding it must
 * be refused naming the path, nothing may be written outside the export, and neither a project
 * row nor a mirror may be left.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

function craftedRepo(dir: string, outside: string, layout: 'symlink' | 'dotdot'): string {
  const bare = join(dir, `${layout}.git`);
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  const git = (input: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: bare, input }).toString('utf8').trim();
  const blob = git('planted\n', 'hash-object', '-w', '--stdin');
  const pyproject = git('[tool.pytest.ini_options]\n', 'hash-object', '-w', '--stdin');
  const test = git('def test_x():\n    pass\n', 'hash-object', '-w', '--stdin');
  const tests = git(`100644 blob ${test}\ttest_x.py\n`, 'mktree');
  const inner = git(`100644 blob ${blob}\tplanted\n`, 'mktree');
  const entries = [`100644 blob ${pyproject}\tpyproject.toml`, `040000 tree ${tests}\ttests`];
  if (layout === 'symlink') entries.push(`120000 blob ${git(outside, 'hash-object', '-w', '--stdin')}\tlink`, `040000 tree ${inner}\tlink`);
  else entries.push(`040000 tree ${inner}\t..`);
  const tree = git(`${entries.join('\n')}\n`, 'mktree');
  git('', 'update-ref', 'refs/heads/main', git('crafted\n', 'commit-tree', tree));
  return `file://${bare}`;
}

describe('a crafted git tree', () => {
  it('writing through its own symlink or naming .. is refused, writing nothing anywhere', async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-git-escape-'));
    const outside = await mkdtemp(join(tmpdir(), 'patchproof-git-outside-'));
    const env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_GIT_DIR: join(work, 'git') };
    for (const layout of ['symlink', 'dotdot'] as const) {
      const run = await runCli(['projects', 'add', layout, '--git', craftedRepo(work, outside, layout)], env);
      expect(run.code, run.stdout).toBe(2);
      expect(run.stderr).toMatch(layout === 'symlink' ? /holds a path patchproof will not write: "link\/planted"/ : /holds a path patchproof will not write: "\.\.\/planted"/);
    }
    expect(await readdir(outside)).toEqual([]);
    expect(await readdir(join(tmpdir()))).not.toContain('planted');
    expect(await readdir(join(work, 'git', 'mirrors'))).toEqual([]);
    expect(JSON.parse((await runCli(['projects', 'list', '--json'], env)).stdout)).toEqual([]);
  });
});
