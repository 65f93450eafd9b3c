/**
 * A validation run now (`validate`, later `POST /v1/proposals?wait=`): the verdict with its
 * evidence. What `validate --json` prints.
 */
import { DependenciesView } from './dependencies-view.js';
import { z } from 'zod';
import { ImageRewritesView } from './image-rewrite-view.js';
import { ChangedLinesView, ComparisonView, list, Outcome, RerunsView, ResourcesView, TestCountsView, TestEditsView, BuildErrorsView } from './parts.js';

export const ValidationResultView = z.object({
  verdict: Outcome,
  reason: z.string(),
  reasonCode: z.string(),
  framework: z.string(),
  frameworkReason: z.string(),
  tests: TestCountsView,
  failures: list(z.object({ id: z.string(), suite: z.string(), name: z.string(), status: z.enum(['failed', 'error']), message: z.string().nullable() })),
  reruns: RerunsView.nullable(),
  runErrors: list(z.object({ kind: z.enum(['collection', 'suite-load', 'build', 'internal']), where: z.string(), message: z.string() })),
  coverage: z.object({ lines: z.number().nullable(), branches: z.number().nullable() }),
  timedOut: z.boolean(),
  oomKilled: z.boolean(),
  outputLimitExceeded: z.boolean(),
  outputTruncated: z.boolean(),
  exitCode: z.number().int().nullable(),
  durations: z.record(z.string(), z.number()),
  stats: ResourcesView,
  image: z.string().nullable(),
  imageBuilt: z.boolean(),
  testEdits: TestEditsView.nullable(),
  comparison: ComparisonView.nullable(),
  changedLines: ChangedLinesView.nullable(),
  coverageDelta: z.number().nullable(),
  /** Declared dependencies as the image build installed them; null: no record. */
  dependencies: DependenciesView.nullable(),
  /** What was rewritten in the image's copy of the project so it builds offline (Maven POMs), and why. */
  imageRewrites: ImageRewritesView,
  /** The errors of a failed build (those the unchanged project already has included); null when none. */
  buildErrors: BuildErrorsView.nullable(),
  proposalId: z.string(),
  validationId: z.string(),
  /** Releases that failed after the verdict (a container the engine would not remove, ...). */
  warnings: list(z.string()),
});
export type ValidationResultView = z.infer<typeof ValidationResultView>;
