/**
 * A cold sandbox's removal (container and volume, about 0.4 s of engine CPU here and ~0.1-0.2 s of
 * waiting) need not hold up a verdict that is already known: nothing of the proposal runs any more
 * (each command of it returned only once the reaper had killed all it started), the container has
 * no network, and it carries the validation's labels, so the janitor sweeps it should its removal
 * never finish. The removal starts at once, as before; only the verdict no longer waits for it.
 * The caller (who asked with `removeAfter`) awaits it after recording the verdict and before it
 * ends. A validation ending in error may have left the proposal's processes running (an exec the
 * engine never answered): its sandbox is removed before the verdict, as it always was.
 */
import type { ValidationResult } from './validation-result.js';
import type { PhaseTimer } from './phase-timer.js';
import type { Releasers } from '../sandbox/releasers.js';

/** Failures to record with the verdict: those of a removal it waited for, none for one handed over. */
export async function removeAfterVerdict(sandbox: Releasers, outcome: ValidationResult['outcome'], timer: PhaseTimer, handOver: ((removal: Promise<readonly string[]>) => void) | undefined): Promise<string[]> {
  const removal = sandbox.releaseAll().then((failures) => failures.map((f) => f.message));
  if (handOver === undefined || outcome === 'error') return [...(await timer.time('cleanup', () => removal))];
  handOver(removal);
  return [];
}

/**
 * Collects the removals handed over by validations (`removeAfter`) so that whoever made them can
 * await them all before it ends: `settle` resolves with every failure, never rejects, and may be
 * called again (later handovers are awaited too; settled ones are not awaited twice).
 */
export class PendingRemovals {
  private readonly pending = new Set<Promise<readonly string[]>>();

  readonly add = (removal: Promise<readonly string[]>): void => {
    const tracked = removal.catch((error: unknown) => [error instanceof Error ? error.message : String(error)]);
    this.pending.add(tracked);
  };

  get size(): number {
    return this.pending.size;
  }

  async settle(): Promise<string[]> {
    const failures: string[] = [];
    while (this.pending.size > 0) {
      const batch = [...this.pending];
      this.pending.clear();
      for (const done of await Promise.all(batch)) failures.push(...done);
    }
    return failures;
  }
}
