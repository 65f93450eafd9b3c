/**
 * One validation's container and its workspace volume. `open` registers each resource with the
 * validation's releasers the moment it exists, so a failure half-way through set-up still
 * removes everything; `release` is idempotent.
 */
import type Docker from 'dockerode';
import { InfraError } from '../errors/infra-error.js';
import type { Releasers } from '../pipeline/releasers.js';
import { WORKSPACE } from '../toolchains/toolchain.js';
import type { CommandResult } from './command-result.js';
import { hardenedContainerSpec, type SandboxLimits, workspaceVolumeSpec } from './hardened-spec.js';
import { readArchive } from './read-archive.js';
import { NO_STATS, parseStats, type ResourceStats } from './resource-stats.js';
import { runCommand } from './run-command.js';

export interface OutputCaps {
  readonly keepBytes: number;
  readonly limitBytes: number;
}

export class Sandbox {
  private killed = false;
  private removed = false;

  private constructor(
    readonly container: Docker.Container,
    private readonly caps: OutputCaps,
  ) {}

  get id(): string {
    return this.container.id;
  }

  get alive(): boolean {
    return !this.killed;
  }

  static async open(docker: Docker, image: string, name: string, limits: SandboxLimits, caps: OutputCaps, labels: Record<string, string>, releasers: Releasers): Promise<Sandbox> {
    const volumeName = `${name}-ws`;
    try {
      await docker.createVolume(workspaceVolumeSpec(volumeName, limits, labels));
    } catch (cause) {
      throw new InfraError('CONTAINER_FAILED', `could not create the workspace volume ${volumeName}`, { volume: volumeName }, { cause });
    }
    // Registered before the container: released after it (LIFO), once nothing uses it.
    releasers.add(`volume ${volumeName}`, () => removeVolume(docker, volumeName));
    let container: Docker.Container;
    try {
      container = await docker.createContainer({ name, ...hardenedContainerSpec(image, volumeName, limits, labels) });
    } catch (cause) {
      throw new InfraError('CONTAINER_FAILED', `could not create the sandbox container from ${image}`, { image, name }, { cause });
    }
    const sandbox = new Sandbox(container, caps);
    releasers.add(`container ${container.id.slice(0, 12)}`, () => sandbox.release());
    try {
      await container.start();
    } catch (cause) {
      throw new InfraError('CONTAINER_FAILED', `could not start the sandbox container`, { containerId: container.id }, { cause });
    }
    return sandbox;
  }

  run(command: readonly string[], timeoutMs: number, options: { env?: readonly string[] } = {}): Promise<CommandResult> {
    return runCommand(this.container, command, {
      timeoutMs,
      keepBytes: this.caps.keepBytes,
      limitBytes: this.caps.limitBytes,
      workdir: WORKSPACE,
      ...(options.env === undefined ? {} : { env: options.env }),
      stop: () => this.kill(),
    });
  }

  /** Extracts a tar archive into the workspace (a volume, so the engine may write there). */
  async upload(archive: Buffer, path = WORKSPACE): Promise<void> {
    try {
      await this.container.putArchive(archive, { path });
    } catch (cause) {
      throw new InfraError('ARCHIVE_FAILED', `could not upload the changes into the sandbox`, { containerId: this.id, path }, { cause });
    }
  }

  /** The regular files under a workspace folder; an empty map when the folder does not exist. */
  async download(path: string, limits: { maxFiles: number; maxBytes: number }): Promise<Map<string, Buffer>> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.container.getArchive({ path });
    } catch (cause) {
      if (statusCode(cause) === 404) return new Map();
      throw new InfraError('ARCHIVE_FAILED', `could not read ${path} from the sandbox`, { containerId: this.id, path }, { cause });
    }
    return readArchive(stream, limits);
  }

  async stats(): Promise<ResourceStats> {
    if (this.killed) return NO_STATS;
    try {
      // one-shot: the engine otherwise waits a second to sample CPU twice; we want totals.
      return parseStats(await this.container.stats({ stream: false, 'one-shot': true }));
    } catch {
      return NO_STATS;
    }
  }

  /**
   * How many processes the kernel killed for want of memory. An OOM kill inside an exec leaves
   * State.OOMKilled false (SANDBOX.md P4), so the cgroup's own counter is read instead.
   */
  async oomKills(): Promise<number> {
    if (this.killed) return (await this.inspectOomKilled()) ? 1 : 0;
    const read = await this.run(['sh', '-c', 'cat /sys/fs/cgroup/memory/memory.oom_control 2>/dev/null || cat /sys/fs/cgroup/memory.events'], 10_000);
    const match = /^oom_kill (\d+)$/m.exec(read.stdout);
    if (match?.[1] !== undefined) return Number(match[1]);
    return (await this.inspectOomKilled()) ? 1 : 0;
  }

  private async inspectOomKilled(): Promise<boolean> {
    try {
      return (await this.container.inspect()).State.OOMKilled;
    } catch {
      return false;
    }
  }

  /** The sure way to stop everything running inside. */
  async kill(): Promise<void> {
    if (this.killed) return;
    this.killed = true;
    try {
      await this.container.kill({ signal: 'SIGKILL' });
    } catch (cause) {
      const code = statusCode(cause);
      // 409: already stopped; 404: already gone. Both mean nothing runs any more.
      if (code !== 409 && code !== 404) throw new InfraError('CONTAINER_FAILED', 'could not kill the sandbox container', { containerId: this.id }, { cause });
    }
  }

  async release(): Promise<void> {
    if (this.removed) return;
    try {
      await this.container.remove({ force: true, v: true });
    } catch (cause) {
      if (statusCode(cause) !== 404) throw new InfraError('CONTAINER_FAILED', 'could not remove the sandbox container', { containerId: this.id }, { cause });
    }
    this.removed = true;
    this.killed = true;
  }

}

async function removeVolume(docker: Docker, name: string): Promise<void> {
  try {
    await docker.getVolume(name).remove({ force: true });
  } catch (cause) {
    if (statusCode(cause) !== 404) throw new InfraError('CONTAINER_FAILED', `could not remove volume ${name}`, { volume: name }, { cause });
  }
}

export function statusCode(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return null;
}
