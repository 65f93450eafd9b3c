/**
 * Acquire, register, release: whatever a validation creates is registered here as soon as it
 * exists and released in reverse order in a finally. A failing release does not stop the others;
 * the failures are returned for the record.
 */
export class Releasers {
  private readonly stack: { name: string; release: () => Promise<void> }[] = [];

  add(name: string, release: () => Promise<void>): void {
    this.stack.push({ name, release });
  }

  async releaseAll(): Promise<Error[]> {
    const failures: Error[] = [];
    while (this.stack.length > 0) {
      const item = this.stack.pop();
      if (item === undefined) break;
      try {
        await item.release();
      } catch (cause) {
        failures.push(new Error(`releasing ${item.name} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause }));
      }
    }
    return failures;
  }
}
