/**
 * The runtimes of one context (a server, an MCP process, a CLI run): a warm pool per runtime
 * named in PATCHPROOF_WARM_POOL (warm/warm-pool.ts, sandboxes labelled kind `warm`), the images
 * they start from (built once per template), and the gate that bounds how many runs go at once.
 * Made on first use; pools start with `startRuntimePools`; `stopRuntimes` stops them when the door closes.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { ownerLabels } from '../sandbox/labels.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { RUNTIMES } from '../runtimes/registry.js';
import type { RuntimeName } from '../runtime-names.js';
import { ensureRuntimeImage } from '../runtimes/runtime-image.js';
import type { Runtime } from '../runtimes/runtime.js';
import { openOwnedSandbox } from '../warm/owned-sandbox.js';
import { prepareWarmRun } from '../warm/warm-run.js';
import { type Disposable, type PoolState, WarmPool } from '../warm/warm-pool.js';
import type { AppContext } from './context.js';

export type RuntimeState = PoolState | { readonly state: 'cold'; readonly ready: 0; readonly starting: 0; readonly target: 0 };

export class RuntimeService {
  private readonly pools = new Map<string, WarmPool<Sandbox>>();
  private readonly images = new Map<string, Promise<string>>();
  private running = 0;
  private readonly retiring = new Set<Promise<void>>();

  constructor(private readonly ctx: AppContext) {}

  /** Starts the pools the configuration names (and any asked for here); idempotent. */
  startPools(extra: Partial<Record<RuntimeName, number>> = {}): void {
    const targets = { ...this.ctx.config.PATCHPROOF_WARM_POOL, ...extra };
    for (const runtime of RUNTIMES) {
      const target = targets[runtime.name] ?? 0;
      if (target <= 0 || this.pools.has(runtime.name)) continue;
      const pool = new WarmPool<Sandbox>({ target, create: () => this.open(runtime, 'warm') });
      this.pools.set(runtime.name, pool);
      pool.start();
    }
  }

  status(runtime: Runtime): RuntimeState {
    return this.pools.get(runtime.name)?.status() ?? { state: 'cold', ready: 0, starting: 0, target: 0 };
  }

  /**
   * A warm sandbox when one is ready (null when there is none, or no pool). Its replacement starts
   * when it is released (after the run's answer), not during the run.
   */
  takeWarm(runtime: Runtime): Disposable<Sandbox> | null {
    return this.pools.get(runtime.name)?.take({ refill: 'on-release' }) ?? null;
  }

  hasPool(runtime: Runtime): boolean {
    return this.pools.has(runtime.name);
  }

  /** A fresh sandbox started now, for one run (kind `run`). */
  openCold(runtime: Runtime): Promise<Disposable<Sandbox>> {
    return this.open(runtime, 'run');
  }

  /** A fresh sandbox started now for one script job's run (kind `job`; never a warm one). */
  openJob(runtime: Runtime): Promise<Disposable<Sandbox>> {
    return this.open(runtime, 'job');
  }

  /** A slot for one run, or null when PATCHPROOF_RUN_CONCURRENCY runs are going already. */
  admit(): { release(): void } | null {
    if (this.running >= this.ctx.config.PATCHPROOF_RUN_CONCURRENCY) return null;
    this.running += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.running -= 1;
      },
    };
  }

  /**
   * Removes a used sandbox in the background, then frees the run's slot; a removal that fails is
   * told on stderr (the janitor removes the container once this process is gone).
   */
  retire(sandbox: Disposable<Sandbox>, slot: { release(): void }): void {
    const done = sandbox
      .release()
      .catch((error: unknown) => void process.stderr.write(`patchproof: removing a run's sandbox failed: ${error instanceof Error ? error.message : String(error)}\n`))
      .finally(() => {
        slot.release();
        this.retiring.delete(done);
      });
    this.retiring.add(done);
  }

  async image(runtime: Runtime): Promise<string> {
    let tag = this.images.get(runtime.template);
    if (tag === undefined) {
      tag = this.buildImage(runtime);
      this.images.set(runtime.template, tag);
      // A failed build is tried again by the next run, not remembered.
      tag.catch(() => this.images.delete(runtime.template));
    }
    return tag;
  }

  async stop(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.allSettled([...pools.map((pool) => pool.stop()), ...this.retiring]);
  }

  private async buildImage(runtime: Runtime): Promise<string> {
    const [docker, settings] = await Promise.all([this.ctx.engine(), this.ctx.settings()]);
    const built = await ensureRuntimeImage(docker, runtime, { baseImage: settings.baseImage, aptMirror: settings.aptMirror, timeoutMs: settings.imageBuildTimeoutMs, engineTimeoutMs: settings.engineTimeoutMs });
    return built.tag;
  }

  private async open(runtime: Runtime, kind: 'warm' | 'run' | 'job'): Promise<Disposable<Sandbox>> {
    const [docker, settings, image]: [Docker, Awaited<ReturnType<AppContext['settings']>>, string] = await Promise.all([this.ctx.engine(), this.ctx.settings(), this.image(runtime)]);
    const id = randomUUID();
    const owned = await openOwnedSandbox(docker, {
      image,
      name: `patchproof-${kind}-${runtime.name}-${id}`,
      limits: { ...settings.limits, rootOwnedWorkspace: true },
      caps: settings.caps,
      labels: ownerLabels({ kind, id, store: this.ctx.store }),
      engineTimeoutMs: settings.engineTimeoutMs,
    });
    if (kind !== 'warm') return owned;
    // Read while it waits in the pool, so the run's first command needs no reading of its own;
    // then its upload and first command are made ready (warm/warm-run.ts).
    try {
      if (!(await owned.value.readCounters())) throw new Error(`the counters of ${runtime.name}'s warm sandbox could not be read`);
      return await prepareWarmRun(owned, { caps: settings.caps, engineTimeoutMs: settings.engineTimeoutMs });
    } catch (error) {
      await owned.release().catch(() => undefined);
      throw error;
    }
  }
}

const services = new WeakMap<AppContext, RuntimeService>();

export function runtimeService(ctx: AppContext): RuntimeService {
  let service = services.get(ctx);
  if (service === undefined) {
    service = new RuntimeService(ctx);
    services.set(ctx, service);
  }
  return service;
}

/**
 * Starts the pools PATCHPROOF_WARM_POOL names: a long-lived door (serve) does, once; a one-off
 * CLI run does not (it would start sandboxes only to stop them).
 */
export function startRuntimePools(ctx: AppContext): RuntimeService {
  const service = runtimeService(ctx);
  service.startPools();
  return service;
}

/** Stops the context's pools, releasing every warm sandbox; a no-op when none was made. */
export async function stopRuntimes(ctx: AppContext): Promise<void> {
  const service = services.get(ctx);
  services.delete(ctx);
  await service?.stop();
}
