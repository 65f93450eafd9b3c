import { PassThrough, Readable } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { readArchive } from '../../../src/sandbox/read-archive.js';

/** A tar like getArchive's: the folder itself first, then its entries below it. */
async function archive(files: Record<string, Buffer | null>): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'reports', type: 'directory' });
  for (const [name, content] of Object.entries(files)) {
    if (content === null) pack.entry({ name: `reports/${name}`, type: 'symlink', linkname: '/etc/passwd' });
    else pack.entry({ name: `reports/${name}` }, content);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

const LIMITS = { maxEntries: 10, maxBytes: 1024 };

describe('readArchive', () => {
  it('reads regular files by their name below the folder, and skips links', async () => {
    const read = await readArchive(Readable.from([await archive({ 'junit.xml': Buffer.from('<x/>'), link: null })]), LIMITS);
    expect(read.kind).toBe('read');
    expect(read.kind === 'read' && [...read.files.entries()]).toEqual([['junit.xml', Buffer.from('<x/>')]]);
  });

  it('stops past the byte bound, says how far it got, and closes the stream', async () => {
    const source = Readable.from([await archive({ a: Buffer.alloc(800), b: Buffer.alloc(800) })]);
    const read = await readArchive(source, LIMITS);
    expect(read).toEqual({ kind: 'over', entries: 2, bytes: 1600 });
    expect(source.destroyed).toBe(true);
  });

  it('stops past the entry bound and closes the stream', async () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, Buffer.from('x')]));
    const source = Readable.from([await archive(many)]);
    expect(await readArchive(source, LIMITS)).toMatchObject({ kind: 'over', entries: 11 });
    expect(source.destroyed).toBe(true);
  });

  it('ends (with an error) when the stream breaks off mid-archive instead of waiting for more', async () => {
    const whole = await archive({ a: Buffer.alloc(600) });
    const source = new PassThrough();
    source.write(whole.subarray(0, 700));
    const reading = readArchive(source, LIMITS);
    source.destroy(new Error('connection reset'));
    await expect(reading).rejects.toThrow();
  });
});
