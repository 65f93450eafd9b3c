/**
 * `npm run bench`, baselines: 20 proposals queued on one new project state, judged by two worker
 * processes over one SQLite file, cause exactly one baseline run (target: 1). Also reports the
 * wall time of the batch and what share of it the baseline took.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineStateKey } from '../baseline/state-key.js';
import { loadConfig } from '../config.js';
import { snapshotProject } from '../project/project-snapshot.js';
import { submitProposal } from '../intake/submit-proposal.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { ValidationEntity } from '../storage/entities/validation-entity.js';
import { openStorage } from '../storage/storage.js';

const PROPOSALS = 20;
const WORKERS = 2;
const TARGET_BASELINE_RUNS = 1;

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'patchproof-bench-baseline-'));
  try {
    const project = join(work, 'calc');
    await cp(join(PACKAGE_ROOT, 'examples', 'calc'), project, { recursive: true });
    // A state no earlier run has seen.
    await writeFile(join(project, 'BENCH.txt'), `${randomUUID()}\n`);
    const env = { ...process.env, PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100' };
    const config = loadConfig(env);
    const storage = await openStorage(config);
    try {
      const row = await storage.projects.add('calc', project);
      for (let n = 0; n < PROPOSALS; n++) {
        const changes = [{ kind: 'write' as const, path: `notes/note_${n}.txt`, content: Buffer.from(`proposal ${n}\n`) }];
        await submitProposal(storage, { project: row.name, changes, patch: null, patchFault: null, title: `p${n}`, author: 'bench', priority: 0, rerun: false, protectTests: false, maxPending: config.PATCHPROOF_MAX_PENDING });
      }
      const started = Date.now();
      const codes = await Promise.all(Array.from({ length: WORKERS }, () => worker(env)));
      const wallMs = Date.now() - started;
      if (codes.some((c) => c !== 0)) throw new Error(`a worker exited with ${codes.join(', ')}`);
      const state = baselineStateKey(await snapshotProject(project), row);
      const baselineRuns = await storage.baselines.runCount(state);
      const all = await storage.db.getRepository(ValidationEntity).find();
      const baseline = all.find((v) => v.kind === 'baseline');
      const compared = all.filter((v) => v.kind !== 'baseline' && v.comparison?.baseline.validationId === baseline?.id).length;
      const baselineMs = baseline === undefined ? 0 : baseline.finishedAt - baseline.startedAt;
      process.stdout.write(
        [
          `patchproof bench: ${PROPOSALS} proposals on one new state, ${WORKERS} workers`,
          `  baseline runs     ${baselineRuns}   target = ${TARGET_BASELINE_RUNS}  ${baselineRuns === TARGET_BASELINE_RUNS ? 'ok' : 'MISSED'}`,
          `  compared with it  ${compared} of ${PROPOSALS}`,
          `  wall time         ${wallMs} ms (baseline ${baselineMs} ms, ${((100 * baselineMs) / wallMs).toFixed(1)}%)`,
          JSON.stringify({ proposals: PROPOSALS, workers: WORKERS, baselineRuns, compared, wallMs, baselineMs }),
        ].join('\n') + '\n',
      );
      if (baselineRuns !== TARGET_BASELINE_RUNS || compared !== PROPOSALS) process.exitCode = 1;
    } finally {
      await storage.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function worker(env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js'), 'worker', '--until-idle', '--no-schedules'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
