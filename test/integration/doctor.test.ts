/**
 * `patchproof doctor` against the real engine: no gap on this machine, with limits that differ
 * from the defaults (so they are read back, not assumed), exit codes, and nothing left behind.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { doctorCommand } from '../../src/cli/commands/doctor.js';
import { loadConfig } from '../../src/config.js';
import { runDoctor } from '../../src/doctor/run-doctor.js';
import { InfraError } from '../../src/errors/infra-error.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { LABEL_OWNER_KIND, LABEL_WORKER, workerIdentity } from '../../src/sandbox/labels.js';
import { docker } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

const config = loadConfig({ PATCHPROOF_MEMORY_MB: '384', PATCHPROOF_PIDS_LIMIT: '96', PATCHPROOF_CPUS: '0.5', PATCHPROOF_WORKSPACE_MB: '48', PATCHPROOF_TMP_MB: '24' });

const jsonReport = z.object({
  ok: z.boolean(),
  total: z.number(),
  gaps: z.number(),
  image: z.string().nullable(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), expected: z.string(), actual: z.string() })),
});

async function printed(run: () => Promise<number>): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  try {
    return { code: await run(), stdout };
  } finally {
    spy.mockRestore();
  }
}

describe('patchproof doctor', () => {
  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('finds no gap in the sandbox as this engine applies it, and removes its container', async () => {
    const report = await runDoctor(config);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.image).toBe(config.PATCHPROOF_BASE_IMAGE);
    const names = report.checks.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['engine.version', 'image.base', 'sandbox.start', 'container.user', 'inside.seccomp', 'inside.dns', 'sandbox.removed']));
    expect(names.filter((n) => n.startsWith('container.')).length).toBeGreaterThanOrEqual(15);
    expect(names.filter((n) => n.startsWith('inside.')).length).toBeGreaterThanOrEqual(15);
    const actual = Object.fromEntries(report.checks.map((c) => [c.name, c.actual]));
    expect(actual).toMatchObject({
      'container.memory': '384 MiB',
      'container.pids-limit': '96',
      'container.cpus': '0.5 CPU',
      'inside.memory': expect.stringMatching(/: 384 MiB$/),
      'inside.pids': expect.stringMatching(/: 96$/),
      'inside.cpus': expect.stringMatching(/= 0\.5 CPU$/),
      'inside.workspace-size': 'tmpfs 48 MiB',
      'inside.tmp-size': 'tmpfs 24 MiB',
      'sandbox.removed': 'both gone',
    });
  });

  it('prints one JSON object with --json and a table with a closing line without it, both exit 0', async () => {
    const json = await printed(() => doctorCommand(['--json'], config));
    expect(json.code).toBe(0);
    const report = jsonReport.parse(JSON.parse(json.stdout));
    expect(report).toMatchObject({ ok: true, gaps: 0, total: report.checks.length });

    const human = await printed(() => doctorCommand([], config));
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`doctor: ${report.total} checks, 0 gaps`);
    expect(lines.filter((l) => l.startsWith('ok '))).toHaveLength(report.total);
  });

  it('exits 1 naming the gap when the probe container cannot start, and still cleans up', async () => {
    const run = await printed(() => doctorCommand(['--image', 'patchproof/doctor-missing:none'], config));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^GAP\s+sandbox\.start\s.*could not create the sandbox container from patchproof\/doctor-missing:none/m);
    expect(run.stdout).toMatch(/^ok\s+sandbox\.removed\s/m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^doctor: \d+ checks, 1 gap \(sandbox\.start\)$/);
  });

  it('stops when interrupted while probing, removes its container, and reports no gaps of its own making', async () => {
    const aborter = new AbortController();
    // Interrupted the moment the engine starts the doctor's container.
    const events = (await docker.getEvents({
      filters: { type: ['container'], event: ['start'], label: [`${LABEL_OWNER_KIND}=doctor`, `${LABEL_WORKER}=${workerIdentity()}`] },
    })) as NodeJS.ReadableStream & { destroy(): void };
    let started = false;
    events.on('data', () => {
      started = true;
      aborter.abort();
    });
    try {
      await expect(runDoctor(config, { signal: aborter.signal })).rejects.toSatisfy((e: unknown) => e instanceof InfraError && e.code === 'ABORTED');
      expect(started).toBe(true);
    } finally {
      events.destroy();
    }
  });

  it('refuses bad usage and an engine that does not answer (exit 2 through main)', async () => {
    await expect(doctorCommand(['--frobnicate'], config)).rejects.toThrow(UsageError);
    await expect(doctorCommand(['now'], config)).rejects.toThrow(UsageError);
    const nowhere = loadConfig({ DOCKER_HOST: 'unix:///nonexistent/patchproof-doctor.sock' });
    await expect(doctorCommand([], nowhere)).rejects.toSatisfy((e: unknown) => e instanceof InfraError && e.code === 'ENGINE_UNREACHABLE');
  });
});
