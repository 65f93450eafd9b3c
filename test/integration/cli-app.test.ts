/**
 * The application layer through the real CLI: list paging by cursor over 25 proposals, --json
 * refusals printed as the error view on stdout (exit 2), `proposals follow` watching a worker in
 * another process validate a proposal, and a proposal's overrides used again on revalidation.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorView } from '../../src/app/views/error-view.js';
import { ProgressEventView } from '../../src/app/views/progress-event-view.js';
import { ProposalListPage } from '../../src/app/views/proposal-list-view.js';
import { ProposalView, SubmittedView } from '../../src/app/views/proposal-view.js';
import { runCli } from '../support/run-cli.js';
import { scratchProject } from '../support/scratch-project.js';

describe('the application layer through the CLI', () => {
  let env: Record<string, string>;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-cli-app-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100' };
    const added = await runCli(['projects', 'add', 'calc', await scratchProject()], env);
    expect(added.code, added.stderr).toBe(0);
  });

  async function propose(name: string, content: string, ...flags: string[]) {
    return proposeIn(env, name, content, ...flags);
  }

  async function proposeIn(into: Record<string, string>, name: string, content: string, ...flags: string[]) {
    const file = join(work, `${name}.json`);
    await writeFile(file, JSON.stringify([{ filepath: `tests/test_${name}.py`, content }]));
    const run = await runCli(['propose', 'calc', '--changes', file, '--title', name, '--author', 'pager', '--json', ...flags], into);
    expect(run.code, run.stderr).toBe(0);
    return SubmittedView.parse(JSON.parse(run.stdout));
  }

  it('pages 25 proposals by cursor: every one once, newest first, the last page without a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await propose(`p${i}`, `def test_p${i}():\n    assert True\n`)).proposalId);
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const run = await runCli(['proposals', 'list', '--json', '--author', 'pager', '--limit', '10', ...(cursor === null ? [] : ['--cursor', cursor])], env);
      expect(run.code, run.stderr).toBe(0);
      const page = ProposalListPage.parse(JSON.parse(run.stdout));
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(sizes).toEqual([10, 10, 5]);
    expect(new Set(seen).size).toBe(25);
    expect([...seen].sort()).toEqual([...ids].sort());
    // Newest first: the last one proposed heads the first page.
    expect(seen[0]).toBe(ids[24]);
    const filtered = ProposalListPage.parse(JSON.parse((await runCli(['proposals', 'list', '--json', '--text', 'P1'], env)).stdout));
    expect(filtered.items.map((i) => i.title).sort()).toEqual(['p1', 'p10', 'p11', 'p12', 'p13', 'p14', 'p15', 'p16', 'p17', 'p18', 'p19']);
  });

  it('prints a refusal as the error view on stdout with exit 2 when --json is given', async () => {
    const cases: [string[], string, string | undefined][] = [
      [['proposals', 'show', 'no-such-id', '--json'], 'not_found', 'id'],
      [['proposals', 'list', '--json', '--cursor', 'forged'], 'invalid_input', 'cursor'],
      [['proposals', 'list', '--json', '--project', 'nope'], 'not_found', 'project'],
      [['proposals', 'list', '--json', '--limit', '5000'], 'invalid_input', 'limit'],
      [['projects', 'add', '../x', work, '--json'], 'invalid_input', 'name'],
    ];
    for (const [args, code, field] of cases) {
      const run = await runCli(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      const view = ErrorView.parse(JSON.parse(run.stdout));
      expect(view.error).toMatchObject({ code, ...(field === undefined ? {} : { field }) });
    }
  });

  it('follows a proposal a worker in another process validates, to its verdict; its overrides are used again on revalidation', async () => {
    // A database of its own: the worker runs only this proposal (and its baseline).
    const env = { PATCHPROOF_DB_PATH: join(work, 'follow.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100' };
    expect((await runCli(['projects', 'add', 'calc', await scratchProject()], env)).code).toBe(0);
    const slow = await proposeIn(env, 'slow', 'import time\n\n\ndef test_slow():\n    time.sleep(30)\n', '--timeout', '3');
    const follower = runCli(['proposals', 'follow', slow.proposalId, '--json'], env);
    const worker = await runCli(['worker', '--until-idle', '--no-schedules'], env);
    expect(worker.code, worker.stderr).toBe(0);
    const followed = await follower;
    expect(followed.code, followed.stderr).toBe(1);
    const events = followed.stdout.trim().split('\n').map((line) => ProgressEventView.parse(JSON.parse(line)));
    const types = events.map((e) => e.type);
    expect(types).toContain('claimed');
    expect(events.some((e) => e.type === 'phase_started' && e.phase === 'test')).toBe(true);
    expect(events.some((e) => e.type === 'phase_ended' && e.phase === 'test' && e.durationMs >= 0)).toBe(true);
    expect(types.at(-1)).toBe('verdict');
    expect(events.at(-1)).toMatchObject({ type: 'verdict', outcome: 'rejected', reasonCode: 'timeout' });
    const seqs = events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);

    const shown = ProposalView.parse(JSON.parse((await runCli(['proposals', 'show', slow.proposalId, '--json'], env)).stdout));
    expect(shown.overrides).toEqual({ timeoutS: 3 });
    expect(shown.validations[0]?.reason).toMatch(/timed out after [34] s/);

    const again = await runCli(['revalidate', slow.proposalId, '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(z.object({ queued: z.array(z.string()) }).parse(JSON.parse(again.stdout)).queued).toEqual([slow.proposalId]);
    const rerun = await runCli(['worker', '--until-idle', '--no-schedules'], env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const after = ProposalView.parse(JSON.parse((await runCli(['proposals', 'show', slow.proposalId, '--json'], env)).stdout));
    expect(after.validations.map((v) => v.kind)).toEqual(['validation', 'revalidation']);
    // The revalidation ran under the stored 3 s, not the configured 300 s.
    expect(after.validations[1]?.reason).toMatch(/timed out after [34] s/);
  });
});
