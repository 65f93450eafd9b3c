/**
 * Paths too long for the sandbox. A 4,090-byte path passed the old path check (4,096) but not
 * Linux under /workspace/ (PATH_MAX 4096 counts "/workspace/" and the NUL), so the upload failed
 * in the engine and the proposal ended as `error`, retried as ours (issue 12, item 6). Now such a
 * path, and a 300-byte name (NAME_MAX 255, in UTF-8 bytes), are refused at intake with the
 * reason, nothing stored, and rejected by the pipeline if they get that far; a path of exactly
 * the limit reaches the tests, which read it.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_PATH_BYTES } from '../../src/changes/project-path.js';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { docker, write } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { runCli } from '../support/run-cli.js';
import { Attack, testFile } from './attack-harness.js';
import { expectJsonRefusal } from '../support/json-refusal.js';

/** A normalised relative path under `top/` of exactly `bytes` bytes, names of at most 200 bytes. */
function pathOfBytes(bytes: number, top = 'deep'): string {
  const names = [top];
  let left = bytes - top.length;
  while (left > 0) {
    const take = Math.min(200, left - 1);
    names.push('n'.repeat(take));
    left -= take + 1;
  }
  const path = names.join('/');
  expect(Buffer.byteLength(path)).toBe(bytes);
  return path;
}

const listed = z.array(z.object({ id: z.string() }));

describe('a path too long for the sandbox', () => {
  let attack: Attack;
  let env: Record<string, string>;
  let work: string;

  beforeAll(async () => {
    attack = await Attack.prepare();
    work = await mkdtemp(join(tmpdir(), 'patchproof-long-path-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite') };
    const added = await runCli(['projects', 'add', 'calc', attack.project], env);
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  async function stored(): Promise<number> {
    const run = await runCli(['proposals', 'list', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    return listed.parse(JSON.parse(run.stdout).items).length;
  }

  it('is refused at intake, in a changes file and in a diff, naming the limit; nothing is stored', async () => {
    const long = pathOfBytes(4090);
    const component = `tests/${'é'.repeat(150)}`;
    const cases: [string, string, RegExp][] = [
      ['long.json', JSON.stringify([{ filepath: long, content: 'x\n' }]), /is 4090 bytes long, more than the limit of 4084 \(\/workspace\/<path> and its NUL must fit in PATH_MAX, 4096 bytes\)/],
      ['name.json', JSON.stringify([{ filepath: component, content: 'x\n' }]), /has a name longer than 255 bytes \(NAME_MAX; this one has 300\)/],
      ['long.diff', `diff --git a/${long} b/${long}\nnew file mode 100644\n--- /dev/null\n+++ b/${long}\n@@ -0,0 +1 @@\n+x\n`, /is 4090 bytes long, more than the limit of 4084/],
      ['name.diff', `--- /dev/null\n+++ b/${component}\n@@ -0,0 +1 @@\n+x\n`, /has a name longer than 255 bytes \(NAME_MAX; this one has 300\)/],
    ];
    for (const [name, content, reason] of cases) {
      const file = join(work, name);
      await writeFile(file, content);
      const run = await runCli(['propose', 'calc', name.endsWith('.json') ? '--changes' : '--patch', file, '--json'], env);
      expect(run.code, `${name}: ${run.stdout}${run.stderr}`).toBe(2);
      expectJsonRefusal(run.stdout, 'invalid_input', reason);
      expect(run.stderr).toMatch(reason);
      expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      // The message cuts the path: a 4 KB name is not printed whole.
      expect(run.stderr.length).toBeLessThan(600);
    }
    expect(await stored()).toBe(0);
  });

  it('is rejected, not an error, when it reaches the pipeline without intake (a stored proposal)', async () => {
    const result = await attack.run([write(pathOfBytes(4090), 'x\n')]);
    expect(result.outcome, result.reason).toBe('rejected');
    expect(result.code).toBe('unsafe_change');
    expect(result.reason).toMatch(/^change refused before it reached the sandbox: the path "deep\/n+…" is 4090 bytes long, more than the limit of 4084/);
    expect(result.containerId).toBeNull();

    const name = await attack.run([write(`tests/${'é'.repeat(150)}`, 'x\n')]);
    expect(name.outcome, name.reason).toBe('rejected');
    expect(name.reason).toMatch(/has a name longer than 255 bytes \(NAME_MAX; this one has 300\)/);
  });

  it('of exactly the limit arrives in the workspace and the tests read it: executed, never error', async () => {
    const edge = pathOfBytes(MAX_PATH_BYTES);
    const file = join(work, 'edge.json');
    await writeFile(
      file,
      JSON.stringify([
        { filepath: edge, content: 'at the limit\n' },
        { filepath: 'tests/test_edge_path.py', content: `def test_edge_path():\n    with open(${JSON.stringify(edge)}) as f:\n        assert f.read() == "at the limit\\n"\n` },
      ]),
    );
    const proposed = await runCli(['propose', 'calc', '--changes', file, '--json'], env);
    expect(proposed.code, proposed.stderr).toBe(0);
    const worker = await runCli(['worker', '--until-idle', '--no-schedules'], env);
    expect(worker.code, worker.stderr).toBe(0);
    const show = await runCli(['proposals', 'show', z.object({ proposalId: z.string() }).parse(JSON.parse(proposed.stdout)).proposalId, '--json'], env);
    const detail = z.object({ status: z.string(), reason: z.string().nullable() }).parse(JSON.parse(show.stdout));
    expect(detail.status, detail.reason ?? '').toBe('executed');
    // Graded against the example's baseline (issue 11's wording).
    expect(detail.reason).toBe('4 of 4 passed; 100.0% of lines covered');
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });

    // The same through the pipeline directly, with the harness's limits.
    const direct = await attack.run([write(edge, 'at the limit\n'), testFile('test_edge_path.py', `def test_edge_path():\n    assert open(${JSON.stringify(edge)}).read() == "at the limit\\n"\n`)]);
    expect(direct.outcome, direct.reason).toBe('executed');
    expect(direct.reason).toBe('4 of 4 tests passed; 100.0% of lines covered');
    // No secret here to leak; the host marker is checked untouched in the aftermath.
    expect(await readFile(attack.marker.path, 'utf8')).toBe(attack.marker.content);
  });
});
