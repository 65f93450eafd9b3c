/**
 * Acquire, register, release: whatever a validation creates is registered here as soon as it
 * exists and released in reverse order in a finally. A failing release does not stop the others;
 * the failures are returned for the record. Each release has a deadline, so one the engine never
 * answers is given up (and recorded) instead of holding up the others and the verdict: what it
 * left is the janitor's.
 */
import { withDeadline } from '../engine/engine-deadline.js';

/** For callers that give none: long enough for a kill and a remove of a loaded engine. */
const DEFAULT_RELEASE_DEADLINE_MS = 5 * 60_000;

export class Releasers {
  private readonly stack: { name: string; release: () => Promise<void> }[] = [];

  constructor(private readonly deadlineMs = DEFAULT_RELEASE_DEADLINE_MS) {}

  add(name: string, release: () => Promise<void>): void {
    this.stack.push({ name, release });
  }

  async releaseAll(): Promise<Error[]> {
    const failures: Error[] = [];
    while (this.stack.length > 0) {
      const item = this.stack.pop();
      if (item === undefined) break;
      try {
        await withDeadline(`releasing ${item.name}`, this.deadlineMs, () => item.release());
      } catch (cause) {
        failures.push(new Error(`releasing ${item.name} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause }));
      }
    }
    return failures;
  }
}
