import { describe, expect, it } from 'vitest';
import { limitHit } from '../../../src/pipeline/limit-hit.js';
import type { CommandResult } from '../../../src/sandbox/command-result.js';
import type { RunUsage } from '../../../src/sandbox/run-usage.js';

const usage = (overrides: Partial<RunUsage> = {}): RunUsage => ({ cpuNanos: 0, oomKills: 0, forksRefused: 0, fullMounts: [], leftoverTasks: 0, leftoverStop: 'none-left', ...overrides });
const full = (path: string) => [{ path, sizeBytes: 1024 }];

function run(overrides: Partial<CommandResult> = {}): CommandResult {
  return {
    command: ['true'], exitCode: 0, signal: null, timedOut: false, outputLimitExceeded: false, outputTruncated: false,
    durationMs: 1, stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0, usage: usage(), ...overrides,
  };
}

describe('limitHit', () => {
  it('is null when no limit was hit', () => {
    expect(limitHit(run())).toBeNull();
    expect(limitHit(run({ usage: undefined }))).toBeNull();
  });

  it('names each limit alone', () => {
    expect(limitHit(run({ usage: usage({ oomKills: 1 }) }))).toBe('oom');
    expect(limitHit(run(), true)).toBe('oom');
    expect(limitHit(run({ usage: usage({ forksRefused: 3 }) }))).toBe('pids_limit');
    expect(limitHit(run({ usage: usage({ fullMounts: full('/tmp') }) }))).toBe('disk_full');
    expect(limitHit(run({ cpuLimitExceeded: true }))).toBe('cpu_time');
    expect(limitHit(run({ timedOut: true }))).toBe('timeout');
    expect(limitHit(run({ outputLimitExceeded: true }))).toBe('output_limit');
  });

  it('puts what the kernel enforced before the clock that ended the hang it caused', () => {
    const everything = run({ usage: usage({ oomKills: 1, forksRefused: 1, fullMounts: full('/workspace') }), cpuLimitExceeded: true, timedOut: true, outputLimitExceeded: true });
    expect(limitHit(everything)).toBe('oom');
    expect(limitHit(run({ usage: usage({ forksRefused: 1, fullMounts: full('/tmp') }), timedOut: true }))).toBe('pids_limit');
    expect(limitHit(run({ usage: usage({ fullMounts: full('/tmp') }), timedOut: true }))).toBe('disk_full');
    expect(limitHit(run({ cpuLimitExceeded: true, timedOut: true }))).toBe('cpu_time');
    expect(limitHit(run({ timedOut: true, outputLimitExceeded: true }))).toBe('timeout');
  });
});
