/** A private copy of the example project in a temporary folder, to change freely in one test. */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-root.js';

export const EXAMPLE_PROJECT = join(PACKAGE_ROOT, 'examples', 'calc');

export async function scratchProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'patchproof-test-'));
  const project = join(dir, 'calc');
  await cp(EXAMPLE_PROJECT, project, { recursive: true });
  return project;
}

export async function exampleFile(path: string): Promise<string> {
  return readFile(join(EXAMPLE_PROJECT, path), 'utf8');
}
