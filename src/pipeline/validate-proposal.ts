/**
 * The story of one proposal, top to bottom: get the image, start the sandbox, apply the changes,
 * build, test, collect the reports, grade. Each phase is timed; whatever is created is released
 * in a finally. A ProposalFault ends it as rejected, an InfraError as error: never the other way.
 * The changes are checked again before anything reaches the engine, and the proposal's own code
 * (build, tests) runs under every limit, with whatever it leaves running killed when it ends.
 * Every engine call has a deadline, and so does every release: a validation always ends, and
 * an engine that stops answering ends it as an error naming the call (ENGINE_TIMEOUT).
 *
 * Over 300 lines on purpose: the phases are meant to be read as one story, in order, in one file;
 * each phase's work lives in a module of its own.
 */
import type Docker from 'dockerode';
import { capReport } from '../../parsers/caps/cap-report.js';
import type { Change } from '../changes/change.js';
import { InfraError } from '../errors/infra-error.js';
import { ProposalFault } from '../errors/proposal-fault.js';
import { ensureImage, type EnsuredImage } from '../images/ensure-image.js';
import { type DependencyRecord, missingDependenciesReason, withOrigin } from '../images/dependency-record.js';
import { applyChanges } from './apply-changes.js';
import { markInUse } from '../images/image-uses.js';
import { uploadProblem } from '../sandbox/change-archive.js';
import type { CommandResult } from '../sandbox/command-result.js';
import { ownerLabels } from '../sandbox/labels.js';
import { NO_STATS, type ResourceStats } from '../sandbox/resource-stats.js';
import { Sandbox } from '../sandbox/sandbox.js';
import type { CollectedReports } from '../toolchains/toolchain.js';
import type { BaselineTests, Comparison } from './compare-baseline.js';
import { grade, type GradeInput, type ReportFolderReading, type Verdict } from './grade.js';
import { gradeAgainstBaseline } from './grade-relative.js';
import type { ChangedLinesSummary } from '../coverage/changed-line-coverage.js';
import { changedLinesOf } from './changed-lines.js';
import { CLEAR_REPORTS, readReports, REPORT_PATH } from './read-reports.js';
import { changedCoverageVerdict, coverageDelta } from './changed-coverage-rule.js';
import { limitHit } from './limit-hit.js';
import { PhaseTimer } from './phase-timer.js';
import type { WarmSource } from '../warm/validation-pools.js';
import { outputLines } from '../progress/output-lines.js';
import { NO_PROGRESS, type ProgressSink } from '../progress/progress-sink.js';
import { protectTests } from './protect-tests.js';
import type { PreparedProposal } from './prepare.js';
import { Releasers } from '../sandbox/releasers.js';
import { removeAfterVerdict } from './removal-after-verdict.js';
import { readRunnerSummary } from './runner-summary.js';
import type { PipelineSettings } from './settings.js';
import type { ValidationResult } from './validation-result.js';
import type { ImageRewrite } from '../images/image-preparation.js';
import { failingIdentities } from './flaky-merge.js';
import { rerunFailing, type RerunRecord } from './flaky-reruns.js';
import type { TestReport } from '../../parsers/report.js';
import { faultOutcome, infraOutcome } from './outcome-code.js';
import { type BuildErrors, type BuildJudgement, judgeBuild, knownErrorsNote, newErrorsReason, recordBuildErrors } from './build-errors.js';

export interface ValidationRequest {
  readonly proposalId: string;
  readonly validationId: string;
  readonly prepared: PreparedProposal;
  readonly settings: PipelineSettings;
  readonly onProgress: (line: string) => void;
  /** Typed progress (phases, image build lines, test output lines) for whoever watches; optional. */
  readonly events?: ProgressSink;
  readonly signal?: AbortSignal;
  /** Label naming the database this validation is recorded in (see sandbox/labels.ts). */
  readonly store?: string;
  /** Whose sandbox this is on the engine: a proposal's validation (default) or a baseline's. */
  readonly ownerKind?: 'validation' | 'baseline';
  /** The baseline a changed project is graded against; absent or null: graded absolutely. */
  readonly baseline?: BaselineUse | null;
  /** Warm sandboxes (the worker's): one ready for this image is taken instead of opening one cold. */
  readonly warm?: WarmSource | undefined;
  /**
   * When given, a cold sandbox's removal (container, then volume) does not hold up the verdict:
   * it starts when the verdict is known and is handed here, for the caller to await once it has
   * recorded the verdict (see removal-after-verdict.ts). Not for a validation ending in error.
   */
  readonly removeAfter?: ((removal: Promise<readonly string[]>) => void) | undefined;
}

/**
 * How a changed proposal meets its baseline: compared test by test, or (a baseline that ran no
 * tests to compare: its build failed, it timed out) graded absolutely, saying why.
 */
export type BaselineUse =
  | { readonly kind: 'compare'; readonly tests: BaselineTests; readonly reused: boolean; readonly linesPct: number | null; readonly buildErrors?: BuildErrors | null }
  | { readonly kind: 'unusable'; readonly validationId: string; readonly reason: string };

export async function validateProposal(docker: Docker, request: ValidationRequest): Promise<ValidationResult> {
  const { prepared, settings } = request;
  const { toolchain } = prepared.selection;
  const startedAt = new Date();
  const events = request.events ?? NO_PROGRESS;
  const validationId = request.validationId;
  const timer = new PhaseTimer((phase, durationMs) =>
    events.emit(durationMs === null ? { type: 'phase_started', validationId, phase } : { type: 'phase_ended', validationId, phase, durationMs }),
  );
  // Each release has the engine deadline too (twice: a release may be a kill and a remove).
  const releasers = new Releasers(2 * settings.engineTimeoutMs);
  const sandboxReleasers = request.removeAfter === undefined ? releasers : new Releasers(2 * settings.engineTimeoutMs);
  const run: Mutable = { image: null, imageBuilt: false, sandbox: null, containerId: null, build: null, test: null, oomKilled: false, reports: null, stats: NO_STATS };

  let ending: Pick<ValidationResult, 'outcome' | 'code' | 'reason'> | undefined;
  try {
    const refused = uploadProblem(prepared.changes, settings.upload, { bytes: settings.limits.workspaceBytes, project: prepared.snapshot });
    if (refused !== null) {
      // Before any image or container: nothing of such a proposal may reach the engine.
      ending = { outcome: 'rejected', code: 'unsafe_change', reason: `change refused before it reached the sandbox: ${refused}` };
    } else {
      if (prepared.fault !== null) throw prepared.fault;
      // From the file list alone, so before any image or container as well.
      const protectedTests = prepared.protectTests ? protectTests(prepared.testEdits) : null;
      ending = protectedTests ?? (await buildTestAndGrade(docker, request, timer, { releasers, sandboxReleasers }, run));
    }
  } catch (error) {
    // Whatever failed after an abort failed because of it (an exec into the killed container).
    ending = request.signal?.aborted === true ? classify(new InfraError('ABORTED', ABORTED_REASON)) : classify(error);
  } finally {
    const failures = await timer.time('cleanup', () => releasers.releaseAll());
    run.releaseFailures = failures.map((f) => f.message);
    if (sandboxReleasers !== releasers) run.releaseFailures.push(...(await removeAfterVerdict(sandboxReleasers, ending?.outcome ?? 'error', timer, request.removeAfter)));
  }
  return {
    validationId: request.validationId,
    ...ending,
    framework: toolchain.name,
    frameworkReason: prepared.selection.reason,
    image: run.image,
    imageBuilt: run.imageBuilt,
    sandbox: run.sandbox,
    containerId: run.containerId,
    build: run.build,
    test: run.test,
    oomKilled: run.oomKilled,
    report: run.reports?.tests ?? null,
    coverage: run.reports?.coverage ?? null,
    stats: run.stats,
    durations: timer.durations(),
    startedAt,
    finishedAt: new Date(),
    releaseFailures: run.releaseFailures ?? [],
    testEdits: prepared.testEdits,
    reruns: run.reruns ?? null,
    comparison: run.comparison ?? null,
    changedLines: run.changedLines ?? null,
    dependencies: run.dependencies ?? null,
    coverageDelta: coverageDelta(run.reports?.coverage?.linesPct, request.baseline?.kind === 'compare' ? request.baseline.linesPct : null),
    imageRewrites: run.imageRewrites ?? [],
    buildErrors: run.buildErrors ?? null,
  };
}

/** Everything between an accepted proposal and its verdict; fills `run` as it goes, for the record. */
async function buildTestAndGrade(docker: Docker, request: ValidationRequest, timer: PhaseTimer, { releasers, sandboxReleasers }: { releasers: Releasers; sandboxReleasers: Releasers }, run: Mutable): Promise<Pick<ValidationResult, 'outcome' | 'code' | 'reason'>> {
  const { prepared, settings } = request;
  const { toolchain } = prepared.selection;
  const events = request.events ?? NO_PROGRESS;
  const validationId = request.validationId;
  const imageLines = outputLines((line) => events.emit({ type: 'image_build_line', validationId, line }));
  const image = await timer.time('image', () =>
    ensureImage(docker, {
      recipe: toolchain,
      snapshot: prepared.snapshot,
      baseImage: settings.baseImage,
      aptMirror: settings.aptMirror,
      dependencySources: settings.dependencySources,
      changes: prepared.changes,
      timeoutMs: settings.imageBuildTimeoutMs,
      engineTimeoutMs: settings.engineTimeoutMs,
      onProgress: (line) => {
        request.onProgress(line);
        imageLines.push(`${line}\n`);
      },
    }),
  ).finally(() => imageLines.end());
  run.image = image.tag;
  run.imageBuilt = image.built;
  run.imageRewrites = image.rewrites;
  // Before any container: a changed file whose rewrite fails ends the validation here.
  const changes = adaptWrites(prepared.changes, image, run);
  // Not evicted while this validation needs it (image-disk.ts); a container of it holds it after.
  const unmark = markInUse(image.tag);
  releasers.add(`use of ${image.tag}`, async () => unmark());
  abortPoint(request.signal);

  const labels = ownerLabels({ kind: request.ownerKind ?? 'validation', id: request.validationId, proposalId: request.proposalId, store: request.store });
  const sandbox = await timer.time('container', async () => {
    const spec = { image: image.tag, limits: settings.limits, caps: settings.caps, engineTimeoutMs: settings.engineTimeoutMs, stepTimeoutMs: settings.stepTimeoutMs };
    const warm = request.warm?.take(prepared.snapshot.root, spec) ?? null;
    run.sandbox = warm === null ? 'cold' : 'warm';
    if (warm === null) return Sandbox.open(docker, { ...spec, name: `patchproof-${request.validationId}`, labels }, sandboxReleasers);
    releasers.add(`warm sandbox ${warm.value.id}`, () => request.warm?.retire(warm) ?? warm.release());
    return warm.value;
  });
  run.containerId = sandbox.id;
  // Ctrl-C or a worker shutdown kills the container, which ends whatever exec is running.
  const onAbort = () => void sandbox.kill().catch(() => undefined);
  request.signal?.addEventListener('abort', onAbort, { once: true });
  releasers.add('abort listener', async () => request.signal?.removeEventListener('abort', onAbort));

  // The record comes with the apply's exec: checked before the build, nothing of the proposal
  // runs without what it declares.
  const record = await timer.time('apply', () => applyChanges(sandbox, image, changes, { timeoutMs: settings.stepTimeoutMs, copied: run.sandbox === 'warm', project: prepared.snapshot }));
  run.dependencies = withOrigin(record, image.manifestsFromChanges);
  const missing = run.dependencies === null ? null : missingDependenciesReason(run.dependencies);
  if (missing !== null) return { outcome: 'rejected', code: 'build_failed', reason: missing };
  abortPoint(request.signal);

  const context = { snapshot: prepared.snapshot, changedPaths: prepared.changes.map((c) => c.path) };
  const limits = (timeoutMs: number) => ({ timeoutMs, cpuTimeMs: settings.cpuTimeMs });
  const buildCommand = toolchain.buildCommand(context);
  if (buildCommand !== null) {
    // The report folder is cleared by the reaper's exec after the build (no exec of its own).
    run.build = await timer.time('build', () => sandbox.runLimited(buildCommand, { ...limits(settings.buildTimeoutMs), afterStop: CLEAR_REPORTS }));
    abortPoint(request.signal);
  }
  const judgement = judgeBuildOf(request, run);
  if (judgement.kind === 'passed' || judgement.kind === 'known') {
    // The build ran the proposal's code: whatever it left in the report folder is not a report.
    if (run.build !== null && !sandbox.afterSucceeded()) await mustSucceed(sandbox.run(['sh', '-c', CLEAR_REPORTS], settings.stepTimeoutMs), 'clearing the report folder');
    const testLines = outputLines((line) => events.emit({ type: 'test_output_line', validationId, line }));
    run.test = await timer
      .time('test', () => sandbox.runLimited(toolchain.testCommand(context), { ...limits(settings.testTimeoutMs), onOutput: (chunk) => testLines.push(chunk), measureAfter: REPORT_PATH }))
      .finally(() => testLines.end());
    abortPoint(request.signal);
    await timer.time('collect', async () => {
      run.stats = await sandbox.stats();
      // Only now, with every process of the proposal gone (runLimited), is the workspace read.
      const read = sandbox.alive ? await readReports(sandbox, settings.stepTimeoutMs) : { files: new Map<string, Buffer>(), folder: null };
      run.reportFolder = read.folder;
      run.reportFiles = read.files;
      const collected = await toolchain.collect(read.files);
      // Bounded before grading or recording: the report was written by the proposal's tests.
      run.reports = { ...collected, tests: collected.tests === null ? null : capReport(collected.tests) };
    });
  }
  run.oomKilled = [run.build, run.test].some((r) => (r?.usage?.oomKills ?? 0) > 0);
  const first = run.reports?.tests ?? null;
  if (run.reports != null && first !== null && run.test !== null && rerunsApply(request, first, run)) {
    const reports = run.reports;
    const rerun = await timer.time('rerun', () =>
      rerunFailing(toolchain, context, first, settings.flakyReruns, {
        clearReports: () => mustSucceed(sandbox.run(['sh', '-c', CLEAR_REPORTS], settings.stepTimeoutMs), 'clearing the report folder'),
        run: (command) => sandbox.runLimited(command, { ...limits(settings.testTimeoutMs), measureAfter: REPORT_PATH }),
        readReports: async () => {
          if (!sandbox.alive) return null;
          const read = await readReports(sandbox, settings.stepTimeoutMs);
          return read.folder === null ? read.files : null;
        },
      }),
    );
    run.reports = { ...reports, tests: rerun.report };
    run.reruns = rerun.record;
    abortPoint(request.signal);
  }
  run.changedLines = changedLinesOf(prepared, run.reports);
  const verdict = gradeRun(request, run, judgement, {
    // Errors the unchanged project already has are not this run's to answer for.
    build: judgement.kind === 'known' ? null : run.build,
    test: run.test ?? skippedTest(),
    oomKilled: run.oomKilled,
    reports: run.reports ?? NO_REPORTS,
    minCoverage: settings.minCoverage,
    memoryBytes: settings.limits.memoryBytes,
    outputLimitBytes: settings.caps.limitBytes,
    pidsLimit: settings.limits.pidsLimit,
    cpuTimeMs: settings.cpuTimeMs,
    reportFolder: run.reportFolder ?? null,
    runnerSummary: run.test === null ? null : readRunnerSummary(toolchain, { stdout: run.test.stdout, stderr: run.test.stderr, files: run.reportFiles ?? new Map() }),
    explainMissingReport: (code) => toolchain.explainMissingReport(code),
    noTestsCollected: (code) => toolchain.noTestsCollected?.(code) ?? false,
    flaky: run.reruns?.flaky ?? [],
  });
  return changedCoverageVerdict(verdict, run.changedLines, prepared.minChangedCoverage);
}

/** Only a run that ended on its own with failing tests and no run-level error is worth rerunning. */
function rerunsApply(request: ValidationRequest, report: TestReport, run: Mutable): boolean {
  if (request.settings.flakyReruns === 0 || request.prepared.selection.toolchain.rerunCommand === undefined) return false;
  if (run.test === null || limitHit(run.test, run.oomKilled) !== null || (run.reportFolder ?? null) !== null) return false;
  return report.runErrors.length === 0 && failingIdentities(report).length > 0;
}

/** The build's failure against the baseline's (build-errors.ts); records the errors it listed. */
function judgeBuildOf(request: ValidationRequest, run: Mutable): BuildJudgement {
  const { toolchain } = request.prepared.selection;
  const build = run.build;
  const errors = build === null || build.exitCode === 0 || toolchain.buildErrors === undefined ? null : toolchain.buildErrors(`${build.stdout}\n${build.stderr}`);
  if (errors !== null) run.buildErrors = recordBuildErrors(errors);
  const baseline = request.ownerKind === 'baseline' ? 'self' : request.baseline?.kind === 'compare' && request.prepared.changes.length > 0 ? (request.baseline.buildErrors ?? NO_BUILD_ERRORS) : null;
  return judgeBuild(build, errors, baseline, toolchain.buildErrorKey ?? ((line) => line));
}

const NO_BUILD_ERRORS: BuildErrors = { total: 0, lines: [] };

/** Absolutely, or against the baseline when the proposal changes something and one was given. */
function gradeRun(request: ValidationRequest, run: Mutable, judgement: BuildJudgement, input: GradeInput): Verdict {
  if (judgement.kind === 'new' && limitHit(input.test) === null) return { outcome: 'rejected', code: 'build_failed', reason: newErrorsReason(judgement) };
  const verdict = gradeRunAbsoluteOrRelative(request, run, input);
  const note = knownErrorsNote(judgement, request.ownerKind === 'baseline');
  return note === '' ? verdict : { ...verdict, reason: `${verdict.reason}${note}` };
}

function gradeRunAbsoluteOrRelative(request: ValidationRequest, run: Mutable, input: GradeInput): Verdict {
  const baseline = request.baseline ?? null;
  if (baseline === null || request.prepared.changes.length === 0) return grade(input);
  if (baseline.kind === 'unusable') {
    const verdict = grade(input);
    return { ...verdict, reason: `${verdict.reason} (graded on its own: the baseline ${baseline.validationId} has no tests to compare with: ${baseline.reason})` };
  }
  const relative = gradeAgainstBaseline(input, baseline.tests, request.prepared.testEdits, baseline.reused);
  run.comparison = relative.comparison;
  return relative.verdict;
}

interface Mutable {
  image: string | null;
  imageBuilt: boolean;
  sandbox: 'warm' | 'cold' | null;
  containerId: string | null;
  build: CommandResult | null;
  test: CommandResult | null;
  oomKilled: boolean;
  reports: CollectedReports | null;
  /** How big the report folder was, when it was too big to read. */
  reportFolder?: ReportFolderReading | null;
  /** The files read from the report folder, for the runner's witness. */
  reportFiles?: ReadonlyMap<string, Buffer>;
  stats: ResourceStats;
  releaseFailures?: string[];
  reruns?: RerunRecord;
  comparison?: Comparison | null;
  changedLines?: ChangedLinesSummary | null;
  dependencies?: DependencyRecord | null;
  imageRewrites?: readonly ImageRewrite[];
  buildErrors?: BuildErrors | null;
}

const NO_REPORTS: CollectedReports = { tests: null, testsProblem: null, coverage: null, coverageProblem: null };

/**
 * Files the proposal writes that the toolchain rewrites in its image (Maven POMs) get the same
 * rewrite, recorded with the image's; a dependency such a file declares that the image cannot
 * provide ends the validation here, as the build failing (a ProposalFault).
 */
function adaptWrites(changes: readonly Change[], image: EnsuredImage, run: Mutable): readonly Change[] {
  const adapt = image.adaptWrite;
  if (adapt === undefined) return changes;
  return changes.map((change) => {
    if (change.kind !== 'write') return change;
    const adapted = adapt(change.path, change.content);
    if (adapted === null) return change;
    run.imageRewrites = [...(run.imageRewrites ?? []), ...adapted.rewrites];
    return { ...change, content: adapted.content };
  });
}

async function mustSucceed(result: Promise<CommandResult>, what: string): Promise<void> {
  const done = await result;
  if (done.exitCode !== 0) {
    throw new InfraError('EXEC_FAILED', `${what} failed (exit code ${done.exitCode ?? 'none'}${done.timedOut ? ', timed out' : ''}): ${done.stderr.trim().slice(0, 500)}`, { what });
  }
}

const ABORTED_REASON = 'the validation was interrupted before it finished';

function abortPoint(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InfraError('ABORTED', ABORTED_REASON);
}

function classify(error: unknown): Pick<ValidationResult, 'outcome' | 'code' | 'reason'> {
  if (error instanceof ProposalFault) return { outcome: 'rejected', code: faultOutcome(error.code), reason: error.message };
  if (error instanceof InfraError) return { outcome: 'error', code: infraOutcome(error.code), reason: error.message };
  // Anything unexpected is ours until shown otherwise: an error, never a rejection.
  const message = error instanceof Error ? error.message : String(error);
  return { outcome: 'error', code: infraOutcome('UNEXPECTED'), reason: `unexpected failure: ${message}` };
}

function skippedTest(): CommandResult {
  return { command: [], exitCode: null, signal: null, timedOut: false, outputLimitExceeded: false, outputTruncated: false, durationMs: 0, stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0 };
}
