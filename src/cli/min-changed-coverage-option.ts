/** `--min-changed-coverage <pct>`, read the same way by validate, propose and projects add. */
import { z } from 'zod';
import { UsageError } from '../errors/usage-error.js';

export const MIN_CHANGED_COVERAGE_OPTION = { 'min-changed-coverage': { type: 'string' } } as const;

const Percent = z.coerce.number().min(0).max(100);

/** The percentage asked for, or undefined when the option was not given. */
export function readMinChangedCoverage(command: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = Percent.safeParse(text.trim() === '' ? Number.NaN : text);
  if (!parsed.success) throw new UsageError(`${command}: --min-changed-coverage must be a percentage from 0 to 100, got "${text}"`);
  return parsed.data;
}
