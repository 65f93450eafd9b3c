/** Where the image keeps the project, and the copy of it that starts every workspace. */
import { InfraError } from '../errors/infra-error.js';
import { WORKSPACE } from './layout.js';
import type { Sandbox } from './sandbox.js';

export const PROJECT_COPY = '/opt/patchproof/project';

export const COPY_PROJECT = `cp -R -p -- ${PROJECT_COPY}/. ${WORKSPACE}/`;

/** The project copied into a fresh workspace: what a warm sandbox has done before it is taken. */
export async function copyProject(sandbox: Sandbox, timeoutMs: number): Promise<void> {
  const done = await sandbox.run(['sh', '-c', COPY_PROJECT], timeoutMs);
  if (done.exitCode !== 0) {
    throw new InfraError('EXEC_FAILED', `copying the project into the workspace failed (exit code ${done.exitCode ?? 'none'}): ${done.stderr.trim().slice(0, 500)}`, { what: 'copying the project into the workspace' });
  }
}
