/**
 * The tar archive that puts a run's files into its sandbox: the code's folder and every file in
 * it owned by root and read-only (the code runs as the sandbox user, so it can neither rewrite
 * nor delete its own files or a step's tests; the workspace is root's and sticky, so the folder
 * cannot be renamed away and replaced either: sandbox/hardened-spec.ts), and the stdin file. Only regular
 * files and folders, whatever the request says.
 */
import tar from 'tar-stream';
import { projectPathProblem } from '../changes/project-path.js';
import { InputError } from '../errors/input-error.js';

export interface CodeFile {
  readonly path: string;
  readonly content: Buffer;
}

const ROOT = { uid: 0, gid: 0, mtime: new Date('2000-01-01T00:00:00Z') };

/** Paths are relative to the workspace: `code/...` and `.stdin`. */
export async function codeArchive(files: readonly CodeFile[], stdin: Buffer): Promise<Buffer> {
  const seen = new Set<string>();
  for (const file of files) {
    const problem = projectPathProblem(file.path);
    if (problem !== null) throw new InputError(`the path "${file.path}" ${problem}`, { path: file.path }, { field: 'files' });
    if (seen.has(file.path)) throw new InputError(`the path "${file.path}" is given twice (a test file cannot replace the code's main file)`, { path: file.path }, { field: 'files' });
    seen.add(file.path);
  }
  const pack = tar.pack();
  const dirs = new Set<string>(['code']);
  for (const file of files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i += 1) dirs.add(`code/${parts.slice(0, i).join('/')}`);
  }
  for (const dir of [...dirs].sort()) pack.entry({ ...ROOT, name: dir, type: 'directory', mode: 0o755 });
  for (const file of files) pack.entry({ ...ROOT, name: `code/${file.path}`, mode: 0o444 }, file.content);
  pack.entry({ ...ROOT, name: '.stdin', mode: 0o444 }, stdin);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) if (Buffer.isBuffer(chunk)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
