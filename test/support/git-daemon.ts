/** A git daemon on loopback serving a bare copy of the example project (branch main), for clone tests. */
import { execFileSync, spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { EXAMPLE_PROJECT } from './scratch-project.js';
import { waitFor } from './worker-harness.js';

export interface GitDaemon {
  readonly url: string;
  stop(): void;
}

export async function gitDaemon(work: string): Promise<GitDaemon> {
  const source = join(work, 'calc-src');
  await cp(EXAMPLE_PROJECT, source, { recursive: true });
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd, stdio: 'pipe' });
  git(source, 'init', '-q', '-b', 'main');
  git(source, 'add', '-A');
  git(source, 'commit', '-q', '-m', 'calc');
  const base = join(work, 'served');
  execFileSync('git', ['clone', '-q', '--bare', source, join(base, 'calc.git')], { stdio: 'pipe' });
  const port = await freePort();
  const daemon = spawn('git', ['daemon', '--reuseaddr', '--export-all', `--base-path=${base}`, '--listen=127.0.0.1', `--port=${port}`, base], { stdio: 'ignore' });
  await waitFor('the git daemon', () => new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => { socket.end(); resolve(true); });
    socket.on('error', () => resolve(false));
  }), 10_000);
  return { url: `git://127.0.0.1:${port}`, stop: () => void daemon.kill() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
