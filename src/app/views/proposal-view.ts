/**
 * One proposal with its validations, bounded (the latest VALIDATIONS_WITH_TESTS with their tests,
 * VALIDATION_SUMMARIES older ones without, a cursor to the rest) and, for a reused verdict, the
 * latest of the proposal that really ran: `proposals show --json`, `GET /v1/proposals/{id}`, get_proposal. Each field spelled
 * out: no row is spread, so a column added to the database is not published by accident. The
 * log stays out (it may be 256 KiB): it is for operators, read from the database.
 */
import { DependenciesView } from './dependencies-view.js';
import { ImageRewritesView } from './image-rewrite-view.js';
import { z } from 'zod';
import { PROPOSAL_STATUS_VALUES } from './proposal-list-view.js';
import { ChangedLinesView, ComparisonView, OverridesView, Outcome, RerunsView, TestEditsView, BuildErrorsView } from './parts.js';

export const TestCaseView = z.object({
  suite: z.string(),
  name: z.string(),
  identity: z.string().nullable(),
  file: z.string().nullable(),
  status: z.enum(['passed', 'failed', 'error', 'skipped']),
  durationMs: z.number().nullable(),
  message: z.string().nullable(),
  flaky: z.boolean().nullable(),
});

export const ValidationView = z.object({
  id: z.string(),
  kind: z.enum(['validation', 'revalidation', 'baseline']),
  previousOutcome: z.string().nullable(),
  outcome: Outcome,
  reason: z.string(),
  reasonCode: z.string(),
  framework: z.string().nullable(),
  frameworkReason: z.string().nullable(),
  image: z.string().nullable(),
  imageBuilt: z.boolean(),
  /** The sandbox it ran in; null when it ended before any container (a refusal, --protect-tests). */
  containerId: z.string().nullable(),
  worker: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  timedOut: z.boolean(),
  oomKilled: z.boolean(),
  outputLimitExceeded: z.boolean(),
  testsTotal: z.number().int(),
  testsPassed: z.number().int(),
  testsFailed: z.number().int(),
  testsErrors: z.number().int(),
  testsSkipped: z.number().int(),
  coverageLines: z.number().nullable(),
  coverageBranches: z.number().nullable(),
  durations: z.record(z.string(), z.number()),
  cpuNanos: z.number().nullable(),
  peakMemoryBytes: z.number().nullable(),
  ioReadBytes: z.number().nullable(),
  ioWriteBytes: z.number().nullable(),
  testEdits: TestEditsView.nullable(),
  comparison: ComparisonView.nullable(),
  changedLines: ChangedLinesView.nullable(),
  coverageDelta: z.number().nullable(),
  /** Declared dependencies as the image build installed them; null: no record. */
  dependencies: DependenciesView.nullable(),
  /** What was rewritten in the image's copy of the project (Maven POMs), and why; empty for records made before this was kept. */
  imageRewrites: ImageRewritesView,
  truncated: z.string().nullable(),
  reruns: RerunsView.nullable(),
  buildErrors: BuildErrorsView.nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  tests: z.array(TestCaseView),
});
export type ValidationView = z.infer<typeof ValidationView>;

/** A validation older than those shown with tests: the same, without its test cases. */
export const ValidationSummaryView = ValidationView.omit({ tests: true });
export type ValidationSummaryView = z.infer<typeof ValidationSummaryView>;

/** How many validations a proposal shows with their tests, and how many older ones it summarizes. */
export const VALIDATIONS_WITH_TESTS = 10;
export const VALIDATION_SUMMARIES = 50;

export const ProposalView = z.object({
  id: z.string(),
  project: z.string(),
  projectRoot: z.string(),
  title: z.string().nullable(),
  author: z.string().nullable(),
  status: z.enum(PROPOSAL_STATUS_VALUES),
  reason: z.string().nullable(),
  priority: z.number().int(),
  protectTests: z.boolean(),
  strict: z.boolean(),
  kind: z.enum(['change', 'baseline']),
  minChangedCoverage: z.number().nullable(),
  overrides: OverridesView.nullable(),
  /** A git project's commit (full id) the proposal is judged on; null: a folder project. */
  baseCommit: z.string().nullable(),
  attempts: z.number().int(),
  reusedFrom: z.string().nullable(),
  lastError: z.string().nullable(),
  contentKey: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  patch: z.string().nullable(),
  changes: z.array(z.object({ filepath: z.string(), kind: z.enum(['write', 'delete']) })),
  /** The latest validations (at most 10; before validationsBefore when asked), oldest first, each with its tests. */
  validations: z.array(ValidationView),
  /** The validations before those (at most 50), oldest first, without tests. */
  olderValidations: z.array(ValidationSummaryView),
  /** How many validations the proposal has in all. */
  validationsTotal: z.number().int(),
  /** Older validations than `validations` exist: pass this as validationsBefore to read the next ones with their tests; null when none. */
  validationsCursor: z.string().nullable(),
  /** A reused verdict: the latest validations (at most 10) of the proposal that ran (reusedFrom), with their tests. */
  reusedValidations: z.array(ValidationView),
});
export type ProposalView = z.infer<typeof ProposalView>;

/** What submitting a proposal answers: its id and where it stands (queued, or judged at once). */
export const SubmittedView = z.object({
  proposalId: z.string(),
  project: z.string(),
  status: z.enum(PROPOSAL_STATUS_VALUES),
  reason: z.string().nullable(),
  reusedFrom: z.string().nullable(),
  contentKey: z.string(),
  protectTests: z.boolean(),
  strict: z.boolean(),
  minChangedCoverage: z.number().nullable(),
  overrides: OverridesView.nullable(),
  /** A git project's commit (full id) the proposal is judged on, on every run; null: a folder project. */
  baseCommit: z.string().nullable(),
});
export type SubmittedView = z.infer<typeof SubmittedView>;

export const RevalidateView = z.object({ queued: z.array(z.string()) });
export type RevalidateView = z.infer<typeof RevalidateView>;
