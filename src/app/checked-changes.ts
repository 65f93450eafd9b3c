/**
 * Whole-file changes a door was given (a proposal's `changes`, a run's `files`), checked as a
 * changes file is (paths, sizes, duplicates, the configured limits) before anything is stored or
 * run: one check for every door. A refusal names the field, and the entry at fault when one is
 * (`changes.2`), as the doors' schema refusals do.
 */
import type { Change } from '../changes/change.js';
import { parseChanges, type ChangeLimits } from '../changes/changes-file.js';
import { InputError } from '../errors/input-error.js';
import { UsageError } from '../errors/usage-error.js';
import type { AppContext } from './context.js';

export function changeLimits(ctx: AppContext): ChangeLimits {
  const { config } = ctx;
  return { maxFiles: config.PATCHPROOF_MAX_CHANGE_FILES, maxFileBytes: config.PATCHPROOF_MAX_FILE_BYTES, maxTotalBytes: config.PATCHPROOF_MAX_CHANGES_BYTES };
}

export function checkedChanges(ctx: AppContext, entries: unknown, field: 'changes' | 'files'): Change[] {
  try {
    return parseChanges(entries, changeLimits(ctx), field);
  } catch (error) {
    if (!(error instanceof InputError) || error.field !== undefined) throw error;
    const index = error.context['index'];
    throw new UsageError(error.message, error.context, { cause: error, code: error.code, field: typeof index === 'number' ? `${field}.${index}` : field });
  }
}
