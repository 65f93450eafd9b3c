/**
 * Reads a tar stream from getArchive into memory: regular files only, bounded in count and
 * bytes (a test that floods it is at fault), names relative to the archived folder. Links in a report folder are ignored: a test
 * could plant one to make us read something else.
 */
import tar from 'tar-stream';
import { ProposalFault } from '../errors/proposal-fault.js';

export interface ArchiveLimits {
  readonly maxFiles: number;
  readonly maxBytes: number;
}

export async function readArchive(stream: NodeJS.ReadableStream, limits: ArchiveLimits): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  let total = 0;
  stream.pipe(extract);
  for await (const entry of extract) {
    const name = entry.header.name.split('/').slice(1).join('/');
    if (entry.header.type !== 'file' || name === '') {
      entry.resume();
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of entry) {
      if (!Buffer.isBuffer(chunk)) continue;
      total += chunk.length;
      if (total > limits.maxBytes) throw new ProposalFault('REPORTS_TOO_LARGE', `report folder is larger than ${limits.maxBytes} bytes`, { maxBytes: limits.maxBytes });
      chunks.push(chunk);
    }
    files.set(name, Buffer.concat(chunks));
    if (files.size > limits.maxFiles) throw new ProposalFault('REPORTS_TOO_LARGE', `report folder holds more than ${limits.maxFiles} files`, { maxFiles: limits.maxFiles });
  }
  return files;
}
