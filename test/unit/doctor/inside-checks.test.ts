import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import type { Check } from '../../../src/doctor/check.js';
import { insideChecks } from '../../../src/doctor/inside-checks.js';
import { PROBE_NAMES, type ProbeResult, type ProbeResults } from '../../../src/doctor/inside-probes.js';
import { pipelineSettings } from '../../../src/pipeline/settings.js';

/** What the probes printed in real containers (see test/fixtures/doctor/README.md). */
function fixture(name: string): ProbeResults {
  return JSON.parse(readFileSync(new URL(`../../fixtures/doctor/${name}`, import.meta.url), 'utf8')) as ProbeResults;
}

const limits = pipelineSettings(loadConfig({}), 'http://deb.debian.org/debian').limits;
const hardened = fixture('hardened-probes.json');

function byName(checks: readonly Check[]): Record<string, Check> {
  return Object.fromEntries(checks.map((c) => [c.name, c]));
}

function withProbe(name: keyof ProbeResults, probe: Partial<ProbeResult>): ProbeResults {
  return { ...hardened, [name]: { ...hardened[name], ...probe } };
}

describe('insideChecks', () => {
  it('the fixtures hold every probe the doctor runs', () => {
    expect(Object.keys(hardened).sort()).toEqual([...PROBE_NAMES].sort());
    expect(Object.keys(fixture('weak-probes.json')).sort()).toEqual([...PROBE_NAMES].sort());
  });

  it('finds no gap inside a sandbox container opened by Sandbox.open', () => {
    const checks = insideChecks(hardened, limits);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(byName(checks)).toMatchObject({
      'inside.uid': { actual: '1000' },
      'inside.seccomp': { actual: 'Seccomp 2 (filter)' },
      'inside.interfaces': { actual: 'lo' },
      'inside.dns': { actual: 'not resolved (exit 2)' },
      'inside.rootfs-readonly': { actual: 'touch failed: Read-only file system' },
      'inside.workspace-size': { actual: 'tmpfs 512 MiB' },
      'inside.tmp-size': { actual: 'tmpfs 256 MiB' },
      'inside.memory': { actual: 'memory/memory.limit_in_bytes: 1024 MiB' },
      'inside.init': { actual: '/sbin/docker-init -- sleep infinity' },
    });
  });

  it('reports every weakness seen inside a hand-made weak container as a gap', () => {
    const checks = insideChecks(fixture('weak-probes.json'), limits);
    expect(Object.fromEntries(checks.map((c) => [c.name, c.ok]))).toEqual({
      'inside.uid': false,
      'inside.capabilities': false,
      'inside.no-new-privs': false,
      'inside.seccomp': false,
      'inside.interfaces': false,
      'inside.dns': false,
      'inside.rootfs-readonly': false,
      'inside.workspace-writable': false,
      'inside.workspace-size': false,
      // the image's /tmp is writable by root: only its missing size cap is a gap
      'inside.tmp-writable': true,
      'inside.tmp-size': false,
      'inside.engine-socket': false,
      'inside.memory': false,
      'inside.swap': false,
      'inside.pids': false,
      'inside.cpus': false,
      'inside.init': false,
    });
    const named = byName(checks);
    expect(named['inside.uid']?.actual).toBe('0');
    expect(named['inside.capabilities']?.actual).toMatch(/^CapEff [0-9a-f]+, CapPrm [0-9a-f]+, CapBnd [0-9a-f]+$/);
    expect(named['inside.seccomp']?.actual).toBe('Seccomp 0 (disabled)');
    expect(named['inside.interfaces']?.actual).toBe('lo, eth0');
    expect(named['inside.dns']?.actual).toMatch(/^resolved to \S+$/);
    expect(named['inside.rootfs-readonly']?.actual).toBe('touch succeeded: the root file system is writable');
    expect(named['inside.tmp-size']?.actual).toMatch(/^part of \/ \(/);
    expect(named['inside.engine-socket']?.actual).toBe('/var/run/docker.sock, /run/docker.sock');
    expect(named['inside.swap']?.actual).toBe('memory.memsw.limit_in_bytes: unlimited');
    expect(named['inside.pids']?.actual).toBe('pids/pids.max: unlimited');
    expect(named['inside.cpus']?.actual).toBe('cpu.cfs_quota_us/cpu.cfs_period_us: unlimited');
    expect(named['inside.init']?.actual).toBe('sleep infinity');
  });

  it('takes a refused write on / for read-only only when the kernel says so (EROFS, not EACCES)', () => {
    const refused = withProbe('rootfs-write', { exitCode: 1, stderr: "touch: cannot touch '/patchproof-doctor-probe': Permission denied\n" });
    expect(byName(insideChecks(refused, limits))['inside.rootfs-readonly']).toMatchObject({ ok: false, actual: "exit 1: touch: cannot touch '/patchproof-doctor-probe': Permission denied" });
  });

  it('reads cgroup v2 limits', () => {
    const v2 = withProbe('cgroup', { stdout: 'memory.max=1073741824\nmemory.swap.max=0\npids.max=256\ncpu.max=100000 100000\nSwapTotal:      2097148 kB\n' });
    const checks = byName(insideChecks(v2, limits));
    expect(checks['inside.memory']).toMatchObject({ ok: true, actual: 'memory.max: 1024 MiB' });
    expect(checks['inside.swap']).toMatchObject({ ok: true, actual: 'memory.swap.max: 0 bytes' });
    expect(checks['inside.pids']).toMatchObject({ ok: true, actual: 'pids.max: 256' });
    expect(checks['inside.cpus']).toMatchObject({ ok: true, actual: 'cpu.max: 100000/100000 = 1 CPU' });
    const unlimited = byName(insideChecks(withProbe('cgroup', { stdout: 'memory.max=max\nmemory.swap.max=max\npids.max=max\ncpu.max=max 100000\n' }), limits));
    expect(['inside.memory', 'inside.swap', 'inside.pids', 'inside.cpus'].map((n) => unlimited[n]?.ok)).toEqual([false, false, false, false]);
  });

  it('accepts missing swap accounting only on a host without swap', () => {
    const noAccounting = (swapKb: number) =>
      byName(insideChecks(withProbe('cgroup', { stdout: `memory/memory.limit_in_bytes=1073741824\npids/pids.max=256\nSwapTotal:  ${swapKb} kB\n` }), limits))['inside.swap'];
    expect(noAccounting(0)).toMatchObject({ ok: true, actual: 'no swap accounting, and no swap on the host' });
    expect(noAccounting(2048)).toMatchObject({ ok: false, actual: 'no swap accounting, host swap 2 MiB' });
  });

  it('makes a probe that could not run a gap naming why', () => {
    const lost = withProbe('status', { exitCode: null, stdout: '', stderr: 'could not run: could not start cat in the sandbox' });
    const checks = byName(insideChecks(lost, limits));
    for (const name of ['inside.capabilities', 'inside.no-new-privs', 'inside.seccomp']) {
      expect(checks[name]).toMatchObject({ ok: false, actual: '/proc/self/status unreadable (probe did not run: could not run: could not start cat in the sandbox)' });
    }
    const brokenDns = byName(insideChecks(withProbe('dns', { exitCode: 1, stderr: 'Unknown database: hosts\n' }), limits));
    expect(brokenDns['inside.dns']).toMatchObject({ ok: false, actual: 'exit 1: Unknown database: hosts' });
  });
});
