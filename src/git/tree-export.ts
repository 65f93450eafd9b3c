/**
 * A commit's tree, exported once into `<mirror>/patchproof-trees/<tree id>` from git's objects
 * (`ls-tree` for the listing, one `cat-file --batch` streaming the blobs), never from a checkout.
 * Keyed by tree id, so two branches or commits with the same tree share one folder, one snapshot
 * and so one image. Written under a temporary name and renamed, so a reader sees all or nothing.
 * The repository's attributes (export-subst, filters, LFS) do not apply: the bytes are the blobs.
 * Submodules are left out (their content is another repository).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../errors/input-error.js';
import { gitEnv, hostGit } from './host-git.js';

const MAX_TREE_BYTES = 2 * 1024 * 1024 * 1024;

interface TreeEntry {
  readonly mode: string;
  readonly object: string;
  readonly size: number;
  readonly path: string;
}

export function treeDir(mirror: string, tree: string): string {
  return join(mirror, 'patchproof-trees', tree);
}

export async function exportTree(mirror: string, tree: string, timeoutMs: number): Promise<string> {
  const target = treeDir(mirror, tree);
  if (await exists(target)) return target;
  const entries = await listTree(mirror, tree, timeoutMs);
  const temp = join(mirror, 'patchproof-trees', `.partial-${randomUUID()}`);
  try {
    await mkdir(temp, { recursive: true });
    await writeBlobs(mirror, entries, temp, timeoutMs);
    await rename(temp, target).catch(async (error: unknown) => {
      // Another process exported the same tree first: theirs is identical.
      if (!(await exists(target))) throw error;
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return target;
}

async function listTree(mirror: string, tree: string, timeoutMs: number): Promise<TreeEntry[]> {
  const out = (await hostGit(['ls-tree', '-r', '-z', '-l', '--full-tree', tree], { cwd: mirror, timeoutMs, maxBytes: 256 * 1024 * 1024 })).toString('utf8');
  const entries: TreeEntry[] = [];
  const links = new Set<string>();
  let total = 0;
  for (const record of out.split('\0')) {
    const m = /^(\d{6}) (\w+) ([0-9a-f]+) +(-|\d+)\t(.+)$/s.exec(record);
    if (m === null) continue;
    const [, mode = '', type = '', object = '', size = '', path = ''] = m;
    if (type !== 'blob') continue; // submodules (commit entries)
    const parts = path.split('/');
    if (parts.some((p) => p === '' || p === '.' || p === '..' || p.toLowerCase() === '.git') || parts.some((_, i) => links.has(parts.slice(0, i).join('/')))) {
      throw new InputError(`the tree ${tree} holds a path patchproof will not write: ${JSON.stringify(path)}`, { tree }, { code: 'project_unusable', field: 'git' });
    }
    if (mode === '120000') links.add(path);
    total += Number(size);
    if (total > MAX_TREE_BYTES) throw new InputError(`the tree ${tree} is larger than ${MAX_TREE_BYTES} bytes`, { tree }, { code: 'project_unusable', field: 'git' });
    entries.push({ mode, object, size: Number(size), path });
  }
  return entries;
}

/**
 * Every entry's blob through one `git cat-file --batch`, in listing order, each written as it
 * arrives (the stream waits for the disk), so a large tree is never held in memory.
 */
async function writeBlobs(mirror: string, entries: readonly TreeEntry[], root: string, timeoutMs: number): Promise<void> {
  if (entries.length === 0) return;
  const child = spawn('git', ['cat-file', '--batch'], { cwd: mirror, env: gitEnv(), stdio: ['pipe', 'pipe', 'ignore'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stdin.on('error', () => undefined);
  child.stdin.end(`${entries.map((e) => e.object).join('\n')}\n`);
  let written = 0;
  try {
    let pending: Buffer[] = [];
    let have = 0;
    let header: { size: number; entry: TreeEntry } | null = null;
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      have += chunk.length;
      for (;;) {
        if (header === null) {
          const joined = Buffer.concat(pending);
          const eol = joined.indexOf(10);
          if (eol < 0) break;
          const m = /^([0-9a-f]+) blob (\d+)$/.exec(joined.subarray(0, eol).toString('utf8'));
          const entry = entries[written];
          if (m === null || entry === undefined || m[1] !== entry.object) throw unreadable(mirror);
          header = { size: Number(m[2]), entry };
          pending = [joined.subarray(eol + 1)];
          have = joined.length - eol - 1;
        }
        // The blob and its closing newline.
        if (have < header.size + 1) break;
        const joined = Buffer.concat(pending);
        await place(root, header.entry, joined.subarray(0, header.size));
        pending = [joined.subarray(header.size + 1)];
        have = joined.length - header.size - 1;
        header = null;
        written += 1;
      }
    }
  } finally {
    clearTimeout(timer);
    child.kill('SIGKILL');
    await closed;
  }
  if (written !== entries.length) throw unreadable(mirror);
}

async function place(root: string, entry: TreeEntry, content: Buffer): Promise<void> {
  const full = join(root, entry.path);
  await mkdir(dirname(full), { recursive: true });
  if (entry.mode === '120000') return symlink(content.toString('utf8'), full);
  // wx: never through something already there (a crafted tree naming a path twice).
  await writeFile(full, content, { flag: 'wx' });
  if (entry.mode === '100755') await chmod(full, 0o755);
}

function unreadable(mirror: string): InputError {
  return new InputError(`git could not read the tree's files from the mirror at ${mirror}`, { mirror }, { code: 'project_unusable', field: 'git' });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
