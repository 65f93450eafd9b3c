/**
 * What the doctor runs inside a sandbox container, one exec per probe, as the container's own
 * user (the one every validation command runs as). Probes only read, create a file, or ask the
 * resolver for a name: none opens a connection, so a sandbox that has a network still reaches
 * nothing but its resolver. Every probe returns an outcome, even when it could not be started.
 */
import type { CommandResult } from '../sandbox/command-result.js';
import { WORKSPACE } from '../sandbox/layout.js';

export const PROBE_NAMES = [
  'uid',
  'status',
  'interfaces',
  'dns',
  'rootfs-write',
  'workspace-write',
  'workspace-df',
  'tmp-write',
  'tmp-df',
  'engine-socket',
  'cgroup',
  'pid1',
] as const;

export type ProbeName = (typeof PROBE_NAMES)[number];

export interface ProbeResult {
  readonly command: readonly string[];
  /** null when the probe could not be started or did not finish. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export type ProbeResults = Readonly<Record<ProbeName, ProbeResult>>;

/** The files a validation must not be able to create: one on the image's root, one per writable mount. */
export const ROOTFS_PROBE_FILE = '/patchproof-doctor-probe';
const WRITE_PROBE_FILE = '.patchproof-doctor-probe';

/** Where engines put their control sockets; none may be visible inside. */
const ENGINE_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/run/containerd/containerd.sock', '/run/podman/podman.sock'];

/** cgroup v1 (one hierarchy per controller) and v2 (one unified tree) files holding the limits. */
export const CGROUP_FILES = [
  'memory/memory.limit_in_bytes',
  'memory/memory.memsw.limit_in_bytes',
  'memory.max',
  'memory.swap.max',
  'pids/pids.max',
  'pids.max',
  'cpu/cpu.cfs_quota_us',
  'cpu/cpu.cfs_period_us',
  'cpu.max',
] as const;

export function probeCommands(dnsName: string): Readonly<Record<ProbeName, readonly string[]>> {
  const writable = (dir: string) => ['sh', '-c', `: > ${dir}/${WRITE_PROBE_FILE} && rm ${dir}/${WRITE_PROBE_FILE}`];
  return {
    uid: ['id', '-u'],
    status: ['cat', '/proc/self/status'],
    interfaces: ['cat', '/proc/net/dev'],
    dns: ['getent', 'hosts', dnsName],
    'rootfs-write': ['touch', ROOTFS_PROBE_FILE],
    'workspace-write': writable(WORKSPACE),
    'workspace-df': ['df', '-P', '-k', WORKSPACE],
    'tmp-write': writable('/tmp'),
    'tmp-df': ['df', '-P', '-k', '/tmp'],
    'engine-socket': ['sh', '-c', `for p in ${ENGINE_SOCKETS.join(' ')}; do [ -e "$p" ] && echo "$p"; done; true`],
    cgroup: [
      'sh',
      '-c',
      `for f in ${CGROUP_FILES.join(' ')}; do [ -r "/sys/fs/cgroup/$f" ] && echo "$f=$(cat "/sys/fs/cgroup/$f")"; done; grep '^SwapTotal:' /proc/meminfo; true`,
    ],
    pid1: ['cat', '/proc/1/cmdline'],
  };
}

/** Runs every probe in turn through `run` (a sandbox's own run, or a bare exec for a fixture). */
export async function runProbes(run: (command: readonly string[]) => Promise<CommandResult>, dnsName: string): Promise<ProbeResults> {
  const commands = probeCommands(dnsName);
  const results = {} as Record<ProbeName, ProbeResult>;
  for (const name of PROBE_NAMES) {
    const command = commands[name];
    try {
      const result = await run(command);
      results[name] = { command, exitCode: result.timedOut ? null : result.exitCode, stdout: result.stdout, stderr: result.timedOut ? `${result.stderr}(timed out)` : result.stderr };
    } catch (error) {
      results[name] = { command, exitCode: null, stdout: '', stderr: `could not run: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return results;
}
