/**
 * `?wait=SECONDS`: follows a proposal (the same loop as its event stream) until its verdict, the
 * wait runs out, the client goes away or the server closes; true when it finished. A wait counts
 * as a stream (stream-limits.ts); with none free it ends at once.
 */
import type { IncomingMessage } from 'node:http';
import { followProposal } from '../app/use-cases/follow-proposal.js';
import { type ServerState, waitSlot } from './server-state.js';
import { clientAddress } from './stream-limits.js';

export async function waitForVerdict(state: ServerState, id: string, seconds: number, request: IncomingMessage): Promise<boolean> {
  // Past the stream bounds the wait is skipped, not refused: the proposal is queued, the 202 says where.
  const release = state.streams.tryAcquire(clientAddress(request));
  if (release === null) return false;
  const slot = waitSlot(state);
  const timer = setTimeout(() => slot.controller.abort(), seconds * 1000);
  const onClose = () => slot.controller.abort();
  request.socket.once('close', onClose);
  try {
    for await (const event of followProposal(state.ctx, id, 0, { signal: slot.controller.signal })) void event;
    // The follow ends by itself only once the proposal is finished; an abort ends it early.
    return !slot.controller.signal.aborted;
  } finally {
    clearTimeout(timer);
    request.socket.off('close', onClose);
    slot.release();
    release();
  }
}
