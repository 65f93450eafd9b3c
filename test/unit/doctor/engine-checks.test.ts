import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import type { Check } from '../../../src/doctor/check.js';
import { engineChecks } from '../../../src/doctor/engine-checks.js';
import { pipelineSettings } from '../../../src/pipeline/settings.js';

/** Real inspect output (see test/fixtures/doctor/README.md), judged against the default limits. */
function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/doctor/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

const limits = pipelineSettings(loadConfig({}), 'http://deb.debian.org/debian').limits;

function byName(checks: readonly Check[]): Record<string, Check> {
  return Object.fromEntries(checks.map((c) => [c.name, c]));
}

function okByName(checks: readonly Check[]): Record<string, boolean> {
  return Object.fromEntries(checks.map((c) => [c.name, c.ok]));
}

describe('engineChecks', () => {
  it('finds no gap in a sandbox container opened by Sandbox.open', () => {
    const checks = engineChecks(fixture('hardened-inspect.json'), limits);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(byName(checks)).toMatchObject({
      'container.user': { actual: '1000:1000' },
      'container.capabilities': { actual: 'CapDrop ALL; CapAdd none' },
      'container.memory': { actual: '1024 MiB' },
      'container.swap': { actual: 'MemorySwap 1024 MiB' },
      'container.cpus': { actual: '1 CPU' },
      'container.pids-limit': { actual: '256' },
      'container.bind-mounts': { actual: 'none (mounts: volume /workspace)' },
      'container.log': { actual: 'none' },
    });
  });

  it('reports every weakness of a hand-made weak container as a gap', () => {
    const checks = engineChecks(fixture('weak-inspect.json'), limits);
    expect(okByName(checks)).toEqual({
      'container.user': false,
      'container.capabilities': false,
      'container.no-new-privileges': false,
      'container.seccomp': false,
      // the one hardening the weak container keeps (a privileged one would not start its probes safely)
      'container.privileged': true,
      'container.readonly-rootfs': false,
      'container.network': false,
      'container.namespaces': false,
      'container.init': false,
      'container.pids-limit': false,
      'container.memory': false,
      'container.swap': false,
      'container.cpus': false,
      'container.bind-mounts': false,
      'container.engine-socket': false,
      'container.devices': true,
      'container.log': false,
    });
    expect(byName(checks)).toMatchObject({
      'container.user': { actual: '0' },
      'container.capabilities': { actual: 'CapDrop none; CapAdd CAP_NET_ADMIN,CAP_SYS_PTRACE' },
      'container.seccomp': { actual: 'seccomp=unconfined' },
      'container.network': { actual: 'default' },
      'container.namespaces': { actual: 'IpcMode host' },
      'container.memory': { expected: '1024 MiB', actual: '256 MiB' },
      'container.swap': { actual: 'unlimited swap' },
      'container.pids-limit': { actual: 'unlimited' },
      'container.cpus': { actual: 'unlimited' },
      'container.bind-mounts': { actual: '/var/run/docker.sock:/var/run/docker.sock' },
      'container.engine-socket': { actual: '/var/run/docker.sock' },
      'container.log': { actual: 'json-file' },
    });
  });

  it('reports privileged mode, a host PID namespace and passed-through devices', () => {
    const inspect = fixture('hardened-inspect.json');
    const host = inspect.HostConfig as Record<string, unknown>;
    const weakened = { ...inspect, HostConfig: { ...host, Privileged: true, PidMode: 'host', Devices: [{ PathOnHost: '/dev/kmsg', PathInContainer: '/dev/kmsg', CgroupPermissions: 'rwm' }] } };
    const checks = byName(engineChecks(weakened, limits));
    expect(checks['container.privileged']).toMatchObject({ ok: false, actual: 'true' });
    expect(checks['container.namespaces']).toMatchObject({ ok: false, actual: 'PidMode host' });
    expect(checks['container.devices']).toMatchObject({ ok: false, actual: '/dev/kmsg' });
  });

  it('accepts a json-file log only with a max-size, and no-new-privileges only when true', () => {
    const inspect = fixture('hardened-inspect.json');
    const host = inspect.HostConfig as Record<string, unknown>;
    const capped = byName(engineChecks({ ...inspect, HostConfig: { ...host, LogConfig: { Type: 'json-file', Config: { 'max-size': '10m' } } } }, limits));
    expect(capped['container.log']).toMatchObject({ ok: true, actual: 'json-file, max-size 10m' });
    const off = byName(engineChecks({ ...inspect, HostConfig: { ...host, SecurityOpt: ['no-new-privileges:false'] } }, limits));
    expect(off['container.no-new-privileges']?.ok).toBe(false);
    const spelled = byName(engineChecks({ ...inspect, HostConfig: { ...host, SecurityOpt: ['no-new-privileges=true', 'seccomp=default.json'] } }, limits));
    expect(spelled['container.no-new-privileges']?.ok).toBe(true);
    expect(spelled['container.seccomp']).toMatchObject({ ok: true, actual: 'seccomp=default.json' });
  });

  it('reports a limit the engine applied differently from the configuration', () => {
    const smaller = { ...limits, memoryBytes: 512 * 1024 * 1024, pidsLimit: 128, cpus: 0.5 };
    const checks = byName(engineChecks(fixture('hardened-inspect.json'), smaller));
    expect(checks['container.memory']).toMatchObject({ ok: false, expected: '512 MiB', actual: '1024 MiB' });
    expect(checks['container.pids-limit']).toMatchObject({ ok: false, expected: '128', actual: '256' });
    expect(checks['container.cpus']).toMatchObject({ ok: false, expected: '0.5 CPU', actual: '1 CPU' });
    // swap is judged against the container's own memory: still none
    expect(checks['container.swap']?.ok).toBe(true);
  });

  it('turns output it cannot read into one gap rather than a crash', () => {
    expect(engineChecks({ Id: 'x' }, limits)).toEqual([expect.objectContaining({ name: 'container.inspect', ok: false })]);
  });
});
