import { describe, expect, it } from 'vitest';
import { afterInfraError } from '../../../workers/retry-policy.js';

const policy = { maxAttempts: 4, backoffMs: 1_000 };
const NOW = 1_700_000_000_000;

describe('afterInfraError', () => {
  it('queues the proposal again after a backoff that doubles with each attempt', () => {
    expect([1, 2, 3].map((attempts) => afterInfraError(policy, attempts, NOW))).toEqual([
      { status: 'pending', notBefore: NOW + 1_000 },
      { status: 'pending', notBefore: NOW + 2_000 },
      { status: 'pending', notBefore: NOW + 4_000 },
    ]);
  });

  it('ends as error once the attempts run out, never as a rejection', () => {
    expect(afterInfraError(policy, 4, NOW)).toEqual({ status: 'error' });
    expect(afterInfraError(policy, 9, NOW)).toEqual({ status: 'error' });
    expect(afterInfraError({ maxAttempts: 1, backoffMs: 1_000 }, 1, NOW)).toEqual({ status: 'error' });
  });

  it('reads an attempt count below one as the first', () => {
    expect(afterInfraError(policy, 0, NOW)).toEqual({ status: 'pending', notBefore: NOW + 1_000 });
  });
});
