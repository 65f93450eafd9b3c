/**
 * Reads a tar stream from getArchive into memory: regular files only, names relative to the
 * archived folder. Links in a report folder are ignored: a test could plant one to make us read
 * something else.
 *
 * Bounded in entries and bytes: the folder was measured inside the sandbox first
 * (report-folder.ts), so these bounds only hold if something grew between the two. Past them the
 * read stops and says how far it got (a fact, not a verdict), and the stream is closed on every
 * way out: an engine left writing into a connection nobody reads keeps the container locked.
 */
import { pipeline } from 'node:stream';
import tar from 'tar-stream';
import { closeStream } from '../engine/engine-deadline.js';

export interface ArchiveLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

export type ArchiveRead =
  | { readonly kind: 'read'; readonly files: Map<string, Buffer> }
  /** Stopped at a limit: at least this many entries and bytes were there. */
  | { readonly kind: 'over'; readonly entries: number; readonly bytes: number };

export async function readArchive(stream: NodeJS.ReadableStream, limits: ArchiveLimits): Promise<ArchiveRead> {
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  let entries = 0;
  let bytes = 0;
  // pipeline, not pipe: a source that fails or closes early must end the loop below, not stall it.
  pipeline(stream, extract, () => undefined);
  try {
    for await (const entry of extract) {
      const name = entry.header.name.split('/').slice(1).join('/');
      if (name !== '') entries++;
      if (entries > limits.maxEntries) return { kind: 'over', entries, bytes };
      if (entry.header.type !== 'file' || name === '') {
        entry.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry) {
        if (!Buffer.isBuffer(chunk)) continue;
        bytes += chunk.length;
        if (bytes > limits.maxBytes) return { kind: 'over', entries, bytes };
        chunks.push(chunk);
      }
      files.set(name, Buffer.concat(chunks));
    }
    return { kind: 'read', files };
  } finally {
    closeStream(stream);
    extract.destroy();
  }
}
