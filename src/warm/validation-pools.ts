/**
 * Warm sandboxes for validations: once a project's image exists, pristine sandboxes of it are
 * kept started (hardened exactly like a cold one: the same SandboxSpec through the same
 * Sandbox.open), the project already copied into the workspace and the counters read, so a
 * validation that takes one starts at applying its changes. Each is used once and destroyed by
 * its taker; the pool refills in the background (warm-pool.ts).
 *
 * One pool per project, for the image and limits its last validation used: a validation of
 * another image (the project changed) or other limits drains it and starts the new one. At most
 * `size` sandboxes are kept in all: the pool of the project validated most recently (a fleet on
 * several projects at once finds warm ones for the latest only; the others open cold).
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { COPY_PROJECT } from '../sandbox/project-copy.js';
import { ownerLabels } from '../sandbox/labels.js';
import type { OutputCaps, Sandbox } from '../sandbox/sandbox.js';
import type { SandboxLimits } from '../sandbox/hardened-spec.js';
import { openOwnedSandbox } from './owned-sandbox.js';
import { type Disposable, type PoolState, WarmPool } from './warm-pool.js';

export interface WarmSpec {
  readonly image: string;
  readonly limits: SandboxLimits;
  readonly caps: OutputCaps;
  readonly engineTimeoutMs: number;
  /** The deadline of the project copy made ahead. */
  readonly stepTimeoutMs: number;
}

/** What a validation asks: a ready sandbox for this project and spec, or null (it opens one cold). */
export interface WarmSource {
  take(project: string, spec: WarmSpec): Disposable<Sandbox> | null;
  /**
   * Removes a taken sandbox, used: in the background (its processes were killed by the reaper
   * already; a removal is ~150 ms of engine work the validation need not wait for). Resolves at
   * once, unless too many removals are still running; the pools' stop() waits for all of them.
   */
  retire(sandbox: Disposable<Sandbox>): Promise<void>;
}

export interface ValidationPoolsOptions {
  /** Sandboxes kept ready; 0 turns warm sandboxes off. */
  readonly size: number;
  /** The store label of the worker's database (sandbox labels). */
  readonly store?: string | undefined;
  readonly log?: (line: string) => void;
}

interface ProjectPool {
  readonly key: string;
  readonly pool: WarmPool<Sandbox>;
}

export class ValidationPools implements WarmSource {
  private current: { project: string; entry: ProjectPool } | null = null;
  private readonly draining = new Set<Promise<void>>();
  private readonly retiring = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly docker: Docker,
    private readonly options: ValidationPoolsOptions,
  ) {}

  take(project: string, spec: WarmSpec): Disposable<Sandbox> | null {
    if (this.stopped || this.options.size <= 0) return null;
    const key = specKey(spec);
    const current = this.current;
    if (current !== null && current.project === project && current.entry.key === key) return current.entry.pool.take();
    // Another project, or this project's image (or limits) changed: the old sandboxes are of no use.
    if (current !== null) this.drain(current.entry.pool);
    const pool = new WarmPool<Sandbox>({
      target: this.options.size,
      create: () => this.open(spec),
      onError: (error) => this.options.log?.(`warm sandbox of ${spec.image} could not start: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.current = { project, entry: { key, pool } };
    pool.start();
    return null;
  }

  retire(sandbox: Disposable<Sandbox>): Promise<void> {
    const removal: Promise<void> = sandbox
      .release()
      // Left on the engine with the worker's labels: its janitor sweeps it once the worker is gone.
      .catch((error: unknown) => this.options.log?.(`a used warm sandbox could not be removed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.retiring.delete(removal));
    this.retiring.add(removal);
    // Bounded: removals slower than validations make the takers wait, not pile up.
    // After stop() nobody would wait for it: the taker does.
    return this.stopped || this.retiring.size > Math.max(2, 2 * this.options.size) ? removal : Promise.resolve();
  }

  status(): (PoolState & { readonly project: string | null }) | null {
    if (this.current === null) return null;
    return { ...this.current.entry.pool.status(), project: this.current.project };
  }

  /** Removes every sandbox not handed out (those are their takers' to remove) and stops refilling. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.current !== null) this.drain(this.current.entry.pool);
    this.current = null;
    await Promise.allSettled([...this.draining, ...this.retiring]);
  }

  private drain(pool: WarmPool<Sandbox>): void {
    const stopping = pool.stop().finally(() => this.draining.delete(stopping));
    this.draining.add(stopping);
  }

  private async open(spec: WarmSpec): Promise<Disposable<Sandbox>> {
    const id = randomUUID();
    const owned = await openOwnedSandbox(this.docker, {
      image: spec.image,
      name: `patchproof-warm-${id}`,
      limits: spec.limits,
      caps: spec.caps,
      labels: ownerLabels({ kind: 'warm', id, store: this.options.store }),
      engineTimeoutMs: spec.engineTimeoutMs,
    });
    try {
      // One exec: the copy, then the reading, so the validation's first command needs none before it.
      await owned.value.prepareWorkspace({ script: { text: COPY_PROJECT, what: 'copying the project into the workspace' }, timeoutMs: spec.stepTimeoutMs });
      return owned;
    } catch (error) {
      await owned.release().catch(() => undefined);
      throw error;
    }
  }
}

function specKey(spec: WarmSpec): string {
  return JSON.stringify([spec.image, spec.limits, spec.caps]);
}
