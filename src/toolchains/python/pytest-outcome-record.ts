/**
 * The record patchproof's own pytest plugin keeps of a run (templates/python/pytest/witness.py):
 * JSON lines, the number of tests collected first, one line per test as its teardown ends with
 * each phase's outcome as the runner first saw it (before a conftest hook could rewrite the
 * report), and an "end" line last. Read beside the JUnit report as a second witness: a record
 * that is missing, unreadable or cut short is no account, and a test it saw fail is named.
 */
import { z } from 'zod';
import type { MissingAccount, RunnerSummary } from '../toolchain.js';

/** Its file name under the report folder. */
export const OUTCOME_RECORD = 'pytest-outcomes.jsonl';

const WHO = "patchproof's pytest plugin";
const NAMES_SHOWN = 5;
const NAME_CHARS = 200;

const Phase = z.enum(['passed', 'failed', 'skipped', 'xfailed']);
const Line = z.discriminatedUnion('event', [
  z.object({ event: z.literal('collected'), count: z.number().int().nonnegative() }),
  z.object({ event: z.literal('test'), nodeid: z.string(), phases: z.object({ setup: Phase.optional(), call: Phase.optional(), teardown: Phase.optional() }) }),
  z.object({ event: z.literal('end') }),
]);
type TestLine = Extract<z.infer<typeof Line>, { event: 'test' }>;

type Status = 'passed' | 'failed' | 'error' | 'other';

/** A test's status from one run of it: a failed setup or teardown is an error, as pytest counts it. */
function lineStatus(phases: TestLine['phases']): Status {
  if (phases.setup === 'failed' || phases.teardown === 'failed') return 'error';
  if (phases.call === 'failed') return 'failed';
  return phases.call === 'passed' ? 'passed' : 'other';
}

const RANK: Record<Status, number> = { other: 0, passed: 1, failed: 2, error: 3 };

export function readOutcomeRecord(content: Buffer | undefined): RunnerSummary | MissingAccount {
  if (content === undefined) return { missing: `pytest left no record from ${WHO} (${OUTCOME_RECORD})` };
  let collected: number | null = null;
  let ended = false;
  let runs = 0;
  // A test run twice (a conftest re-running it) counts by its worst run: a failure is not undone.
  const tests = new Map<string, Status>();
  const lines = content.toString('utf8').split('\n');
  for (const [index, text] of lines.entries()) {
    if (text.trim() === '') continue;
    const line = Line.safeParse(parseJson(text));
    if (!line.success || ended) return { missing: `${WHO} left a record that does not read (${OUTCOME_RECORD} line ${index + 1})` };
    if (line.data.event === 'collected') collected = line.data.count;
    else if (line.data.event === 'end') ended = true;
    else {
      runs++;
      const status = lineStatus(line.data.phases);
      const before = tests.get(line.data.nodeid);
      if (before === undefined || RANK[status] > RANK[before]) tests.set(line.data.nodeid, status);
    }
  }
  if (!ended) return { missing: `${WHO} recorded no end of the run (did a test end it early?)` };
  if (collected === null) return { missing: `${WHO} left a record that does not read (${OUTCOME_RECORD} has no count of the tests collected)` };
  // Runs, not distinct names: two items pytest gives the same node id both run.
  if (runs < collected) return { missing: `${WHO} saw only ${runs} of the ${collected} collected tests run (did a test end the run early?)` };

  const failing = [...tests].filter(([, status]) => status === 'failed' || status === 'error').map(([nodeid]) => nodeid);
  const count = (status: Status) => [...tests.values()].filter((s) => s === status).length;
  const passed = count('passed');
  const failed = count('failed');
  const errors = count('error');
  return {
    line: `${OUTCOME_RECORD}: ${passed} passed, ${failed} failed, ${errors} errors`,
    passed,
    failed,
    errors,
    said: failing.length > 0 ? `${WHO} saw ${names(failing)} fail` : `${WHO} saw ${passed} tests pass`,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function names(nodeids: readonly string[]): string {
  const shown = nodeids.slice(0, NAMES_SHOWN).map((id) => (id.length > NAME_CHARS ? `${id.slice(0, NAME_CHARS)}…` : id));
  return nodeids.length > NAMES_SHOWN ? `${shown.join(', ')} and ${nodeids.length - NAMES_SHOWN} more` : shown.join(', ');
}
