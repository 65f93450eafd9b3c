/** Times each phase of a validation; every phase is timed even when it throws. */
export type Phase = 'image' | 'container' | 'apply' | 'build' | 'test' | 'collect' | 'rerun' | 'cleanup';

export class PhaseTimer {
  private readonly started = Date.now();
  private readonly spent: Partial<Record<Phase, number>> = {};

  async time<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    const start = Date.now();
    try {
      return await work();
    } finally {
      this.spent[phase] = (this.spent[phase] ?? 0) + (Date.now() - start);
    }
  }

  /** Milliseconds per phase that ran, plus `total` since the timer was made. */
  durations(): Record<string, number> {
    return { ...this.spent, total: Date.now() - this.started };
  }
}
