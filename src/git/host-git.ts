/**
 * The host's git, for project mirrors. Unlike the MCP clone (app/git-clone.ts) this is the
 * operator's own git: their credential helpers, ssh agent and config apply, because that is how
 * private repositories are reached without patchproof holding a secret. Our own variables
 * (API tokens, database URL) are not passed on; git never prompts; only the transports a URL
 * may name are allowed (no `ext::`, which runs a command). Bounded in time and output.
 */
import { execFile } from 'node:child_process';
import { redactUrl } from './project-git-url.js';

export class GitFailed extends Error {
  override readonly name = 'GitFailed';
  constructor(
    /** git's last lines of stderr, credentials blanked, or why it was stopped. */
    readonly detail: string,
    readonly timedOut: boolean,
    options: { cause: unknown },
  ) {
    super(detail, options);
  }
}

export interface GitOptions {
  readonly cwd?: string;
  readonly timeoutMs: number;
  readonly maxBytes?: number;
}

export function hostGit(args: readonly string[], options: GitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd: options.cwd, env: gitEnv(), timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: options.maxBytes ?? 16 * 1024 * 1024, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      const timedOut = error.killed === true;
      // git's own words, errors first (the hint lines after them say less).
      const lines = stderr.toString('utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
      const said = redactUrl([...lines.filter((l) => /^(fatal|error):/.test(l)), ...lines.filter((l) => !/^(fatal|error):/.test(l))].slice(0, 3).join(' ')).slice(0, 500);
      reject(new GitFailed(timedOut ? `git took longer than ${Math.round(options.timeoutMs / 1000)} s` : said || `git exited with ${String(error.code)}`, timedOut, { cause: error }));
    });
  });
}

export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PATCHPROOF_')) env[key] = value;
  // ssh asks nothing either: a key the agent does not hold fails rather than waiting on a tty.
  return { ...env, GIT_SSH_COMMAND: env['GIT_SSH_COMMAND'] ?? 'ssh -o BatchMode=yes', GIT_TERMINAL_PROMPT: '0', GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh', GIT_LFS_SKIP_SMUDGE: '1', LC_ALL: 'C' };
}
