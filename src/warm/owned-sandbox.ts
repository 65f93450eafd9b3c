/**
 * A sandbox that owns its own release: what a warm pool keeps and hands out. Everything it makes
 * is registered before it is asked for, so a start that fails half-way removes what it made.
 */
import type Docker from 'dockerode';
import { Releasers } from '../sandbox/releasers.js';
import { Sandbox, type SandboxSpec } from '../sandbox/sandbox.js';
import type { Disposable } from './warm-pool.js';

export async function openOwnedSandbox(docker: Docker, spec: SandboxSpec): Promise<Disposable<Sandbox>> {
  const releasers = new Releasers(2 * spec.engineTimeoutMs);
  let sandbox: Sandbox;
  try {
    sandbox = await Sandbox.open(docker, spec, releasers);
  } catch (error) {
    await releasers.releaseAll();
    throw error;
  }
  let released: Promise<void> | null = null;
  return {
    value: sandbox,
    release: () => {
      released ??= releasers.releaseAll().then((failures) => {
        if (failures.length > 0) throw new AggregateError(failures, `releasing sandbox ${spec.name} failed: ${failures.map((f) => f.message).join('; ')}`);
      });
      return released;
    },
  };
}
