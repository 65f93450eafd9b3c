/** Progress events as the one line a client's progress display shows. */
import { describe, expect, it } from 'vitest';
import { describe as describeEvent } from '../../../src/mcp/progress-bridge.js';
import { isLoopbackAddress } from '../../../src/mcp/request-auth.js';

const stamp = { seq: 1, at: '2026-01-01T00:00:00.000Z', proposalId: 'p' };

describe('progress notification text', () => {
  it('says what happened, the verdict with its reason', () => {
    expect(describeEvent({ ...stamp, type: 'queued', reason: 'queued for a worker' })).toBe('queued: queued for a worker');
    expect(describeEvent({ ...stamp, type: 'claimed', validationId: 'v', worker: 'host:1', attempt: 2 })).toBe('claimed by host:1 (attempt 2)');
    expect(describeEvent({ ...stamp, type: 'phase_ended', validationId: 'v', phase: 'test', durationMs: 1234 })).toBe('test ended after 1234 ms');
    expect(describeEvent({ ...stamp, type: 'test_output_line', validationId: 'v', line: '3 passed' })).toBe('test: 3 passed');
    expect(describeEvent({ ...stamp, type: 'verdict', validationId: 'v', outcome: 'rejected', reasonCode: 'tests_failed', reason: '1 of 3 tests failed: test_add' })).toBe('rejected: 1 of 3 tests failed: test_add');
  });
});

describe('loopback peers', () => {
  it('are 127.0.0.0/8 and ::1, also as IPv4-mapped addresses; nothing else', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of [undefined, '10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', '127.0.0.1.evil', 'fe80::1', '0.0.0.0']) expect(isLoopbackAddress(address), String(address)).toBe(false);
  });
});
