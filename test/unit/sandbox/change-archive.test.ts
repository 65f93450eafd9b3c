import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/changes/change.js';
import { changeArchive } from '../../../src/sandbox/change-archive.js';
import { SANDBOX_GID, SANDBOX_UID } from '../../../src/sandbox/layout.js';

interface Entry {
  readonly name: string;
  readonly type: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly content: Buffer;
}

async function entriesOf(archive: Buffer): Promise<Entry[]> {
  const extract = tar.extract();
  const entries: Entry[] = [];
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => {
        chunks.push(Buffer.from(chunk as Uint8Array));
      });
      stream.on('end', () => {
        entries.push({ name: header.name, type: header.type ?? 'file', mode: header.mode ?? -1, uid: header.uid ?? -1, gid: header.gid ?? -1, content: Buffer.concat(chunks) });
        next();
      });
      stream.on('error', reject);
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  Readable.from([archive]).pipe(extract);
  await done;
  return entries;
}

const write = (path: string, content: Buffer | string): Change => ({ kind: 'write', path, content: Buffer.from(content) });

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const CHANGES: Change[] = [
  write('pkg/sub/deep.py', 'x = 1\n'),
  { kind: 'delete', path: 'pkg/old.py' },
  write('pkg/mod.py', 'def f():\n    return "é"\n'),
  write('top.bin', ALL_BYTES),
  { kind: 'delete', path: 'gone/entirely.txt' },
  write('pkg/sub/other.py', ''),
  write('docs/guide/intro.md', '# hi\n'),
];

describe('changeArchive', () => {
  it('holds only files and folders, owned by the sandbox user, with plain modes', async () => {
    const entries = await entriesOf(await changeArchive(CHANGES));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(['file', 'directory'], entry.name).toContain(entry.type);
      expect(entry.uid, entry.name).toBe(1000);
      expect(entry.gid, entry.name).toBe(1000);
      expect(entry.mode, entry.name).toBe(entry.type === 'file' ? 0o644 : 0o755);
    }
    expect([SANDBOX_UID, SANDBOX_GID]).toEqual([1000, 1000]);
  });

  it('lists each parent folder once, before the first file in it, and leaves deletions out', async () => {
    const entries = await entriesOf(await changeArchive(CHANGES));
    expect(entries.map((e) => `${e.type} ${e.name.replace(/\/$/, '')}`)).toEqual([
      'directory pkg',
      'directory pkg/sub',
      'file pkg/sub/deep.py',
      'file pkg/mod.py',
      'file top.bin',
      'file pkg/sub/other.py',
      'directory docs',
      'directory docs/guide',
      'file docs/guide/intro.md',
    ]);
  });

  it('carries each file byte for byte', async () => {
    const entries = await entriesOf(await changeArchive(CHANGES));
    const byName = new Map(entries.map((e) => [e.name, e.content]));
    for (const change of CHANGES) {
      if (change.kind === 'write') expect(byName.get(change.path)?.equals(change.content), change.path).toBe(true);
      else expect(byName.has(change.path), change.path).toBe(false);
    }
    expect(byName.get('top.bin')?.equals(ALL_BYTES)).toBe(true);
  });

  it('carries a large file whole', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 0);
    for (let i = 0; i < big.length; i += 4099) big[i] = i % 251;
    const [entry] = await entriesOf(await changeArchive([write('big.dat', big)]));
    expect(entry?.name).toBe('big.dat');
    expect(entry?.content.equals(big)).toBe(true);
  });

  it('makes an empty archive when every change is a deletion', async () => {
    expect(await entriesOf(await changeArchive([{ kind: 'delete', path: 'a/b.txt' }]))).toEqual([]);
  });
});
