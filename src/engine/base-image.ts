/**
 * Makes sure the base image every validation image is built on exists in the engine. Tries, in
 * order: it is already there; pull it from a registry; build it with debootstrap from the host's
 * apt mirror. The last is what works on our machines, which reach Debian's mirror but no registry.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import type { Config } from '../config.js';
import { InfraError } from '../errors/infra-error.js';
import { engineFailure } from './engine-error.js';
import { aptInstall } from './apt-install.js';
import { hostAptMirror } from './apt-mirror.js';
import { childEnv, findExecutable, hostFacts } from './host.js';
import { describeProgressEvent, followProgressStream } from './progress-stream.js';
import { describeEnd, runHostProgram } from './host-program.js';
import { unmountUnder } from './unmount-under.js';

export type BaseImageHow = 'present' | 'pulled' | 'debootstrapped';

export interface BaseImage {
  readonly image: string;
  readonly how: BaseImageHow;
}

/** The Debian release the base image holds (the image name's tag is only a label). */
export const DEBIAN_SUITE = 'bookworm';
/** A pull that sends nothing for this long is stuck (an unreachable registry usually fails at once). */
const PULL_IDLE_TIMEOUT_MS = 60_000;
/** An image that runs `docker run IMAGE` without a command does something sensible. */
const IMAGE_CHANGES = ['CMD ["/bin/bash"]'];
/**
 * Where the root file system is built: /var/tmp rather than /tmp, because debootstrap needs device
 * nodes and executables there and /tmp is often a nodev tmpfs.
 */
const ROOTFS_PARENT = '/var/tmp';

// One build per image per process; a second caller waits for the first.
const inFlight = new Map<string, Promise<BaseImage>>();

export function ensureBaseImage(docker: Docker, config: Config, log: (line: string) => void): Promise<BaseImage> {
  const image = config.PATCHPROOF_BASE_IMAGE;
  let pending = inFlight.get(image);
  if (pending === undefined) {
    pending = provide(docker, config, log).finally(() => inFlight.delete(image));
    inFlight.set(image, pending);
  }
  return pending;
}

async function provide(docker: Docker, config: Config, log: (line: string) => void): Promise<BaseImage> {
  const image = config.PATCHPROOF_BASE_IMAGE;
  if (await imageExists(docker, image)) return { image, how: 'present' };

  const timeoutMs = config.PATCHPROOF_IMAGE_BUILD_TIMEOUT_S * 1000;
  const pullRef = config.PATCHPROOF_BASE_IMAGE_PULL.trim();
  let pullFailure: Error | undefined;
  if (pullRef !== '') {
    const started = Date.now();
    log(`base image ${image} missing: pulling ${pullRef}`);
    try {
      await pull(docker, pullRef, timeoutMs, log);
      await docker.getImage(pullRef).tag(splitImageName(image));
      await verify(docker, image, 'pulled');
      log(`pulled ${pullRef} as ${image} in ${Date.now() - started} ms`);
      return { image, how: 'pulled' };
    } catch (error) {
      pullFailure = error instanceof Error ? error : new Error(String(error));
      log(`pull of ${pullRef} failed after ${Date.now() - started} ms: ${pullFailure.message}`);
    }
  }

  await debootstrapImage(docker, config, image, timeoutMs, log, pullFailure);
  return { image, how: 'debootstrapped' };
}

async function imageExists(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (error) {
    if (engineFailure(error) === 'missing') return false;
    throw new InfraError('ENGINE_UNREACHABLE', `could not inspect image ${image}`, { image }, { cause: error });
  }
}

async function verify(docker: Docker, image: string, how: BaseImageHow): Promise<void> {
  try {
    await docker.getImage(image).inspect();
  } catch (cause) {
    throw new InfraError('BASE_IMAGE_UNAVAILABLE', `${image} is not in the engine after it was ${how}`, { image, how }, { cause });
  }
}

async function pull(docker: Docker, ref: string, timeoutMs: number, log: (line: string) => void): Promise<void> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs); // covers waiting for the response headers
  try {
    const stream = await docker.pull(ref, { abortSignal: abort.signal });
    let last: string | undefined;
    await followProgressStream(stream, {
      timeoutMs,
      idleTimeoutMs: PULL_IDLE_TIMEOUT_MS,
      onEvent: (event) => {
        const line = describeProgressEvent(event);
        if (line !== undefined && line !== last) log(`  ${line}`);
        last = line ?? last;
      },
    });
  } finally {
    clearTimeout(timer);
  }
}

/** "a/b:tag" → { repo: "a/b", tag: "tag" } (the config guarantees a tag after the last colon). */
export function splitImageName(image: string): { repo: string; tag: string } {
  const colon = image.lastIndexOf(':');
  if (colon <= image.lastIndexOf('/')) return { repo: image, tag: 'latest' };
  return { repo: image.slice(0, colon), tag: image.slice(colon + 1) };
}

async function debootstrapImage(
  docker: Docker,
  config: Config,
  image: string,
  timeoutMs: number,
  log: (line: string) => void,
  pullFailure: Error | undefined,
): Promise<void> {
  const pulled = pullFailure === undefined ? '' : ` (pulling ${config.PATCHPROOF_BASE_IMAGE_PULL} failed: ${pullFailure.message})`;
  const host = await hostFacts();
  let debootstrap = await findExecutable('debootstrap');
  if (!host.isRoot || (debootstrap === undefined && !host.isDebian)) {
    throw new InfraError(
      'BASE_IMAGE_UNAVAILABLE',
      `base image ${image} is missing${pulled}, and building it with debootstrap needs root${host.isDebian ? '' : ' on Debian'}. ` +
        `Build it once as root: debootstrap --variant=minbase ${DEBIAN_SUITE} DIR MIRROR && tar -C DIR -c . | docker import - ${image}`,
      { image, isRoot: host.isRoot, os: host.osName, pullFailure: pullFailure?.message },
      { cause: pullFailure ?? new Error('not root') },
    );
  }
  if (debootstrap === undefined) {
    log('debootstrap not found: installing it');
    await aptInstall(['debootstrap'], log, 'BASE_IMAGE_UNAVAILABLE');
    debootstrap = await findExecutable('debootstrap');
    if (debootstrap === undefined) {
      throw new InfraError('BASE_IMAGE_UNAVAILABLE', 'debootstrap was installed but not found', { image }, {
        cause: new Error('debootstrap missing after apt-get install'),
      });
    }
  }

  const mirror = await hostAptMirror(config, undefined, DEBIAN_SUITE);
  const started = Date.now();
  const dir = await mkdtemp(path.join(ROOTFS_PARENT, 'patchproof-rootfs-'));
  try {
    log(`debootstrap --variant=minbase ${DEBIAN_SUITE} ${dir} ${mirror}`);
    let result;
    try {
      result = await runHostProgram(debootstrap, ['--variant=minbase', DEBIAN_SUITE, dir, mirror], {
        timeoutMs,
        onLine: (line) => log(`  ${line}`),
      });
    } catch (cause) {
      throw new InfraError('BASE_IMAGE_UNAVAILABLE', `could not run ${debootstrap}`, { image, mirror }, { cause });
    }
    if (result.code !== 0) {
      // debootstrap's own log says which package or download failed; its output often does not.
      const detail = await readFile(path.join(dir, 'debootstrap', 'debootstrap.log'), 'utf8')
        .then((text) => text.trimEnd().split('\n').slice(-20).join('\n'))
        .catch(() => result.tail);
      const how = describeEnd(result, timeoutMs);
      throw new InfraError(
        'BASE_IMAGE_UNAVAILABLE',
        `debootstrap ${how} building ${image} from ${mirror}${pulled}:\n${detail}`,
        { image, mirror, exitCode: result.code, signal: result.signal, timedOut: result.timedOut, outputTail: detail },
        { cause: new Error(`debootstrap ${how}`) },
      );
    }
    // debootstrap writes the mirror it used into the root's sources list; an image must not keep it
    // (it may be a URL with credentials). Each template writes its own while it installs.
    await rm(path.join(dir, 'etc', 'apt', 'sources.list'), { force: true });
    log(`debootstrap finished in ${Math.round(result.durationMs / 1000)} s; importing as ${image}`);
    await importRootfs(docker, dir, image, timeoutMs, log);
    await verify(docker, image, 'debootstrapped');
    log(`built ${image} with debootstrap in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await removeRootfs(dir, log);
  }
}

/**
 * Streams `tar -C DIR -c .` into the engine's image import, so the engine may be remote: nothing
 * but the HTTP connection links the two.
 */
async function importRootfs(docker: Docker, dir: string, image: string, timeoutMs: number, log: (line: string) => void): Promise<void> {
  const tar = spawn('tar', ['--numeric-owner', '-C', dir, '-c', '.'], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let tarError = '';
  tar.stderr.on('data', (chunk: Buffer) => {
    tarError = (tarError + chunk.toString('utf8')).slice(-4000);
  });
  const tarEnded = new Promise<{ code: number | null; error?: Error }>((resolve) => {
    tar.once('error', (error) => resolve({ code: null, error }));
    tar.once('close', (code) => resolve({ code }));
  });

  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const { repo, tag } = splitImageName(image);
    const stream = await docker.importImage(tar.stdout, { repo, tag, changes: IMAGE_CHANGES, abortSignal: abort.signal });
    const events = await followProgressStream(stream, { timeoutMs });
    const id = events.map((e) => e.status).filter((s) => s?.startsWith('sha256:')).at(-1);
    log(`  imported ${id ?? '(no id reported)'}`);
  } catch (cause) {
    tar.kill('SIGKILL');
    throw new InfraError('BASE_IMAGE_UNAVAILABLE', `importing the debootstrapped root file system as ${image} failed`, { image, dir }, { cause });
  } finally {
    clearTimeout(timer);
  }

  // The engine accepts whatever arrived, so a tar that failed part-way leaves a truncated image.
  const ended = await tarEnded;
  if (ended.code !== 0) {
    await docker.getImage(image).remove().catch(() => undefined);
    throw new InfraError(
      'BASE_IMAGE_UNAVAILABLE',
      `tar of the root file system failed (${ended.error?.message ?? `exit ${String(ended.code)}`}): ${tarError.trim()}`,
      { image, dir, exitCode: ended.code, stderr: tarError },
      { cause: ended.error ?? new Error(`tar exit ${String(ended.code)}`) },
    );
  }
}

/**
 * Removes the build directory. debootstrap mounts /proc, /sys and (in containers) binds host
 * device nodes inside it, and leaves them mounted if it is killed; deleting through a mount would
 * delete the host's files, so anything still mounted there is unmounted first, and if that fails
 * the directory is left in place.
 */
async function removeRootfs(dir: string, log: (line: string) => void): Promise<void> {
  const stillMounted = await unmountUnder(dir);
  if (stillMounted.length > 0) {
    log(`left ${dir} in place: could not unmount ${stillMounted.join(', ')}`);
    return;
  }
  await rm(dir, { recursive: true, force: true }).catch((error: unknown) => {
    log(`could not remove ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  });
}
