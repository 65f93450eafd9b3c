/**
 * A repository of the example project for git-project tests: `old` is the example project
 * exactly (so its image is the suite's), `main` one commit later adds `sub` with its test, and
 * `twin` is a commit of its own holding main's tree. Served bare over file://; `push` adds a
 * commit to main later, as an upstream would.
 */
import { execFileSync } from 'node:child_process';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXAMPLE_PROJECT, exampleFile } from './scratch-project.js';

export interface GitRepo {
  /** The bare repository, as a file:// URL. */
  readonly url: string;
  readonly bare: string;
  readonly old: string;
  readonly main: string;
  readonly twin: string;
  /** Commits a file to main (none: an empty commit, main's tree again) and pushes it to the bare repository; returns the new commit. */
  push(file?: { path: string; content: string }): Promise<string>;
}

export const SUB_TEST = 'from calc import sub\n\n\ndef test_sub_more():\n    assert sub(5, 2) == 3\n';

export async function gitRepo(work: string): Promise<GitRepo> {
  const source = join(work, 'repo-src');
  await cp(EXAMPLE_PROJECT, source, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: source, stdio: 'pipe' }).toString('utf8').trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'calc');
  const old = git('rev-parse', 'HEAD');
  const init = await exampleFile('src/calc/__init__.py');
  await writeFile(join(source, 'src/calc/__init__.py'), `${init.trimEnd()}\n\n\ndef sub(a, b):\n    return a - b\n`);
  await writeFile(join(source, 'tests/test_sub.py'), 'from calc import sub\n\n\ndef test_sub():\n    assert sub(3, 1) == 2\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'sub');
  const main = git('rev-parse', 'HEAD');
  git('checkout', '-q', '-b', 'twin');
  git('commit', '-q', '--allow-empty', '-m', 'same tree, another commit');
  const twin = git('rev-parse', 'HEAD');
  git('checkout', '-q', 'main');
  git('tag', 'v1', old);
  const bare = join(work, 'calc.git');
  execFileSync('git', ['clone', '-q', '--bare', source, bare], { stdio: 'pipe' });
  return {
    url: `file://${bare}`,
    bare,
    old,
    main,
    twin,
    async push(file) {
      if (file !== undefined) await writeFile(join(source, file.path), file.content);
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', `change ${file?.path ?? 'nothing'}`);
      git('push', '-q', bare, 'main');
      return git('rev-parse', 'HEAD');
    },
  };
}
