/**
 * What happens after a validation ends in an infrastructure error: another attempt after a
 * backoff that doubles each time, until the attempts run out; then the proposal is `error`,
 * with the cause. Infrastructure errors never become rejections.
 */
import type { NextStatus } from '../src/storage/proposal-store.js';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly backoffMs: number;
}

/** `attempts` counts this one (claims count attempts). */
export function afterInfraError(policy: RetryPolicy, attempts: number, now = Date.now()): NextStatus {
  if (attempts >= policy.maxAttempts) return { status: 'error' };
  return { status: 'pending', notBefore: now + policy.backoffMs * 2 ** Math.max(0, attempts - 1) };
}
