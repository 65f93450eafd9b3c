/**
 * Which limit a command ran into, one code per limit. When several were hit, the one the kernel
 * enforced comes first: a fork storm or an OOM kill usually *causes* the hang that the clock then
 * ends, and "hit the process limit" tells a person more than "timed out".
 */
import type { CommandResult } from '../sandbox/command-result.js';

import type { LimitCode } from '../sandbox/limit-codes.js';
export type { LimitCode } from '../sandbox/limit-codes.js';

/** `oomKilled` carries evidence found outside the command's own usage (the container's state). */
export function limitHit(result: CommandResult, oomKilled = false): LimitCode | null {
  const usage = result.usage;
  if (oomKilled || (usage?.oomKills ?? 0) > 0) return 'oom';
  if ((usage?.forksRefused ?? 0) > 0) return 'pids_limit';
  if ((usage?.fullMounts.length ?? 0) > 0) return 'disk_full';
  if (result.cpuLimitExceeded === true) return 'cpu_time';
  if (result.timedOut) return 'timeout';
  if (result.outputLimitExceeded) return 'output_limit';
  return null;
}
