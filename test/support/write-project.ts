/** A small project written from a map of files into a fresh temporary folder. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export async function writeProject(name: string, files: Readonly<Record<string, string>>): Promise<string> {
  const project = join(await mkdtemp(join(tmpdir(), `patchproof-${name}-`)), name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(project, path)), { recursive: true });
    await writeFile(join(project, path), content);
  }
  return project;
}
