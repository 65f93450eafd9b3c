/**
 * Pure: what the probes saw from inside the sandbox, judged against the hardening and the
 * configured limits. The kernel's own view (/proc, /sys/fs/cgroup, the resolver, the file
 * systems) is the evidence: a limit the engine reports but the kernel does not apply is a gap.
 */
import type { SandboxLimits } from '../sandbox/hardened-spec.js';
import { WORKSPACE } from '../sandbox/layout.js';
import { bytesText, type Check, check } from './check.js';
import type { ProbeResult, ProbeResults } from './inside-probes.js';

export function insideChecks(probes: ProbeResults, limits: SandboxLimits): Check[] {
  const status = procStatus(probes.status);
  const cgroup = cgroupValues(probes.cgroup);
  return [
    uidCheck(probes.uid),
    capabilitiesCheck(status, probes.status),
    statusFieldCheck('inside.no-new-privs', status, 'NoNewPrivs', '1', probes.status),
    statusFieldCheck('inside.seccomp', status, 'Seccomp', '2', probes.status, { '0': 'disabled', '1': 'strict', '2': 'filter' }),
    interfacesCheck(probes.interfaces),
    dnsCheck(probes.dns),
    rootfsCheck(probes['rootfs-write']),
    writableCheck('inside.workspace-writable', WORKSPACE, probes['workspace-write']),
    sizeCheck('inside.workspace-size', WORKSPACE, probes['workspace-df'], limits.workspaceBytes),
    writableCheck('inside.tmp-writable', '/tmp', probes['tmp-write']),
    sizeCheck('inside.tmp-size', '/tmp', probes['tmp-df'], limits.tmpBytes),
    socketCheck(probes['engine-socket']),
    memoryCheck(cgroup, limits.memoryBytes, probes.cgroup),
    swapCheck(cgroup, probes.cgroup),
    pidsCheck(cgroup, limits.pidsLimit, probes.cgroup),
    cpuCheck(cgroup, limits.cpus, probes.cgroup),
    initCheck(probes.pid1),
  ];
}

/** What a failed probe said, for `actual`. */
function failure(probe: ProbeResult): string {
  const said = (probe.stderr.trim() || probe.stdout.trim()).split('\n').at(-1) ?? '';
  const how = probe.exitCode === null ? 'probe did not run' : `exit ${probe.exitCode}`;
  return said === '' ? how : `${how}: ${said}`;
}

function uidCheck(probe: ProbeResult): Check {
  const uid = probe.stdout.trim();
  if (probe.exitCode !== 0 || !/^\d+$/.test(uid)) return check('inside.uid', false, 'not 0', `\`id -u\` failed (${failure(probe)})`);
  return check('inside.uid', Number(uid) !== 0, 'not 0', uid);
}

/** "Name:\tvalue" lines of /proc/self/status. */
function procStatus(probe: ProbeResult): Map<string, string> {
  const fields = new Map<string, string>();
  if (probe.exitCode !== 0) return fields;
  for (const line of probe.stdout.split('\n')) {
    const match = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) fields.set(match[1], match[2].trim());
  }
  return fields;
}

const CAPABILITY_SETS = ['CapEff', 'CapPrm', 'CapBnd', 'CapAmb'] as const;

/** Effective, permitted, bounding and ambient sets all empty: nothing to use, nothing to regain. */
function capabilitiesCheck(status: Map<string, string>, probe: ProbeResult): Check {
  const expected = `${CAPABILITY_SETS.join(', ')} all 0`;
  if (status.size === 0) return check('inside.capabilities', false, expected, `/proc/self/status unreadable (${failure(probe)})`);
  const sets = CAPABILITY_SETS.map((name) => ({ name, value: status.get(name) }));
  const missing = sets.filter((s) => s.value === undefined || !/^[0-9a-f]+$/i.test(s.value));
  const held = sets.filter((s) => s.value !== undefined && /^[0-9a-f]+$/i.test(s.value) && BigInt(`0x${s.value}`) !== 0n);
  const actual = [...held.map((s) => `${s.name} ${s.value}`), ...missing.map((s) => `${s.name} absent`)];
  // CapAmb is missing on kernels before 4.3; the other three are always there.
  const ok = held.length === 0 && missing.every((s) => s.name === 'CapAmb');
  return check('inside.capabilities', ok, expected, actual.length === 0 ? expected : actual.join(', '));
}

function statusFieldCheck(name: string, status: Map<string, string>, field: string, expected: string, probe: ProbeResult, meanings: Record<string, string> = {}): Check {
  const show = (v: string) => (meanings[v] === undefined ? v : `${v} (${meanings[v]})`);
  if (status.size === 0) return check(name, false, `${field} ${show(expected)}`, `/proc/self/status unreadable (${failure(probe)})`);
  const value = status.get(field);
  return check(name, value === expected, `${field} ${show(expected)}`, value === undefined ? `${field} absent` : `${field} ${show(value)}`);
}

/** /proc/net/dev: two header lines, then "  name: counters" per interface of the process's network namespace. */
function interfacesCheck(probe: ProbeResult): Check {
  if (probe.exitCode !== 0) return check('inside.interfaces', false, 'lo only', `/proc/net/dev unreadable (${failure(probe)})`);
  const names = probe.stdout
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]?.trim() ?? '')
    .filter((n) => n !== '');
  return check('inside.interfaces', names.length === 1 && names[0] === 'lo', 'lo only', names.length === 0 ? 'none' : names.join(', '));
}

function dnsCheck(probe: ProbeResult): Check {
  const name = probe.command.at(-1) ?? '?';
  const expected = `\`getent hosts ${name}\` finds nothing`;
  if (probe.exitCode === null) return check('inside.dns', false, expected, failure(probe));
  const answer = probe.stdout.trim().split(/\s+/)[0] ?? '';
  if (probe.exitCode === 0) return check('inside.dns', false, expected, `resolved to ${answer}`);
  // getent: 2 = not found; 1 = bad arguments or database (the probe itself is broken).
  return check('inside.dns', probe.exitCode === 2, expected, probe.exitCode === 2 ? 'not resolved (exit 2)' : failure(probe));
}

/** As a non-root user a writable root refuses too (EACCES): only EROFS proves it is read-only. */
function rootfsCheck(probe: ProbeResult): Check {
  const expected = 'touch / fails: Read-only file system';
  if (probe.exitCode === 0) return check('inside.rootfs-readonly', false, expected, 'touch succeeded: the root file system is writable');
  const readOnly = /read-only file system/i.test(probe.stderr);
  return check('inside.rootfs-readonly', readOnly && probe.exitCode !== null, expected, readOnly ? 'touch failed: Read-only file system' : failure(probe));
}

function writableCheck(name: string, dir: string, probe: ProbeResult): Check {
  return check(name, probe.exitCode === 0, `${dir} writable`, probe.exitCode === 0 ? 'a file was created and removed' : failure(probe));
}

/**
 * `df -P -k DIR`: the last line is "filesystem blocks used available capacity mountpoint". A
 * directory that is no mount of its own shows its parent's (usually the root's) size.
 */
function sizeCheck(name: string, dir: string, probe: ProbeResult, expectedBytes: number): Check {
  const expected = `a mount of its own, ${bytesText(expectedBytes)}`;
  const fields = probe.stdout.trim().split('\n').at(-1)?.trim().split(/\s+/) ?? [];
  const kib = Number(fields[1]);
  const mountpoint = fields.at(-1);
  if (probe.exitCode !== 0 || fields.length < 6 || !Number.isInteger(kib)) return check(name, false, expected, `df failed (${failure(probe)})`);
  const bytes = kib * 1024;
  const where = mountpoint === dir ? `${fields[0] ?? '?'} ${bytesText(bytes)}` : `part of ${mountpoint ?? '?'} (${bytesText(bytes)})`;
  return check(name, mountpoint === dir && bytes === expectedBytes, expected, where);
}

function socketCheck(probe: ProbeResult): Check {
  const found = probe.stdout.trim().split('\n').filter((l) => l !== '');
  if (probe.exitCode !== 0) return check('inside.engine-socket', false, 'no engine socket', `probe failed (${failure(probe)})`);
  return check('inside.engine-socket', found.length === 0, 'no engine socket', found.length === 0 ? 'none found' : found.join(', '));
}

interface CgroupValues {
  readonly files: Map<string, string>;
  /** SwapTotal from /proc/meminfo in bytes: the host's swap, as the container sees it. */
  readonly swapTotalBytes: number | null;
}

function cgroupValues(probe: ProbeResult): CgroupValues {
  const files = new Map<string, string>();
  let swapTotalBytes: number | null = null;
  for (const line of probe.stdout.split('\n')) {
    const swap = /^SwapTotal:\s+(\d+) kB$/.exec(line.trim());
    if (swap?.[1] !== undefined) swapTotalBytes = Number(swap[1]) * 1024;
    const eq = line.indexOf('=');
    if (eq > 0) files.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  return { files, swapTotalBytes };
}

/** v1 reports "no limit" as a huge page-rounded number (PAGE_COUNTER_MAX); v2 as "max". */
function limitValue(text: string | undefined): number | 'none' | undefined {
  if (text === undefined) return undefined;
  if (text === 'max' || text === '-1') return 'none';
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  return n >= 2 ** 62 ? 'none' : n;
}

function noCgroup(probe: ProbeResult): string {
  return probe.exitCode === 0 ? 'no cgroup file found under /sys/fs/cgroup' : `probe failed (${failure(probe)})`;
}

function memoryCheck(cgroup: CgroupValues, expected: number, probe: ProbeResult): Check {
  const file = cgroup.files.has('memory.max') ? 'memory.max' : 'memory/memory.limit_in_bytes';
  const value = limitValue(cgroup.files.get(file));
  if (value === undefined) return check('inside.memory', false, bytesText(expected), noCgroup(probe));
  return check('inside.memory', value === expected, bytesText(expected), value === 'none' ? `${file}: unlimited` : `${file}: ${bytesText(value)}`);
}

/** No swap beyond memory: v1 memsw equal to the memory limit, v2 swap.max 0, or a host without swap. */
function swapCheck(cgroup: CgroupValues, probe: ProbeResult): Check {
  const expected = 'no swap beyond the memory limit';
  const v2 = limitValue(cgroup.files.get('memory.swap.max'));
  if (v2 !== undefined) return check('inside.swap', v2 === 0, expected, v2 === 'none' ? 'memory.swap.max: unlimited' : `memory.swap.max: ${bytesText(v2)}`);
  const memsw = limitValue(cgroup.files.get('memory/memory.memsw.limit_in_bytes'));
  const memory = limitValue(cgroup.files.get('memory/memory.limit_in_bytes'));
  if (memsw !== undefined) {
    const actual = memsw === 'none' ? 'memory.memsw.limit_in_bytes: unlimited' : `memory.memsw.limit_in_bytes: ${bytesText(memsw)} (memory ${memory === undefined || memory === 'none' ? 'unlimited' : bytesText(memory)})`;
    return check('inside.swap', memsw !== 'none' && memsw === memory, expected, actual);
  }
  // Without swap accounting the kernel cannot cap swap; that only matters when the host has some.
  if (cgroup.swapTotalBytes === 0) return check('inside.swap', true, expected, 'no swap accounting, and no swap on the host');
  return check('inside.swap', false, expected, cgroup.files.size === 0 ? noCgroup(probe) : `no swap accounting, host swap ${cgroup.swapTotalBytes === null ? 'unknown' : bytesText(cgroup.swapTotalBytes)}`);
}

function pidsCheck(cgroup: CgroupValues, expected: number, probe: ProbeResult): Check {
  const file = cgroup.files.has('pids.max') ? 'pids.max' : 'pids/pids.max';
  const value = limitValue(cgroup.files.get(file));
  if (value === undefined) return check('inside.pids', false, String(expected), noCgroup(probe));
  return check('inside.pids', value === expected, String(expected), value === 'none' ? `${file}: unlimited` : `${file}: ${value}`);
}

/** CPUs as quota over period: v2 "quota period" in cpu.max, v1 two files (quota -1 when unlimited). */
function cpuCheck(cgroup: CgroupValues, expected: number, probe: ProbeResult): Check {
  const v2 = cgroup.files.get('cpu.max');
  const [quotaText, periodText] = v2 === undefined ? [cgroup.files.get('cpu/cpu.cfs_quota_us'), cgroup.files.get('cpu/cpu.cfs_period_us')] : v2.split(/\s+/);
  const file = v2 === undefined ? 'cpu.cfs_quota_us/cpu.cfs_period_us' : 'cpu.max';
  if (quotaText === undefined || periodText === undefined) return check('inside.cpus', false, `${expected} CPU`, noCgroup(probe));
  const quota = limitValue(quotaText);
  const period = Number(periodText);
  if (quota === 'none') return check('inside.cpus', false, `${expected} CPU`, `${file}: unlimited`);
  if (quota === undefined || !(period > 0)) return check('inside.cpus', false, `${expected} CPU`, `${file}: unreadable (${quotaText} ${periodText})`);
  const cpus = quota / period;
  // Quota is whole microseconds: allow the rounding of, say, 1/3 CPU.
  return check('inside.cpus', Math.abs(cpus - expected) < 1e-3, `${expected} CPU`, `${file}: ${quota}/${period} = ${Number(cpus.toFixed(4))} CPU`);
}

/** PID 1 is an init that reaps orphans (docker-init is tini), and the PID namespace is the container's own. */
function initCheck(probe: ProbeResult): Check {
  const argv = probe.stdout.split('\0').filter((a) => a !== '');
  if (probe.exitCode !== 0 || argv.length === 0) return check('inside.init', false, 'PID 1 is an init (docker-init)', `/proc/1/cmdline unreadable (${failure(probe)})`);
  const program = argv[0]?.split('/').at(-1) ?? '';
  return check('inside.init', /^(?:docker-init|tini|catatonit|dumb-init)$/.test(program), 'PID 1 is an init (docker-init)', argv.join(' '));
}
