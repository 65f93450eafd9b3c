/**
 * The container a validation runs in, hardened by default: no network, non-root, no
 * capabilities, no new privileges, an init reaping orphans, read-only root, bounded memory (no
 * swap beyond it), CPU and processes, no container log. The workspace is a tmpfs-backed volume:
 * size-capped like a tmpfs, yet the engine can put and get archives there (it cannot on a plain
 * tmpfs under a read-only root, docs/sandbox.md P14).
 *
 * Two users: the init and the idle main process run as KEEPER, every command as the sandbox user
 * (EXEC_USER). Without capabilities a process may signal only its own user's processes, so the
 * tests cannot kill PID 1 or the main process (whose death stops the container and unmounts the
 * workspace with the reports in it), while `kill -9 -1` run as the sandbox user reaches everything
 * the tests started, however it was detached (reaper.ts). It also hides PID 1's environment.
 */
import type Docker from 'dockerode';
import { keeperCommand } from './command-wrapper.js';
import { SANDBOX_GID, SANDBOX_UID, WORKSPACE } from './layout.js';

/** Owns PID 1 and the main process; owns no file. Any uid but the sandbox user's and root's. */
export const KEEPER_UID = 1001;
export const KEEPER_GID = 1001;
/** Who every exec runs as: the owner of the workspace. */
export const EXEC_USER = `${SANDBOX_UID}:${SANDBOX_GID}`;

export interface SandboxLimits {
  readonly memoryBytes: number;
  readonly cpus: number;
  readonly pidsLimit: number;
  readonly workspaceBytes: number;
  readonly tmpBytes: number;
  /**
   * Root owns the workspace, sticky and writable by all (1777): what root puts there (a run's code
   * and a step's tests, runtimes/code-archive.ts) the sandbox user can neither rename nor delete.
   * Runs only; a validation's workspace belongs to the sandbox user.
   */
  readonly rootOwnedWorkspace?: boolean;
}

export function workspaceVolumeSpec(name: string, limits: SandboxLimits, labels: Record<string, string>): Docker.VolumeCreateOptions {
  return {
    Name: name,
    Driver: 'local',
    DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: `size=${limits.workspaceBytes},${limits.rootOwnedWorkspace === true ? 'uid=0,gid=0,mode=1777' : `uid=${SANDBOX_UID},gid=${SANDBOX_GID},mode=0755`},nosuid,nodev` },
    Labels: labels,
  };
}

/** Every mount the tests can write to: watched for filling up (reaper.ts). */
export const WRITABLE_MOUNTS = [WORKSPACE, '/tmp', '/dev/shm'] as const;

export function hardenedContainerSpec(image: string, volume: string, limits: SandboxLimits, labels: Record<string, string>): Docker.ContainerCreateOptions {
  return {
    Image: image,
    // The container only idles (once the command wrapper is made); every command is an exec with its own deadline.
    Cmd: keeperCommand(),
    User: `${KEEPER_UID}:${KEEPER_GID}`,
    WorkingDir: WORKSPACE,
    // Nothing of the worker's environment: only what the tools need to behave the same everywhere.
    Env: ['HOME=/tmp', 'LANG=C.UTF-8', 'TZ=UTC', 'PATH=/usr/local/bin:/usr/bin:/bin', 'CI=true', 'PYTHONDONTWRITEBYTECODE=1'],
    Labels: labels,
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      Init: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Privileged: false,
      PidsLimit: limits.pidsLimit,
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      NanoCpus: Math.round(limits.cpus * 1e9),
      Ulimits: [{ Name: 'nofile', Soft: 4096, Hard: 4096 }],
      Tmpfs: { '/tmp': `rw,exec,nosuid,nodev,size=${limits.tmpBytes},mode=1777` },
      // The engine's /dev/shm is a writable tmpfs too (64 MiB unless set): sized like /tmp.
      ShmSize: limits.tmpBytes,
      Mounts: [{ Type: 'volume', Source: volume, Target: WORKSPACE, ReadOnly: false }],
      LogConfig: { Type: 'none', Config: {} },
      AutoRemove: false,
    },
  };
}
