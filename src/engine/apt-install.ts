/**
 * Installs Debian packages the engine setup needs (docker.io, debootstrap). Callers check first
 * that we are root on Debian; this only runs apt-get and turns failure into an InfraError.
 */
import { InfraError, type InfraCode } from '../errors/infra-error.js';
import { describeEnd, runHostProgram } from './host-program.js';

/** Generous: a fresh docker.io install downloads ~80 MB and runs maintainer scripts. */
const APT_TIMEOUT_MS = 15 * 60_000;

const APT_ENV = { DEBIAN_FRONTEND: 'noninteractive' } as const;
/** Wait for another apt/dpkg run to release its lock instead of failing at once. */
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=300'] as const;

// apt holds a system-wide lock: two installs from this process would only wait on each other.
let queue: Promise<unknown> = Promise.resolve();

export function aptInstall(
  packages: readonly string[],
  log: (line: string) => void,
  failCode: InfraCode,
): Promise<void> {
  const run = queue.then(() => install(packages, log, failCode));
  queue = run.catch(() => undefined);
  return run;
}

async function install(packages: readonly string[], log: (line: string) => void, failCode: InfraCode): Promise<void> {
  // `update` first: on a fresh machine the package lists are empty and install finds nothing.
  const steps: ReadonlyArray<readonly string[]> = [['update'], ['install', '-y', '--no-upgrade', ...packages]];
  for (const step of steps) {
    log(`apt-get ${step.join(' ')}`);
    let result;
    try {
      result = await runHostProgram('apt-get', [...LOCK_WAIT, ...step], {
        timeoutMs: APT_TIMEOUT_MS,
        env: APT_ENV,
        onLine: (line) => log(`  ${line}`),
      });
    } catch (cause) {
      throw new InfraError(failCode, `could not run apt-get to install ${packages.join(', ')}`, { packages }, { cause });
    }
    if (result.code !== 0) {
      const how = describeEnd(result, APT_TIMEOUT_MS);
      throw new InfraError(
        failCode,
        `apt-get ${step[0]} ${how} while installing ${packages.join(', ')}:\n${result.tail}`,
        { packages, step, exitCode: result.code, signal: result.signal, timedOut: result.timedOut, outputTail: result.tail },
        { cause: new Error(`apt-get ${step[0]} ${how}`) },
      );
    }
  }
}
