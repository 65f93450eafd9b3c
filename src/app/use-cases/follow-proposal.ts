/**
 * Following a proposal's progress from any process: the events its worker keeps in the database,
 * after `afterSeq`, polled, ending with the verdict. A proposal whose events were pruned, whose
 * verdict was reused, or that was judged before events existed still ends with a verdict, made
 * from its record (seq 0: nothing to resume after).
 */
import { InputError } from '../../errors/input-error.js';
import type { ProgressEvent } from '../../progress/progress-event.js';
import { ProposalEntity } from '../../storage/entities/proposal-entity.js';
import type { AppContext } from '../context.js';

export interface FollowOptions {
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
}

const FINISHED = ['executed', 'rejected', 'error'] as const;

export async function* followProposal(ctx: AppContext, id: string, afterSeq = 0, options: FollowOptions = {}): AsyncGenerator<ProgressEvent, void, undefined> {
  const storage = await ctx.storage();
  const pollMs = options.pollMs ?? ctx.config.PATCHPROOF_POLL_INTERVAL_MS;
  const statusOf = async () => {
    const row = await storage.db.getRepository(ProposalEntity).findOne({ select: { id: true, status: true, reason: true, updatedAt: true }, where: { id } });
    if (row === null) throw new InputError(`no proposal with id "${id}"`, { id }, { code: 'not_found', field: 'id' });
    return row;
  };
  await statusOf();
  let after = afterSeq;
  // A finished proposal is given one more poll for its worker's last events to land.
  let seenFinished = false;
  while (options.signal?.aborted !== true) {
    const events = await storage.progress.after(id, after);
    for (const [i, event] of events.entries()) {
      after = event.seq;
      yield event;
      // A verdict ends the follow unless the proposal went on (queued again for a revalidation).
      if (event.type === 'verdict' && i === events.length - 1 && isFinished((await statusOf()).status)) return;
    }
    if (events.length > 0) continue;
    const row = await statusOf();
    if (isFinished(row.status)) {
      if (seenFinished) {
        yield { seq: 0, at: new Date(row.updatedAt).toISOString(), proposalId: id, type: 'verdict', validationId: null, outcome: row.status, reasonCode: 'recorded', reason: row.reason ?? row.status };
        return;
      }
      seenFinished = true;
    }
    await sleep(pollMs, options.signal);
  }
}

function isFinished(status: string): status is (typeof FINISHED)[number] {
  return (FINISHED as readonly string[]).includes(status);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  // The abort listener goes when the timer fires: a long follow polls thousands of times.
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
