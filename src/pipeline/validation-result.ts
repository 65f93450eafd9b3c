/** Everything one validation established, ready to be recorded and shown. */
import type { DependencyRecord } from '../images/dependency-record.js';
import type { CoverageSummary, TestReport } from '../../parsers/report.js';
import type { ChangedLinesSummary } from '../coverage/changed-line-coverage.js';
import type { CommandResult } from '../sandbox/command-result.js';
import { NO_STATS, type ResourceStats } from '../sandbox/resource-stats.js';
import type { RerunRecord } from './flaky-reruns.js';
import type { Comparison } from './compare-baseline.js';
import type { OutcomeCode } from './outcome-code.js';
import type { TestEdits } from './test-edits.js';
import type { ImageRewrite } from '../images/image-preparation.js';
import type { BuildErrors } from './build-errors.js';

export interface ValidationResult {
  readonly validationId: string;
  readonly outcome: 'executed' | 'rejected' | 'error';
  /** A verdict code ("tests_failed"), a fault code ("fault:PATH_THROUGH_SYMLINK") or "infra:<code>" (outcome-code.ts). */
  readonly code: OutcomeCode;
  readonly reason: string;
  readonly framework: string;
  readonly frameworkReason: string;
  readonly image: string | null;
  readonly imageBuilt: boolean;
  /** Whether the sandbox was taken warm from the worker's pool or opened cold; null when none was. */
  readonly sandbox?: 'warm' | 'cold' | null;
  readonly containerId: string | null;
  readonly build: CommandResult | null;
  readonly test: CommandResult | null;
  readonly oomKilled: boolean;
  readonly report: TestReport | null;
  readonly coverage: CoverageSummary | null;
  readonly stats: ResourceStats;
  readonly durations: Record<string, number>;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** Cleanup failures: recorded, never hidden, never a reason to change the verdict. */
  readonly releaseFailures: readonly string[];
  /** The tests and test-support files the change edits; null when the project could not be read. */
  readonly testEdits: TestEdits | null;
  /** The reruns of failing tests, when any ran (flaky-reruns.ts); null otherwise. */
  readonly reruns?: RerunRecord | null;
  /** The run against its baseline (issue 11); null or absent when graded absolutely. */
  readonly comparison?: Comparison | null;
  /** Coverage of the lines the change added or modified; null without changes or without a per-line report. */
  readonly changedLines: ChangedLinesSummary | null;
  /** What the image build installed of the project's declared dependencies; null: no record (no image, or a template without a resolver). */
  readonly dependencies?: DependencyRecord | null;
  /** Line coverage minus the baseline's, in percentage points; null without a baseline (or coverage). */
  readonly coverageDelta: number | null;
  /** What was rewritten in the image's copy of the project so it builds offline (Maven POMs), and why; absent: nothing. */
  readonly imageRewrites?: readonly ImageRewrite[];
  /** The errors a failed build listed (capped); null when it passed or listed none. */
  readonly buildErrors?: BuildErrors | null;
}

/** The record of a validation that ended before anything ran (e.g. the project is no longer usable). */
export function resultWithoutRun(validationId: string, ending: Pick<ValidationResult, 'outcome' | 'code' | 'reason'>, framework = 'none'): ValidationResult {
  const now = new Date();
  return {
    validationId,
    ...ending,
    framework,
    frameworkReason: '',
    image: null,
    imageBuilt: false,
    containerId: null,
    build: null,
    test: null,
    oomKilled: false,
    report: null,
    coverage: null,
    stats: NO_STATS,
    durations: { total: 0 },
    startedAt: now,
    finishedAt: now,
    releaseFailures: [],
    testEdits: null,
    comparison: null,
    changedLines: null,
    coverageDelta: null,
  };
}
