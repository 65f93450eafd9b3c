import { describe, expect, it } from 'vitest';
import { describeEnd, runHostProgram } from '../../../src/engine/host-program.js';

describe('runHostProgram', () => {
  it('passes lines on, keeps the tail and reports the exit code', async () => {
    const lines: string[] = [];
    const result = await runHostProgram('sh', ['-c', 'echo one; echo two >&2; printf three; exit 3'], {
      timeoutMs: 10_000,
      onLine: (line) => lines.push(line),
    });
    expect(result.code).toBe(3);
    expect(lines.sort()).toEqual(['one', 'three', 'two']);
    expect(describeEnd(result, 10_000)).toBe('exited with code 3');
  });

  it('kills a program that runs past its timeout', async () => {
    const result = await runHostProgram('sleep', ['30'], { timeoutMs: 100 });
    expect(result.timedOut).toBe(true);
    expect(describeEnd(result, 100)).toMatch(/did not finish/);
  });

  it('rejects when the program does not exist', async () => {
    await expect(runHostProgram('/nonexistent/program', [], { timeoutMs: 1_000 })).rejects.toThrow(/ENOENT/);
  });
});
