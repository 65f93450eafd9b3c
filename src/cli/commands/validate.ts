/**
 * `patchproof validate`: one proposal, start to finish. Input is checked whole before anything is
 * recorded; then the proposal is recorded, validated, and its outcome written in one transaction.
 * Ctrl-C kills the sandbox and still cleans up; a second Ctrl-C leaves at once.
 */
import { randomUUID } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { z } from 'zod';
import type { Change } from '../../changes/change.js';
import { toStored } from '../../changes/change.js';
import { readChangesFile } from '../../changes/changes-file.js';
import type { Config } from '../../config.js';
import { hostAptMirror } from '../../engine/apt-mirror.js';
import { connectEngine } from '../../engine/connect-engine.js';
import { UsageError } from '../../errors/usage-error.js';
import { parseProposalLabels } from '../../intake/proposal-labels.js';
import { prepareProposal } from '../../pipeline/prepare.js';
import { pipelineSettings } from '../../pipeline/settings.js';
import { validateProposal } from '../../pipeline/validate-proposal.js';
import { resultWithoutRun } from '../../pipeline/validation-result.js';
import { baselineNow } from '../../baseline/make-baseline.js';
import { baselineStateKey } from '../../baseline/state-key.js';
import { unchanged } from '../../baseline/unchanged.js';
import { snapshotDigest } from '../../images/project-snapshot.js';
import { contentKey } from '../../storage/content-key.js';
import { storeLabel } from '../../storage/data-source.js';
import { openStorage } from '../../storage/storage.js';
import { LeaseKeeper } from '../../../workers/lease-keeper.js';
import { workerIdentity } from '../../sandbox/labels.js';
import { MIN_CHANGED_COVERAGE_OPTION, readMinChangedCoverage } from '../min-changed-coverage-option.js';
import { parseCommandArgs } from '../cli-args.js';
import { progressPrinter } from '../progress-printer.js';
import { resultJson, resultSummary } from '../result-view.js';
import { jsonLine } from '../terminal-text.js';

const numbers = z.object({
  timeout: z.coerce.number().int().min(1).max(86_400).optional(),
  minCoverage: z.coerce.number().min(0).max(100).optional(),
});

export async function validateCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, {
    changes: { type: 'string' },
    json: { type: 'boolean', default: false },
    timeout: { type: 'string' },
    'min-coverage': { type: 'string' },
    framework: { type: 'string' },
    'test-command': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    title: { type: 'string' },
    author: { type: 'string' },
    'protect-tests': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    ...MIN_CHANGED_COVERAGE_OPTION,
  });
  if (positionals.length !== 1) throw new UsageError('validate: expected exactly one <projectDir>');
  const minChangedCoverage = readMinChangedCoverage('validate', values['min-changed-coverage']);
  const labels = parseProposalLabels('validate', { title: values.title, author: values.author });
  const parsed = numbers.safeParse({ timeout: values.timeout, minCoverage: values['min-coverage'] });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = issue?.path[0] === 'minCoverage' ? '--min-coverage' : '--timeout';
    throw new UsageError(`validate: ${flag} ${issue?.message ?? 'is invalid'}`);
  }
  // A request may ask for less than the configured limits, never for more: say so rather than cut it.
  if (parsed.data.timeout !== undefined && parsed.data.timeout > config.PATCHPROOF_TEST_TIMEOUT_S) {
    throw new UsageError(`validate: --timeout ${parsed.data.timeout} is above the configured limit of ${config.PATCHPROOF_TEST_TIMEOUT_S} s (PATCHPROOF_TEST_TIMEOUT_S)`);
  }
  const projectDir = await realpath(positionals[0] ?? '').catch((cause: unknown) => {
    throw new UsageError(`validate: project directory ${positionals[0]} does not exist`, {}, { cause });
  });
  const changes: Change[] =
    values.changes === undefined
      ? []
      : await readChangesFile(values.changes, {
          maxFiles: config.PATCHPROOF_MAX_CHANGE_FILES,
          maxFileBytes: config.PATCHPROOF_MAX_FILE_BYTES,
          maxTotalBytes: config.PATCHPROOF_MAX_CHANGES_BYTES,
        });
  const testCommand = values['test-command']?.trim();
  if (testCommand !== undefined && testCommand === '') throw new UsageError('validate: --test-command is empty');
  const asked = await prepareProposal(projectDir, changes, values.framework ?? null, undefined, { testCommand: testCommand ?? null, build: !values['no-build'], protectTests: values['protect-tests'] });
  const docker = await connectEngine(config);
  const settings = pipelineSettings(config, await hostAptMirror(config), { timeoutS: parsed.data.timeout, minCoverage: parsed.data.minCoverage });

  const storage = await openStorage(config);
  const aborter = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\ninterrupted: stopping the sandbox and cleaning up (Ctrl-C again to leave at once)\n');
    aborter.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const project = await storage.projects.forDirectory(projectDir);
    // A project registered with --protect-tests keeps its tests protected here too.
    // And one registered with --min-changed-coverage keeps its minimum, unless this run names one.
    const prepared = { ...asked, protectTests: asked.protectTests || project.protectTests, minChangedCoverage: minChangedCoverage ?? project.minChangedCoverage };
    const stored = changes.map(toStored);
    const strict = values.strict || project.strict;
    const leaseMs = config.PATCHPROOF_LEASE_S * 1000;
    // A change is graded against the project's baseline, made first when this state has none.
    const run = { framework: values.framework ?? null, testCommand: testCommand ?? null, build: !values['no-build'] };
    const baselineKey = changes.length > 0 && !strict && prepared.fault === null ? baselineStateKey(prepared.snapshot, run) : null;
    const baseline =
      baselineKey === null
        ? null
        : await baselineNow(docker, storage, {
            project,
            prepared: unchanged(prepared),
            stateKey: baselineKey,
            settings,
            leaseMs,
            store: storeLabel(config),
            refresh: false,
            signal: aborter.signal,
            onProgress: values.json ? () => undefined : (line) => process.stderr.write(`baseline: ${line}\n`),
          });
    // validate runs at once: the proposal is recorded already leased to this run (the validation
    // id is the lease token, as in the worker), renewed while it runs.
    const validationId = randomUUID();
    const leaseOwner = validationId;
    const proposal = await storage.proposals.create({
      projectId: project.id,
      title: labels.title,
      author: labels.author,
      changes: stored,
      patch: null,
      contentKey: contentKey(snapshotDigest(prepared.snapshot), stored),
      priority: 0,
      protectTests: prepared.protectTests,
      strict,
      baselineKey,
      minChangedCoverage: prepared.minChangedCoverage,
      status: 'running',
      leaseOwner,
      leaseExpiresAt: Date.now() + leaseMs,
    });
    const lease = new LeaseKeeper(storage.queue, proposal.id, leaseOwner, leaseMs, () => aborter.abort());
    const progress = progressPrinter();
    const failed = baseline?.lookup.kind === 'failed' ? baseline.lookup : null;
    let result;
    try {
      result = failed !== null
        ? resultWithoutRun(validationId, { outcome: 'error', code: 'infra:BASELINE_FAILED', reason: `the baseline of this project state (${failed.baseline.id}) could not be made: ${failed.reason}` })
        : await validateProposal(docker, {
            proposalId: proposal.id,
            validationId,
            prepared,
            settings,
            onProgress: progress.line,
            signal: aborter.signal,
            store: storeLabel(config),
            baseline: baseline?.lookup.kind === 'ready' ? baseline.lookup.use : null,
          });
    } finally {
      progress.done();
      await lease.stop();
    }
    await storage.proposals.recordValidation(proposal.id, leaseOwner, result, { status: result.outcome }, workerIdentity());
    const ids = { proposalId: proposal.id, validationId };
    process.stdout.write(values.json ? `${jsonLine(resultJson(result, ids))}\n` : `${resultSummary(result, ids)}\n`);
    return result.outcome === 'executed' ? 0 : result.outcome === 'rejected' ? 1 : 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await storage.close();
  }
}
