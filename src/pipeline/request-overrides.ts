/**
 * What a request may ask of its validation's limits (RequestOverrides in settings.ts), as one zod
 * schema: read at every door (CLI flags, later HTTP and MCP bodies), stored with the proposal and
 * read back from there, so every run of a proposal (revalidations, a reclaimed lease) uses them.
 * Each is only ever a lowering: pipelineSettings cuts any value down to the configured one.
 */
import { z } from 'zod';
import type { RequestOverrides } from './settings.js';

const positive = (max: number) => z.number().int().min(1).max(max).optional();

export const RequestOverridesSchema = z
  .object({
    timeoutS: positive(86_400),
    cpuTimeS: positive(86_400),
    memoryMb: positive(1_048_576),
    pidsLimit: positive(1_000_000),
    workspaceMb: positive(1_048_576),
    tmpMb: positive(1_048_576),
    outputLimitBytes: positive(1 << 30),
    minCoverage: z.number().min(0).max(100).optional(),
  })
  .strict() satisfies z.ZodType<RequestOverrides>;

/** The overrides kept with a proposal (null: none asked), read back; a row that does not parse counts as none. */
export function storedOverrides(value: unknown): RequestOverrides {
  const parsed = RequestOverridesSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

/** Only what was asked, or null: what is stored and what goes into the content key. */
export function askedOverrides(overrides: RequestOverrides): RequestOverrides | null {
  const asked = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return Object.keys(asked).length === 0 ? null : RequestOverridesSchema.parse(asked);
}
