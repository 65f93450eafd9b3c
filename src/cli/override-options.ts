/**
 * The request overrides a command line may give (validate, propose): --timeout, --min-coverage,
 * --memory-mb. Each is a lowering of the configured limit; checked here, naming the flag.
 */
import { z } from 'zod';
import { UsageError } from '../errors/usage-error.js';
import type { RequestOverrides } from '../pipeline/settings.js';

export const OVERRIDE_OPTIONS = {
  timeout: { type: 'string' },
  'min-coverage': { type: 'string' },
  'memory-mb': { type: 'string' },
} as const;

const flags = {
  timeout: ['timeoutS', z.coerce.number().int().min(1).max(86_400)],
  'min-coverage': ['minCoverage', z.coerce.number().min(0).max(100)],
  'memory-mb': ['memoryMb', z.coerce.number().int().min(6).max(1_048_576)],
} as const;

export function readOverrides(command: string, values: { timeout?: string | undefined; 'min-coverage'?: string | undefined; 'memory-mb'?: string | undefined }): RequestOverrides {
  const out: Record<string, number> = {};
  for (const flag of ['timeout', 'min-coverage', 'memory-mb'] as const) {
    const [key, schema] = flags[flag];
    const text = values[flag];
    if (text === undefined) continue;
    const parsed = schema.safeParse(text.trim() === '' ? Number.NaN : text);
    if (!parsed.success) throw new UsageError(`${command}: --${flag} ${parsed.error.issues[0]?.message ?? 'is invalid'}`, {}, { field: flag });
    out[key] = parsed.data;
  }
  return out;
}
