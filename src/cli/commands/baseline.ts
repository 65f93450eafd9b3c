/**
 * `patchproof baseline <project|dir> [--refresh] [--json]`: the baseline of the project's current
 * state (its unchanged run, which changed proposals are compared with), shown, made when missing,
 * or made again with --refresh. Exit code: 0 shown or made (a red baseline too: it is a record,
 * not a verdict), 2 when it could not be made or on bad usage.
 */
import { realpath, stat } from 'node:fs/promises';
import type { Config } from '../../config.js';
import { hostAptMirror } from '../../engine/apt-mirror.js';
import { connectEngine } from '../../engine/connect-engine.js';
import { UsageError } from '../../errors/usage-error.js';
import { baselineNow } from '../../baseline/make-baseline.js';
import { baselineStateKey } from '../../baseline/state-key.js';
import { unchanged } from '../../baseline/unchanged.js';
import { prepareProposal } from '../../pipeline/prepare.js';
import { pipelineSettings } from '../../pipeline/settings.js';
import type { ProjectRow } from '../../storage/entities/project-entity.js';
import { storeLabel } from '../../storage/data-source.js';
import { openStorage, type Storage } from '../../storage/storage.js';
import { TestCaseEntity } from '../../storage/entities/test-case-entity.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine, safeLine } from '../terminal-text.js';

export async function baselineCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('baseline', args, {
    refresh: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) throw new UsageError('baseline: expected exactly one <project> (a registered name) or <dir>');
  const storage = await openStorage(config);
  const aborter = new AbortController();
  const onSignal = () => aborter.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const project = await projectOf(storage, positionals[0] ?? '');
    const prepared = unchanged(await prepareProposal(project.rootPath, [], project.framework, undefined, project));
    const stateKey = baselineStateKey(prepared.snapshot, project);
    const docker = await connectEngine(config);
    const made = await baselineNow(docker, storage, {
      project,
      prepared,
      stateKey,
      settings: pipelineSettings(config, await hostAptMirror(config)),
      leaseMs: config.PATCHPROOF_LEASE_S * 1000,
      store: storeLabel(config),
      refresh: values.refresh,
      signal: aborter.signal,
      onProgress: values.json ? () => undefined : (line) => process.stderr.write(`${line}\n`),
    });
    const row = made.lookup.baseline;
    const runs = await storage.baselines.runs(row.id);
    const latest = runs[0] ?? null;
    const failing = latest === null ? [] : await storage.db.getRepository(TestCaseEntity).find({ where: [{ validationId: latest.id, status: 'failed' }, { validationId: latest.id, status: 'error' }], order: { id: 'ASC' }, take: 100 });
    const view = {
      project: project.name,
      stateKey,
      baselineId: row.id,
      status: row.status,
      made: made.made,
      usable: made.lookup.kind === 'ready' && made.lookup.use.kind === 'compare',
      reason: made.lookup.kind === 'failed' ? made.lookup.reason : (latest?.reason ?? null),
      validationId: latest?.id ?? null,
      outcome: latest?.outcome ?? null,
      reasonCode: latest?.reasonCode ?? null,
      tests: latest === null ? null : { total: latest.testsTotal, passed: latest.testsPassed, failed: latest.testsFailed, errors: latest.testsErrors, skipped: latest.testsSkipped },
      failing: failing.map((t) => t.identity ?? (t.suite === '' ? t.name : `${t.suite}::${t.name}`)),
      truncated: latest?.truncated ?? null,
      runs: runs.length,
      finishedAt: latest === null ? null : new Date(latest.finishedAt).toISOString(),
    };
    if (values.json) process.stdout.write(`${jsonLine(view)}\n`);
    else process.stdout.write(text(view));
    return made.lookup.kind === 'failed' ? 2 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await storage.close();
  }
}

/** A registered name first; else a folder (registered for it, or registered now, as validate does). */
async function projectOf(storage: Storage, key: string): Promise<ProjectRow> {
  try {
    return await storage.projects.byNameOrId(key);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const dir = await realpath(key).catch(() => null);
    if (dir === null || !(await stat(dir)).isDirectory()) throw new UsageError(`baseline: "${key}" is neither a registered project nor a directory`);
    return storage.projects.forDirectory(dir);
  }
}

function text(view: { project: string; baselineId: string; made: boolean; usable: boolean; outcome: string | null; reason: string | null; tests: { total: number; passed: number; failed: number; errors: number; skipped: number } | null; failing: string[]; validationId: string | null; runs: number; finishedAt: string | null; truncated: string | null; stateKey: string }): string {
  const out = [
    `baseline of ${safeLine(view.project)}: ${view.made ? 'made now' : 'reused'}${view.usable ? '' : ' (no tests to compare with: proposals are graded on their own)'}`,
    `  state      ${view.stateKey}`,
    `  baseline   ${view.baselineId} (run ${view.validationId ?? '-'}, ${view.runs} run${view.runs === 1 ? '' : 's'}, ${view.finishedAt ?? 'never finished'})`,
    `  outcome    ${view.outcome ?? '-'}: ${safeLine(view.reason ?? '')}`,
  ];
  if (view.tests !== null) out.push(`  tests      ${view.tests.passed} passed, ${view.tests.failed} failed, ${view.tests.errors} errors, ${view.tests.skipped} skipped of ${view.tests.total}`);
  for (const name of view.failing) out.push(`  fails      ${safeLine(name)}`);
  if (view.truncated !== null) out.push(`  cut        ${safeLine(view.truncated)}`);
  return `${out.join('\n')}\n`;
}
