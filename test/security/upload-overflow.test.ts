/**
 * Changes larger than the room the workspace has left once the project is in it. The engine
 * refuses such an upload (no space left on device), which used to end as `error`, retried as
 * ours; the change caused it, so it is rejected before it reaches the sandbox, saying how much
 * room there was (issue 12, item 6). Changes that just fit still arrive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { write } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker } from '../support/run-validation.js';
import { Attack, MIB, testFile } from './attack-harness.js';

describe('changes that overflow the workspace', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('are rejected before any container starts, naming the room left, never an error', async () => {
    // Four 4 MiB files into a 12 MiB workspace: within every change limit, not within the room.
    const big = Array.from({ length: 4 }, (_, i) => ({ kind: 'write' as const, path: `data/blob${i}.bin`, content: Buffer.alloc(4 * MIB, i) }));
    const result = await attack.run(big, { workspaceMb: 12 });
    expect(result.outcome, result.reason).toBe('rejected');
    expect(result.code).toBe('unsafe_change');
    expect(result.reason).toMatch(/^change refused before it reached the sandbox: the changed files need 16777216 bytes of the workspace, but only \d+ of its 12582912 are left once the project is in it$/);
    expect(result.containerId).toBeNull();
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('that just fit arrive, and the tests see them', async () => {
    const fits = [
      { kind: 'write' as const, path: 'data/blob0.bin', content: Buffer.alloc(4 * MIB, 7) },
      { kind: 'write' as const, path: 'data/blob1.bin', content: Buffer.alloc(4 * MIB, 8) },
      testFile('test_blob.py', 'import os\n\n\ndef test_blob():\n    assert [os.path.getsize(f"data/blob{i}.bin") for i in (0, 1)] == [4 * 1024 * 1024] * 2\n'),
      write('data/README', 'blobs\n'),
    ];
    const result = await attack.run(fits, { workspaceMb: 12 });
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.reason).toBe('4 of 4 tests passed; 100.0% of lines covered');
  });
});
