/** One run of a proposal's tests: what ran where, how it ended, what it measured. */
import type { DependencyRecord } from '../../images/dependency-record.js';
import type { RerunRecord } from '../../pipeline/flaky-reruns.js';
import { EntitySchema } from 'typeorm';
import type { Comparison } from '../../pipeline/compare-baseline.js';
import type { ChangedLinesSummary } from '../../coverage/changed-line-coverage.js';
import type { TestEdits } from '../../pipeline/test-edits.js';
import type { ImageRewrite } from '../../images/image-preparation.js';
import { bigintNumber, epochMs } from './bigint-number.js';
import type { BuildErrors } from '../../pipeline/build-errors.js';

export const VALIDATION_OUTCOMES = ['executed', 'rejected', 'error'] as const;
export type ValidationOutcome = (typeof VALIDATION_OUTCOMES)[number];

export interface ValidationRow {
  id: string;
  proposalId: string;
  /** `validation` the first time, `revalidation` when a batch job ran it again, `baseline` for a run of the unchanged project. */
  kind: 'validation' | 'revalidation' | 'baseline';
  /** For a revalidation: the verdict it re-checked, so a change of outcome shows. */
  previousOutcome: string | null;
  outcome: ValidationOutcome;
  reason: string;
  /** Stable code of the reason: "tests_failed", "timeout", "oom", "infra:IMAGE_BUILD_FAILED", ... */
  reasonCode: string;
  framework: string | null;
  frameworkReason: string | null;
  image: string | null;
  imageBuilt: boolean;
  /** `warm` when the sandbox came from the worker's pool, `cold` when opened for this run; null when none was (or before it was recorded). */
  sandbox?: 'warm' | 'cold' | null;
  containerId: string | null;
  worker: string | null;
  exitCode: number | null;
  timedOut: boolean;
  oomKilled: boolean;
  outputLimitExceeded: boolean;
  testsTotal: number;
  testsPassed: number;
  testsFailed: number;
  testsErrors: number;
  testsSkipped: number;
  coverageLines: number | null;
  coverageBranches: number | null;
  durations: Record<string, number>;
  cpuNanos: number | null;
  peakMemoryBytes: number | null;
  ioReadBytes: number | null;
  ioWriteBytes: number | null;
  log: string;
  /** The tests and test-support files the change edits (paths capped per list); null before they were recorded. */
  testEdits: TestEdits | null;
  /** What the change fixed, broke, left failing, against its baseline; null when graded absolutely. */
  comparison: Comparison | null;
  /** Coverage of the lines the change added or modified (capped lists); null without changes or per-line coverage. */
  changedLines: ChangedLinesSummary | null;
  /** Line coverage minus the baseline's, in points; null without a baseline. */
  coverageDelta: number | null;
  /** What the image build installed of the declared dependencies, and from where (capped lists); null: no record. */
  dependencies?: DependencyRecord | null;
  /** What was rewritten in the image's copy of the project (Maven POMs), and why; null before this was recorded. */
  imageRewrites?: ImageRewrite[] | null;
  /** What was cut to keep this record bounded ("test name cut at 1,000 of 10,485,760 characters; ..."); null when nothing. */
  truncated: string | null;
  /** The reruns of failing tests (pipeline/flaky-reruns.ts), flaky tests named up to 100; null when none ran. */
  reruns?: RerunRecord | null;
  /** The errors a failed build listed (capped), for the baseline's known errors; null when none. */
  buildErrors?: BuildErrors | null;
  startedAt: number;
  finishedAt: number;
}

export const ValidationEntity = new EntitySchema<ValidationRow>({
  name: 'Validation',
  tableName: 'validations',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    proposalId: { name: 'proposal_id', type: 'varchar', length: 36 },
    kind: { type: 'varchar', length: 16 },
    previousOutcome: { name: 'previous_outcome', type: 'varchar', length: 16, nullable: true },
    outcome: { type: 'varchar', length: 16 },
    reason: { type: 'text' },
    reasonCode: { name: 'reason_code', type: 'varchar', length: 64 },
    framework: { type: 'varchar', length: 32, nullable: true },
    frameworkReason: { name: 'framework_reason', type: 'text', nullable: true },
    image: { type: 'varchar', length: 200, nullable: true },
    imageBuilt: { name: 'image_built', type: 'boolean' },
    sandbox: { type: 'varchar', length: 8, nullable: true },
    containerId: { name: 'container_id', type: 'varchar', length: 80, nullable: true },
    worker: { type: 'varchar', length: 200, nullable: true },
    exitCode: { name: 'exit_code', type: 'integer', nullable: true },
    timedOut: { name: 'timed_out', type: 'boolean' },
    oomKilled: { name: 'oom_killed', type: 'boolean' },
    outputLimitExceeded: { name: 'output_limit_exceeded', type: 'boolean' },
    testsTotal: { name: 'tests_total', type: 'integer' },
    testsPassed: { name: 'tests_passed', type: 'integer' },
    testsFailed: { name: 'tests_failed', type: 'integer' },
    testsErrors: { name: 'tests_errors', type: 'integer' },
    testsSkipped: { name: 'tests_skipped', type: 'integer' },
    coverageLines: { name: 'coverage_lines', type: 'real', nullable: true },
    coverageBranches: { name: 'coverage_branches', type: 'real', nullable: true },
    durations: { type: 'simple-json' },
    cpuNanos: { name: 'cpu_nanos', type: 'bigint', nullable: true, transformer: bigintNumber },
    peakMemoryBytes: { name: 'peak_memory_bytes', type: 'bigint', nullable: true, transformer: bigintNumber },
    ioReadBytes: { name: 'io_read_bytes', type: 'bigint', nullable: true, transformer: bigintNumber },
    ioWriteBytes: { name: 'io_write_bytes', type: 'bigint', nullable: true, transformer: bigintNumber },
    log: { type: 'text' },
    testEdits: { name: 'test_edits', type: 'simple-json', nullable: true },
    comparison: { type: 'simple-json', nullable: true },
    changedLines: { name: 'changed_lines', type: 'simple-json', nullable: true },
    coverageDelta: { name: 'coverage_delta', type: 'real', nullable: true },
    dependencies: { type: 'simple-json', nullable: true },
    imageRewrites: { name: 'image_rewrites', type: 'simple-json', nullable: true },
    truncated: { type: 'text', nullable: true },
    reruns: { type: 'simple-json', nullable: true },
    buildErrors: { name: 'build_errors', type: 'simple-json', nullable: true },
    startedAt: epochMs('started_at'),
    finishedAt: epochMs('finished_at'),
  },
  indices: [{ name: 'idx_validations_proposal', columns: ['proposalId'] }],
});
