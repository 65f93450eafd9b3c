/**
 * Pre-started pristine sandboxes of one kind (a runtime's, a project image's), each handed out
 * once and never returned: the taker releases it. Taking one starts a replacement in the
 * background (or, when asked, once the taken one is released), so a steady caller finds one ready. A pool whose sandboxes fail to start says why
 * (`unavailable`) and tries again after a pause that doubles up to a minute, instead of spinning.
 *
 * The pool owns what it has not handed out: `stop` releases those, and every sandbox is labelled
 * as owned by this process (kind `warm`), so a crash leaves nothing a janitor cannot judge.
 */
export interface Disposable<T> {
  readonly value: T;
  /** Idempotent: removes the sandbox and everything it holds. */
  release(): Promise<void>;
}

export type PoolState =
  | { readonly state: 'ready'; readonly ready: number; readonly starting: number; readonly target: number }
  | { readonly state: 'starting'; readonly ready: 0; readonly starting: number; readonly target: number }
  | { readonly state: 'stopped'; readonly ready: 0; readonly starting: 0; readonly target: number }
  | { readonly state: 'unavailable'; readonly ready: 0; readonly starting: number; readonly target: number; readonly reason: string; readonly retryAt: string };

export interface WarmPoolOptions<T> {
  readonly target: number;
  readonly create: () => Promise<Disposable<T>>;
  /** A failed start, for the log; the pool keeps the last one as its reason. */
  readonly onError?: (error: unknown) => void;
  /** First pause after a failed start; doubled each time up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

export class WarmPool<T> {
  private readonly ready: Disposable<T>[] = [];
  private starting = 0;
  private stopped = false;
  private failure: { reason: string; retryAt: number } | null = null;
  private backoffMs: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly waiters: (() => void)[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: WarmPoolOptions<T>) {
    this.backoffMs = options.backoffMs ?? 1_000;
  }

  /** Starts filling; idempotent. */
  start(): void {
    this.fill();
  }

  /**
   * A ready sandbox, or null at once when none is (the caller starts one cold or says "retry").
   * `refill: 'on-release'` starts its replacement when the taken one is released instead of now,
   * so starting it does not compete for the engine and the CPU with the work it was taken for.
   */
  take(options: { refill?: 'now' | 'on-release' } = {}): Disposable<T> | null {
    const taken = this.ready.shift() ?? null;
    if (taken === null) return null;
    if (options.refill !== 'on-release') {
      this.fill();
      return taken;
    }
    return {
      value: taken.value,
      release: () => {
        this.fill();
        return taken.release();
      },
    };
  }

  /** Waits up to `timeoutMs` for a ready sandbox; null when none came (or the pool stopped). */
  async takeWaiting(timeoutMs: number): Promise<Disposable<T> | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const taken = this.take();
      if (taken !== null || this.stopped) return taken;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.push(done);
      });
    }
  }

  status(): PoolState {
    const target = this.options.target;
    if (this.stopped) return { state: 'stopped', ready: 0, starting: 0, target };
    if (this.ready.length > 0) return { state: 'ready', ready: this.ready.length, starting: this.starting, target };
    if (this.failure !== null) return { state: 'unavailable', ready: 0, starting: this.starting, target, reason: this.failure.reason, retryAt: new Date(this.failure.retryAt).toISOString() };
    return { state: 'starting', ready: 0, starting: this.starting, target };
  }

  /** Releases every sandbox not handed out and waits for the ones still starting (released too). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.wakeWaiters();
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled(this.ready.splice(0).map((d) => d.release()));
  }

  private fill(): void {
    if (this.stopped || this.retryTimer !== null) return;
    while (this.ready.length + this.starting < this.options.target) {
      this.starting += 1;
      const started = this.startOne().finally(() => this.inFlight.delete(started));
      this.inFlight.add(started);
    }
  }

  private async startOne(): Promise<void> {
    let made: Disposable<T> | null = null;
    try {
      made = await this.options.create();
    } catch (error) {
      this.options.onError?.(error);
      this.failure = { reason: error instanceof Error ? error.message : String(error), retryAt: Date.now() + this.backoffMs };
      this.scheduleRetry();
    } finally {
      this.starting -= 1;
    }
    if (made === null) return;
    if (this.stopped) {
      await made.release().catch(() => undefined);
      return;
    }
    this.failure = null;
    this.backoffMs = this.options.backoffMs ?? 1_000;
    this.ready.push(made);
    this.wakeWaiters();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer !== null) return;
    const pause = this.backoffMs;
    this.backoffMs = Math.min(pause * 2, this.options.maxBackoffMs ?? 60_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.fill();
    }, pause);
    this.retryTimer.unref();
  }

  private wakeWaiters(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
