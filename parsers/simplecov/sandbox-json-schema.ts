/**
 * The totals of the JSON the sandbox's SimpleCov formatter writes
 * (templates/ruby/sandbox/simplecov_sandbox_json.rb, `coverage/coverage.json`): SimpleCov's own
 * figures for the result it formatted. Branch fields are there only when branch coverage was on.
 * Per-file entries are for people and are not read.
 */
import { z } from 'zod';

const Count = z.number().int().nonnegative();

export const SandboxCoverageJson = z.object({
  command_name: z.string().optional(),
  covered_lines: Count,
  total_lines: Count,
  covered_branches: Count.optional(),
  total_branches: Count.optional(),
});
export type SandboxCoverageJson = z.infer<typeof SandboxCoverageJson>;
