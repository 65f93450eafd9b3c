/**
 * Makes sure a Docker Engine answers, and returns a client for it. On our machines no engine runs
 * until something starts it, and docker.io may not even be installed, so as root on Debian we
 * install and start it ourselves; anywhere else we say what the user has to do.
 * Idempotent and cheap when the engine already runs: one ping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import type { Config } from '../config.js';
import { InfraError } from '../errors/infra-error.js';
import { aptInstall } from './apt-install.js';
import { createDockerClient, DEFAULT_SOCKET_PATH, describeDockerHost, dockerOptionsFor } from './docker-client.js';
import { childEnv, findExecutable, hostFacts } from './host.js';

/** A ping that takes longer than this counts as unreachable (a remote host may be slow to connect). */
const PING_TIMEOUT_MS = 5_000;
const POLL_INTERVAL_MS = 250;
const LOG_TAIL_LINES = 30;
/** dockerd writes its pid here; a live one means an engine is already starting, so we must not start a second. */
const DOCKERD_PIDFILE = '/var/run/docker.pid';

export async function ensureEngine(config: Config, log: (line: string) => void): Promise<Docker> {
  const docker = createDockerClient(config);
  const first = await ping(docker);
  if (first === undefined) return docker;

  const where = describeDockerHost(config);
  if (!isLocalDefaultEngine(config)) {
    // A remote or non-default engine is someone else's to run: never install or start one here for it.
    throw new InfraError(
      'ENGINE_UNREACHABLE',
      `the Docker Engine at ${where} does not answer (${describe(first)}); start it, or unset DOCKER_HOST to use a local engine`,
      { dockerHost: where },
      { cause: first },
    );
  }

  const host = await hostFacts();
  if (!host.isRoot || !host.isDebian) {
    const permission = (first as NodeJS.ErrnoException).code === 'EACCES';
    const hint = permission
      ? `permission denied on ${DEFAULT_SOCKET_PATH}: run as root or add this user to the "docker" group`
      : `start it (e.g. "sudo systemctl start docker" or "sudo dockerd &"), or set DOCKER_HOST to a running engine; ` +
        `patchproof installs and starts one itself only when run as root on Debian (this is ${host.osName}${host.isRoot ? '' : ', not root'})`;
    throw new InfraError('ENGINE_UNREACHABLE', `no Docker Engine answers at ${where} (${describe(first)}): ${hint}`, {
      dockerHost: where,
      isRoot: host.isRoot,
      os: host.osName,
    }, { cause: first });
  }

  // Two callers in one process share one start-up instead of racing two dockerds.
  starting ??= startLocalEngine(docker, config, log).finally(() => {
    starting = undefined;
  });
  await starting;
  return docker;
}

let starting: Promise<void> | undefined;

/** True when the client talks to the default local socket, the only engine we may start. */
function isLocalDefaultEngine(config: Config): boolean {
  if (config.DOCKER_HOST === undefined) return true;
  if (!config.DOCKER_HOST.startsWith('unix:')) return false;
  const socket = dockerOptionsFor(config).socketPath; // no file is read for unix://
  return socket === DEFAULT_SOCKET_PATH || socket === '/run/docker.sock'; // /var/run links to /run
}

/** undefined when the engine answered, else why not. */
async function ping(docker: Docker): Promise<Error | undefined> {
  try {
    // dockerode 5 accepts an abortSignal here; @types/dockerode 4 does not declare it yet.
    const pingWithOptions = docker.ping.bind(docker) as unknown as (opts: { abortSignal: AbortSignal }) => Promise<unknown>;
    await pingWithOptions({ abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? error.message : `${code}: ${error.message}`;
}

async function startLocalEngine(docker: Docker, config: Config, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + config.PATCHPROOF_ENGINE_START_TIMEOUT_S * 1000;
  const logFile = config.PATCHPROOF_DOCKERD_LOG;

  let dockerd = await findExecutable('dockerd');
  if (dockerd === undefined) {
    log('dockerd not found: installing docker.io');
    await aptInstall(['docker.io'], log, 'ENGINE_SETUP_FAILED');
    dockerd = await findExecutable('dockerd');
    if (dockerd === undefined) {
      throw new InfraError('ENGINE_SETUP_FAILED', 'docker.io was installed but no dockerd executable was found', {}, {
        cause: new Error('dockerd missing after apt-get install docker.io'),
      });
    }
  }

  // Checked after the install: docker.io's maintainer scripts may have started the engine already.
  const running = await liveDockerdPid();
  let child: ChildProcess | undefined;
  let logOffset = 0;
  if (running !== undefined) {
    // Started by someone else (another patchproof process, an init script) and not answering yet.
    log(`dockerd (pid ${running}) is already running; waiting for it to answer`);
  } else {
    ({ child, logOffset } = await spawnDockerd(dockerd, logFile));
    log(`started ${dockerd} (pid ${child.pid ?? '?'}), log in ${logFile}`);
  }

  // dockerd exiting early (bad config, missing iptables...) should fail at once, not at the deadline.
  let exited: string | undefined;
  child?.once('exit', (code, signal) => {
    exited = code !== null ? `exited with code ${code}` : `was killed by ${signal ?? 'a signal'}`;
  });

  const started = Date.now();
  let last: Error | undefined;
  while (Date.now() < deadline) {
    last = await ping(docker);
    if (last === undefined) {
      log(`Docker Engine answers after ${Date.now() - started} ms`);
      return;
    }
    if (exited !== undefined) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }

  const tail = await logTail(logFile, logOffset);
  const why = exited !== undefined ? `dockerd ${exited}` : `no answer within ${config.PATCHPROOF_ENGINE_START_TIMEOUT_S} s`;
  throw new InfraError(
    'ENGINE_SETUP_FAILED',
    `could not start the Docker Engine: ${why}. Last lines of ${logFile}:\n${tail || '(empty)'}`,
    { logFile, timeoutS: config.PATCHPROOF_ENGINE_START_TIMEOUT_S, dockerdPid: child?.pid ?? running, logTail: tail },
    { cause: last ?? new Error(why) },
  );
}

/** The pid in dockerd's pidfile if that process is alive. */
async function liveDockerdPid(): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(DOCKERD_PIDFILE, 'utf8')).trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    process.kill(pid, 0); // signal 0 only checks the process exists
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * Starts dockerd in its own session with output appended to the log file, and lets it outlive us:
 * the engine is shared machine state, not a child of one validation.
 */
async function spawnDockerd(dockerd: string, logFile: string): Promise<{ child: ChildProcess; logOffset: number }> {
  await mkdir(path.dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  try {
    writeSync(fd, `\n--- patchproof starting dockerd at ${new Date().toISOString()} ---\n`);
    // Only lines after this marker belong to this start; error messages quote from here.
    const logOffset = fstatSync(fd).size;
    const child = spawn(dockerd, [], { detached: true, stdio: ['ignore', fd, fd], env: childEnv() });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (cause) =>
        reject(new InfraError('ENGINE_SETUP_FAILED', `could not run ${dockerd}`, { dockerd, logFile }, { cause })),
      );
    });
    child.unref();
    return { child, logOffset };
  } finally {
    closeSync(fd); // the child has its own copy
  }
}

/** The last lines dockerd wrote since `offset` (reading at most the file's last 64 KiB). */
async function logTail(logFile: string, offset: number): Promise<string> {
  try {
    const handle = await open(logFile, 'r');
    try {
      const size = (await handle.stat()).size;
      const from = Math.max(offset, size - 64 * 1024);
      const buffer = Buffer.alloc(Math.max(0, size - from));
      await handle.read(buffer, 0, buffer.length, from);
      return buffer.toString('utf8').split('\n').filter((l) => l.trim() !== '').slice(-LOG_TAIL_LINES).join('\n');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}
