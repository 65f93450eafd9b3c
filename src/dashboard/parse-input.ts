/** Request input through zod at the dashboard's edge: a refusal names the field, as the API's do (400 page). */
import type { z } from 'zod';
import { UsageError } from '../errors/usage-error.js';

export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue?.path.join('.') || what;
    throw new UsageError(`${field}: ${issue?.message ?? 'is invalid'}`, {}, { code: 'invalid_input', field });
  }
  return r.data;
}
