/** Times each phase of a validation; every phase is timed even when it throws. */
export type Phase = 'image' | 'container' | 'apply' | 'build' | 'test' | 'collect' | 'rerun' | 'cleanup';

/** Told when each phase starts (durationMs null) and ends (how long it took): progress events. */
export type PhaseListener = (phase: Phase, durationMs: number | null) => void;

export class PhaseTimer {
  private readonly started = Date.now();
  private readonly spent: Partial<Record<Phase, number>> = {};

  constructor(private readonly listener: PhaseListener = () => undefined) {}

  async time<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    const start = Date.now();
    this.listener(phase, null);
    try {
      return await work();
    } finally {
      const took = Date.now() - start;
      this.spent[phase] = (this.spent[phase] ?? 0) + took;
      this.listener(phase, took);
    }
  }

  /** Milliseconds per phase that ran, plus `total` since the timer was made. */
  durations(): Record<string, number> {
    return { ...this.spent, total: Date.now() - this.started };
  }
}
