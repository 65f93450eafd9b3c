/**
 * Tests whose identity holds their position (RSpec's `file[1:2]`, see
 * parsers/rspec-json/position-free.ts) get a new identity when a change adds or removes a test
 * above them in the same file. Such a baseline test gone from the run is the same test as the
 * run's new one with the same position-free identity, when exactly one on each side has it: an
 * edit that adds a test is no removal of the tests below it. Pure.
 */
import { positionFreeIdentity } from '../../parsers/rspec-json/position-free.js';

/** The run's identity → the baseline identity it moved from. */
export function movedTests(baselineIds: ReadonlySet<string>, runIds: ReadonlySet<string>): Map<string, string> {
  const gone = uniqueByKey([...baselineIds].filter((id) => !runIds.has(id)), baselineIds);
  const moved = new Map<string, string>();
  for (const [key, runId] of uniqueByKey([...runIds].filter((id) => !baselineIds.has(id)), runIds)) {
    const was = gone.get(key);
    if (was !== undefined) moved.set(runId, was);
  }
  return moved;
}

/** Position-free key → identity, for the candidates whose key no other identity of `all` shares. */
function uniqueByKey(candidates: readonly string[], all: ReadonlySet<string>): Map<string, string> {
  const counts = new Map<string, number>();
  for (const id of all) {
    const key = positionFreeIdentity(id);
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const byKey = new Map<string, string>();
  for (const id of candidates) {
    const key = positionFreeIdentity(id);
    if (key !== null && counts.get(key) === 1) byKey.set(key, id);
  }
  return byKey;
}
