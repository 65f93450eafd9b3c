/**
 * A test that prints without end, one endless line, straight to the real stdout (capture turned
 * off): the run is stopped once the output cap is passed, and the producer is killed rather than
 * merely no longer read (docs/sandbox.md P12). The record keeps the head and the tail, with the count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, MIB, testFile } from './attack-harness.js';

const FLOOD = `import sys


def test_flood(capsys):
    chunk = "y" * 65536
    with capsys.disabled():
        while True:
            sys.stdout.write(chunk)
            sys.stdout.flush()
`;

describe('an output flood', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is stopped at the cap and rejected as output_limit, head and tail kept', async () => {
    const result = await attack.run([testFile('test_flood.py', FLOOD)], { outputLimitBytes: MIB });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('output_limit');
    expect(result.reason).toBe(`stopped: the tests printed more than ${MIB} bytes`);
    const test = result.test;
    expect(test?.outputLimitExceeded).toBe(true);
    expect(test?.outputTruncated).toBe(true);
    expect(test?.stdoutBytes).toBeGreaterThan(MIB);
    // Stopped soon after the cap, not after hundreds of MiB (P12 measured 275 MB in 2 s).
    expect(test?.stdoutBytes).toBeLessThan(64 * MIB);
    expect(test?.stdout).toMatch(/^=+ test session starts =+/);
    expect(test?.stdout).toMatch(/\n\[\.\.\. \d+ bytes of output left out, \d+ in all \.\.\.\]\n/);
    expect(test?.stdout).toMatch(/y{1000}$/);
    expect(test?.durationMs).toBeLessThan(20_000);
  });
});
