/**
 * Against the real Docker Engine. Never skipped: on a machine without a running engine,
 * ensureEngine installs and starts one (root on Debian), and anything else is a failure,
 * which is what CI must see.
 */
import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { loadConfig } from '../../src/config.js';
import { ensureBaseImage } from '../../src/engine/base-image.js';
import { ensureEngine } from '../../src/engine/ensure-engine.js';
import { isInfraError } from '../../src/errors/infra-error.js';

const config = loadConfig();
const log = (line: string) => console.log(`[engine] ${line}`);

// Generous: a fresh machine installs docker.io and debootstraps the base image.
const SETUP_TIMEOUT_MS = 20 * 60_000;

describe('engine (real Docker Engine)', () => {
  let docker: Docker | undefined;

  it('ensureEngine returns a client that pings', async () => {
    docker = await ensureEngine(config, log);
    expect(String(await docker.ping())).toBe('OK');
  }, SETUP_TIMEOUT_MS);

  it('a second ensureEngine is fast once the engine runs', async () => {
    const started = performance.now();
    const again = await ensureEngine(config, log);
    const ms = performance.now() - started;
    console.log(`[engine] second ensureEngine took ${ms.toFixed(1)} ms`);
    expect(String(await again.ping())).toBe('OK');
    expect(ms).toBeLessThan(2_000);
  });

  it('ensureBaseImage makes the base image exist, and then reports it present at once', async () => {
    const client = docker ?? (await ensureEngine(config, log));
    const first = await ensureBaseImage(client, config, log);
    expect(first.image).toBe(config.PATCHPROOF_BASE_IMAGE);
    expect(['present', 'pulled', 'debootstrapped']).toContain(first.how);

    const started = performance.now();
    const second = await ensureBaseImage(client, config, log);
    const ms = performance.now() - started;
    console.log(`[engine] ensureBaseImage (${first.how}, then ${second.how}) second call took ${ms.toFixed(1)} ms`);
    expect(second).toEqual({ image: config.PATCHPROOF_BASE_IMAGE, how: 'present' });
    expect(ms).toBeLessThan(2_000);
    const inspected = await client.getImage(config.PATCHPROOF_BASE_IMAGE).inspect();
    expect(inspected.Os).toBe('linux');
  }, SETUP_TIMEOUT_MS);

  it('does not set up a local engine for an unreachable DOCKER_HOST', async () => {
    // Port 1 on loopback refuses at once; nothing may be installed or started for a remote host.
    const remote = loadConfig({ DOCKER_HOST: 'tcp://127.0.0.1:1' });
    const lines: string[] = [];
    const error = await ensureEngine(remote, (line) => lines.push(line)).catch((e: unknown) => e);
    expect(isInfraError(error) && error.code).toBe('ENGINE_UNREACHABLE');
    expect(isInfraError(error) && error.cause).toBeInstanceOf(Error);
    expect(String(error)).toContain('tcp://127.0.0.1:1');
    expect(lines).toEqual([]);
  });
});
