import { describe, expect, it } from 'vitest';
import { execNeverStarted } from '../../../src/sandbox/exec-command.js';

describe('an exec that never started', () => {
  it('has an exit code and no pid', () => {
    expect(execNeverStarted({ Running: false, ExitCode: 126, Pid: 0 })).toBe(true);
    expect(execNeverStarted({ Running: false, ExitCode: 127, Pid: 0 })).toBe(true);
  });

  it('is not one that ran (it keeps its pid), nor one still to start or running (no exit code yet)', () => {
    expect(execNeverStarted({ Running: false, ExitCode: 126, Pid: 4242 })).toBe(false);
    expect(execNeverStarted({ Running: false, ExitCode: null, Pid: 0 })).toBe(false);
    expect(execNeverStarted({ Running: true, ExitCode: null, Pid: 4242 })).toBe(false);
  });
});
