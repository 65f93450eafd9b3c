/**
 * A git project's bare mirror under patchproof's git folder: branches and tags of the remote,
 * fetched with the host's git (network allowed: this is the host, not a sandbox). Commits are
 * resolved in it to full ids, and their trees exported (tree-export.ts); nothing is checked out.
 */
import { hostGit } from './host-git.js';

export interface Resolved {
  readonly commit: string;
  readonly tree: string;
}

/** Clones `url` bare into `dir` (which must not exist) and makes later fetches mirror its branches and tags. */
export async function cloneMirror(url: string, dir: string, timeoutMs: number): Promise<void> {
  await hostGit(['clone', '--bare', '--quiet', '--no-hardlinks', '--', url, dir], { timeoutMs });
  await hostGit(['config', 'remote.origin.fetch', '+refs/heads/*:refs/heads/*'], { cwd: dir, timeoutMs });
  await hostGit(['config', '--add', 'remote.origin.fetch', '+refs/tags/*:refs/tags/*'], { cwd: dir, timeoutMs });
}

export interface RefMove {
  readonly ref: string;
  readonly from: string | null;
  readonly to: string | null;
}

/** Fetches the remote again; returns the branches and tags that moved, appeared or went away. */
export async function fetchMirror(dir: string, timeoutMs: number): Promise<RefMove[]> {
  const before = await refs(dir, timeoutMs);
  await hostGit(['fetch', '--prune', '--quiet', 'origin'], { cwd: dir, timeoutMs });
  const after = await refs(dir, timeoutMs);
  const moves: RefMove[] = [];
  for (const ref of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const from = before.get(ref) ?? null;
    const to = after.get(ref) ?? null;
    if (from !== to) moves.push({ ref, from, to });
  }
  return moves;
}

export async function refs(dir: string, timeoutMs: number): Promise<Map<string, string>> {
  const out = (await hostGit(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/tags'], { cwd: dir, timeoutMs })).toString('utf8');
  const map = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [ref, id] = line.split(' ');
    if (ref !== undefined && id !== undefined && ref !== '') map.set(ref, id);
  }
  return map;
}

/** A branch, tag or commit id resolved to a full commit id and its tree; null when the mirror has none. */
export async function resolveCommit(dir: string, rev: string, timeoutMs: number): Promise<Resolved | null> {
  const one = async (name: string) => {
    const out = (await hostGit(['rev-parse', '--verify', '--quiet', '--end-of-options', name], { cwd: dir, timeoutMs }).catch(() => Buffer.alloc(0))).toString('utf8').trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : null;
  };
  const commit = await one(`${rev}^{commit}`);
  const tree = commit === null ? null : await one(`${commit}^{tree}`);
  return commit === null || tree === null ? null : { commit, tree };
}

/** The branches of the mirror, for an error naming what exists. */
export async function branchNames(dir: string, timeoutMs: number): Promise<string[]> {
  return [...(await refs(dir, timeoutMs)).keys()].filter((r) => r.startsWith('refs/heads/')).map((r) => r.slice('refs/heads/'.length));
}
