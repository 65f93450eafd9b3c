/**
 * The parts of `jest --json` output (jest's FormattedTestResults) the parser reads, as zod
 * schemas. Everything else (snapshot, coverageMap, openHandles) is dropped by zod's stripping.
 *
 * Lenient where real files differ: jest-junit with reportTestSuiteErrors adds assertions with
 * no `title`/`fullName` and status "error"; `duration` is null for skipped tests; statuses are
 * plain strings so an unknown one is reported, not a reason to reject the whole file.
 */
import { z } from 'zod';

export const AssertionResult = z.object({
  ancestorTitles: z.array(z.string()).default([]),
  title: z.string().optional(),
  fullName: z.string().optional(),
  status: z.string(),
  duration: z.number().nullable().optional(),
  failureMessages: z.array(z.string()).nullable().optional(),
  invocations: z.number().optional(),
});
export type AssertionResult = z.infer<typeof AssertionResult>;

export const FileResult = z.object({
  /** Absolute path of the test file. */
  name: z.string(),
  status: z.string(),
  message: z.string().default(''),
  assertionResults: z.array(AssertionResult).default([]),
});
export type FileResult = z.infer<typeof FileResult>;

const Count = z.number().int().nonnegative();

export const JestResults = z.object({
  numTotalTests: Count,
  numPassedTests: Count,
  numFailedTests: Count,
  numPendingTests: Count,
  numTodoTests: Count.default(0),
  numRuntimeErrorTestSuites: Count.default(0),
  success: z.boolean(),
  wasInterrupted: z.boolean().optional(),
  testResults: z.array(FileResult),
});
export type JestResults = z.infer<typeof JestResults>;
