/**
 * The parts of `rspec --format json` output (rspec-core 3.x JsonFormatter) the parser reads, as
 * zod schemas. Everything else (seed, backtraces' full text) is dropped by zod's stripping.
 * Lenient where real files differ: `run_time` is absent from old versions, `exception` only on
 * failed examples, and `summary`/`messages` were added in 3.6.
 */
import { z } from 'zod';

const Count = z.number().int().nonnegative();

export const RspecException = z.object({
  class: z.string().default(''),
  message: z.string().nullable().default(''),
});
export type RspecException = z.infer<typeof RspecException>;

export const RspecExample = z.object({
  id: z.string().optional(),
  description: z.string().default(''),
  full_description: z.string().default(''),
  status: z.string(),
  file_path: z.string().nullable().optional(),
  line_number: z.number().nullable().optional(),
  run_time: z.number().nullable().optional(),
  pending_message: z.string().nullable().optional(),
  exception: RspecException.nullable().optional(),
});
export type RspecExample = z.infer<typeof RspecExample>;

export const RspecSummary = z.object({
  example_count: Count,
  failure_count: Count,
  pending_count: Count,
  errors_outside_of_examples_count: Count.default(0),
});
export type RspecSummary = z.infer<typeof RspecSummary>;

export const RspecJson = z.object({
  version: z.string().optional(),
  examples: z.array(RspecExample),
  summary: RspecSummary.optional(),
  summary_line: z.string().optional(),
  messages: z.array(z.string()).default([]),
});
export type RspecJson = z.infer<typeof RspecJson>;
