/**
 * The image build context as a tar stream made with tar-stream: the template's files at the top,
 * the project under project/. Built from the snapshot, so what is hashed is what is sent.
 * Owners and modes are normalised: nothing in the context carries the host's uids or setuid bits.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { ProjectSnapshot } from '../project/project-snapshot.js';

export interface TemplateFile {
  readonly path: string;
  readonly content: Buffer;
}

export async function readTemplate(dir: string): Promise<TemplateFile[]> {
  const files: TemplateFile[] = [];
  async function walk(rel: string): Promise<void> {
    for (const entry of (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push({ path, content: await readFile(join(dir, path)) });
    }
  }
  await walk('');
  return files;
}

const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

/** Where the dependency manifests go in the context (templates COPY them before the project). */
export const DEPS_CONTEXT_DIR = 'deps/project';

export function buildContext(template: readonly TemplateFile[], snapshot: ProjectSnapshot, manifests: readonly TemplateFile[] = []): Readable {
  const pack = tar.pack();
  // A fixed date keeps the context reproducible; not 0: some tools (maven-resources-plugin)
  // take a 1970 mtime for "no such file" and skip it.
  const base = { uid: 0, gid: 0, mtime: FIXED_MTIME };
  void (async () => {
    try {
      for (const file of template) pack.entry({ ...base, name: file.path, mode: 0o644 }, file.content);
      // Flat: a manifest's folder does not matter to the resolvers, its name does.
      pack.entry({ ...base, name: DEPS_CONTEXT_DIR, type: 'directory', mode: 0o755 });
      for (const file of manifests) pack.entry({ ...base, name: `${DEPS_CONTEXT_DIR}/${file.path.replaceAll('/', '__')}`, mode: 0o644 }, file.content);
      pack.entry({ ...base, name: 'project', type: 'directory', mode: 0o755 });
      for (const entry of snapshot.entries.values()) {
        const name = `project/${entry.path}`;
        if (entry.type === 'dir') pack.entry({ ...base, name, type: 'directory', mode: 0o755 });
        else if (entry.type === 'symlink') pack.entry({ ...base, name, type: 'symlink', linkname: entry.linkTarget ?? '', mode: 0o777 });
        else pack.entry({ ...base, name, mode: entry.executable ? 0o755 : 0o644 }, await readFile(join(snapshot.root, entry.path)));
      }
      pack.finalize();
    } catch (error) {
      pack.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  // tar-stream packs are streamx streams; dockerode wants a Node stream of bytes.
  return Readable.from(pack, { objectMode: false });
}
