/**
 * The id of a scheduled job's run for one tick: the same in every process that keeps the
 * schedule (a hash of the job and the tick's second, shaped as a UUID), so the database's key
 * lets only one of them run it.
 */
import { createHash } from 'node:crypto';

export function tickRunId(jobId: string, tick: Date): string {
  const second = Math.floor(tick.getTime() / 1000);
  const hex = createHash('sha256').update(`${jobId}@${second}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
