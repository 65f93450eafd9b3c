/**
 * Pure: what the engine says it applied to a sandbox container (GET /containers/{id}/json, as
 * `docker inspect` prints it) judged against the hardening and the configured limits. Only the
 * fields judged are parsed; the engine leaves unset lists as null, so every field may be absent.
 */
import { z } from 'zod';
import type { SandboxLimits } from '../sandbox/hardened-spec.js';
import { bytesText, type Check, check } from './check.js';

const list = z.array(z.string()).nullish();

const inspectSchema = z.object({
  Config: z.object({ User: z.string().nullish() }),
  HostConfig: z.object({
    Privileged: z.boolean().nullish(),
    CapAdd: list,
    CapDrop: list,
    SecurityOpt: list,
    ReadonlyRootfs: z.boolean().nullish(),
    NetworkMode: z.string().nullish(),
    PidMode: z.string().nullish(),
    IpcMode: z.string().nullish(),
    UTSMode: z.string().nullish(),
    UsernsMode: z.string().nullish(),
    PidsLimit: z.number().nullish(),
    Memory: z.number().nullish(),
    MemorySwap: z.number().nullish(),
    NanoCpus: z.number().nullish(),
    Init: z.boolean().nullish(),
    Binds: list,
    Devices: z.array(z.unknown()).nullish(),
    LogConfig: z.object({ Type: z.string(), Config: z.record(z.string(), z.string()).nullish() }).nullish(),
  }),
  Mounts: z.array(z.object({ Type: z.string(), Source: z.string().nullish(), Destination: z.string() })).nullish(),
});

type Inspect = z.infer<typeof inspectSchema>;

/** A socket that hands out control of an engine: whoever can reach it owns the host. */
const ENGINE_SOCKET = /(?:^|\/)(?:docker|containerd|podman|crio)\.sock$|\/run\/docker(?:\/|$)/;

export function engineChecks(inspect: unknown, limits: SandboxLimits): Check[] {
  const parsed = inspectSchema.safeParse(inspect);
  if (!parsed.success) {
    return [check('container.inspect', false, 'the engine describes the container', `unreadable inspect output: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`)];
  }
  const info = parsed.data;
  const host = info.HostConfig;
  return [
    userCheck(info.Config.User ?? ''),
    capabilitiesCheck(host.CapDrop ?? [], host.CapAdd ?? []),
    securityOptCheck(host.SecurityOpt ?? []),
    seccompCheck(host.SecurityOpt ?? []),
    check('container.privileged', host.Privileged === false, 'false', String(host.Privileged ?? 'unset')),
    check('container.readonly-rootfs', host.ReadonlyRootfs === true, 'true', String(host.ReadonlyRootfs ?? 'unset')),
    check('container.network', host.NetworkMode === 'none', 'none', host.NetworkMode ?? 'unset'),
    namespacesCheck(host),
    check('container.init', host.Init === true, 'true (an init reaps orphans)', String(host.Init ?? 'unset')),
    equalCheck('container.pids-limit', host.PidsLimit, limits.pidsLimit, String),
    equalCheck('container.memory', host.Memory, limits.memoryBytes, bytesText),
    swapCheck(host.Memory, host.MemorySwap),
    equalCheck('container.cpus', host.NanoCpus, Math.round(limits.cpus * 1e9), (n) => `${n / 1e9} CPU`),
    bindsCheck(info),
    socketCheck(info),
    devicesCheck(host.Devices ?? []),
    logCheck(host.LogConfig),
  ];
}

/** "1000:1000", "1000", "nobody": anything but uid 0 / root. An empty user runs as the image's, root by default. */
function userCheck(user: string): Check {
  const name = user.split(':')[0] ?? '';
  const ok = name !== '' && name !== 'root' && !/^0+$/.test(name);
  return check('container.user', ok, 'a non-root user', user === '' ? "unset (the image's user: root)" : user);
}

function capabilitiesCheck(drop: readonly string[], add: readonly string[]): Check {
  const dropsAll = drop.some((c) => c.toUpperCase() === 'ALL' || c.toUpperCase() === 'CAP_ALL');
  const actual = `CapDrop ${drop.length === 0 ? 'none' : drop.join(',')}; CapAdd ${add.length === 0 ? 'none' : add.join(',')}`;
  return check('container.capabilities', dropsAll && add.length === 0, 'CapDrop ALL; CapAdd none', actual);
}

/** Docker accepts "no-new-privileges", "no-new-privileges:true" and "no-new-privileges=true". */
function securityOptCheck(options: readonly string[]): Check {
  const nnp = options.filter((o) => o.startsWith('no-new-privileges'));
  const on = nnp.length > 0 && nnp.every((o) => /^no-new-privileges(?:[:=]true)?$/.test(o));
  return check('container.no-new-privileges', on, 'no-new-privileges', options.length === 0 ? 'SecurityOpt empty' : options.join(' '));
}

/** No seccomp option means the engine's default profile; "unconfined" turns filtering off. */
function seccompCheck(options: readonly string[]): Check {
  const seccomp = options.filter((o) => /^seccomp[:=]/.test(o));
  const unconfined = seccomp.some((o) => /^seccomp[:=]unconfined$/.test(o));
  return check('container.seccomp', !unconfined, 'the default profile (not unconfined)', seccomp.length === 0 ? 'default profile' : seccomp.join(' '));
}

function namespacesCheck(host: Inspect['HostConfig']): Check {
  const shared = (['PidMode', 'IpcMode', 'UTSMode', 'UsernsMode'] as const).filter((key) => host[key] === 'host' || (host[key] ?? '').startsWith('container:'));
  const actual = shared.length === 0 ? `none (PidMode ${host.PidMode || 'private'}, IpcMode ${host.IpcMode || 'private'})` : shared.map((key) => `${key} ${host[key] ?? ''}`).join(', ');
  return check('container.namespaces', shared.length === 0, 'no host or shared PID, IPC, UTS or user namespace', actual);
}

function equalCheck(name: string, actual: number | null | undefined, expected: number, show: (n: number) => string): Check {
  const ok = actual !== null && actual !== undefined && actual > 0 && actual === expected;
  return check(name, ok, show(expected), actual === null || actual === undefined || actual <= 0 ? 'unlimited' : show(actual));
}

/** MemorySwap is memory plus swap: equal means no swap at all; -1 or 0 (unset) mean unlimited or twice the memory. */
function swapCheck(memory: number | null | undefined, swap: number | null | undefined): Check {
  const ok = memory !== null && memory !== undefined && memory > 0 && swap === memory;
  const actual = swap === null || swap === undefined || swap === 0 ? 'unset (swap up to the memory again)' : swap < 0 ? 'unlimited swap' : `MemorySwap ${bytesText(swap)}`;
  return check('container.swap', ok, 'MemorySwap equal to Memory (no swap)', actual);
}

function bindsCheck(info: Inspect): Check {
  const binds = [...(info.HostConfig.Binds ?? []), ...(info.Mounts ?? []).filter((m) => m.Type === 'bind').map((m) => `${m.Source ?? '?'}:${m.Destination}`)];
  const unique = [...new Set(binds)];
  const mounts = (info.Mounts ?? []).map((m) => `${m.Type} ${m.Destination}`);
  return check('container.bind-mounts', unique.length === 0, 'none', unique.length === 0 ? `none (mounts: ${mounts.join(', ') || 'none'})` : unique.join(', '));
}

function socketCheck(info: Inspect): Check {
  const paths = [...(info.HostConfig.Binds ?? []).flatMap((b) => b.split(':').slice(0, 2)), ...(info.Mounts ?? []).flatMap((m) => [m.Source ?? '', m.Destination])];
  const sockets = [...new Set(paths.filter((p) => ENGINE_SOCKET.test(p)))];
  return check('container.engine-socket', sockets.length === 0, 'no engine socket mounted', sockets.length === 0 ? 'none mounted' : sockets.join(', '));
}

function devicesCheck(devices: readonly unknown[]): Check {
  const names = devices.map((d) => (typeof d === 'object' && d !== null && 'PathOnHost' in d ? String(d.PathOnHost) : JSON.stringify(d)));
  return check('container.devices', devices.length === 0, 'no host devices', names.length === 0 ? 'none' : names.join(', '));
}

/** The main process only sleeps, but a container log is host disk: none, or a capped size. */
function logCheck(log: Inspect['HostConfig']['LogConfig']): Check {
  const type = log?.Type ?? 'unset';
  const maxSize = log?.Config?.['max-size'];
  const ok = type === 'none' || maxSize !== undefined;
  return check('container.log', ok, 'driver none, or max-size set', maxSize === undefined ? type : `${type}, max-size ${maxSize}`);
}
