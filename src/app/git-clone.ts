/**
 * A shallow clone of one branch or tag onto the host, for build_and_execute_from_git. Only
 * https:// and git:// URLs without credentials; git runs with no user or system config (no
 * credential helpers, no filters, no prompts) and with every other transport refused, so a URL
 * cannot reach `file://`, `ext::` (which runs a command) or ssh. No submodules, no hooks (a
 * clone runs none from the remote). Bounded in time; the caller removes the folder.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors/input-error.js';

export const GitUrl = z
  .url({ protocol: /^(https|git)$/, error: 'must be an https:// or git:// URL' })
  .refine((text) => { const u = new URL(text); return u.username === '' && u.password === ''; }, 'must not carry credentials');
export const GitRef = z.string().regex(/^(?!-)(?!.*\.\.)[A-Za-z0-9._\/-]{1,200}$/, 'must be a branch or tag name (letters, digits, ".", "_", "/", "-"; not starting with "-")');

export interface Clone {
  readonly dir: string;
  remove(): Promise<void>;
}

export async function shallowClone(url: string, ref: string, timeoutMs: number): Promise<Clone> {
  const home = await mkdtemp(join(tmpdir(), 'patchproof-git-'));
  const dir = join(home, 'repo');
  const remove = () => rm(home, { recursive: true, force: true });
  const args = ['-c', 'protocol.allow=never', '-c', 'protocol.https.allow=always', '-c', 'protocol.git.allow=always', 'clone', '--quiet', '--depth', '1', '--single-branch', '--no-tags', '--branch', ref, '--', url, dir];
  // Nothing of our environment (tokens, DOCKER_*) reaches git, nor any config that would.
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', GIT_LFS_SKIP_SMUDGE: '1' };
  try {
    await new Promise<void>((resolve, reject) => {
      execFile('git', args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
        if (error === null) return resolve();
        const why = error.killed === true ? `took longer than ${timeoutMs / 1000} s` : stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500);
        reject(new InputError(`could not clone ${url} at "${ref}": ${why}`, { url, ref }, { cause: error, code: 'project_unusable', field: 'url' }));
      });
    });
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}
