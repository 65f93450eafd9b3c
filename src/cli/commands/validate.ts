/**
 * `patchproof validate`: one proposal, start to finish, through the application layer
 * (app/use-cases/validate-now.ts). This file reads the arguments and prints the view.
 * Ctrl-C kills the sandbox and still cleans up; a second Ctrl-C leaves at once.
 */
import { validateNow } from '../../app/use-cases/validate-now.js';
import { PendingRemovals } from '../../pipeline/removal-after-verdict.js';
import type { Config } from '../../config.js';
import { readChangesFile } from '../../changes/changes-file.js';
import { UsageError } from '../../errors/usage-error.js';
import { parseProposalLabels } from '../../intake/proposal-labels.js';
import { withContext } from '../app-context.js';
import { parseCommandArgs } from '../cli-args.js';
import { MIN_CHANGED_COVERAGE_OPTION, readMinChangedCoverage } from '../min-changed-coverage-option.js';
import { OVERRIDE_OPTIONS, readOverrides } from '../override-options.js';
import { progressPrinter } from '../progress-printer.js';
import { resultSummary } from '../result-view.js';
import { jsonLine } from '../terminal-text.js';

export async function validateCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, {
    changes: { type: 'string' },
    json: { type: 'boolean', default: false },
    framework: { type: 'string' },
    'test-command': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    title: { type: 'string' },
    author: { type: 'string' },
    'protect-tests': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    base: { type: 'string' },
    ...OVERRIDE_OPTIONS,
    ...MIN_CHANGED_COVERAGE_OPTION,
  });
  if (positionals.length !== 1) throw new UsageError('validate: expected exactly one <projectDir> (or a git project\'s name)');
  const minChangedCoverage = readMinChangedCoverage('validate', values['min-changed-coverage']);
  const overrides = readOverrides('validate', values);
  if (overrides.timeoutS !== undefined && overrides.timeoutS > config.PATCHPROOF_TEST_TIMEOUT_S) {
    throw new UsageError(`validate: --timeout ${overrides.timeoutS} is above the configured limit of ${config.PATCHPROOF_TEST_TIMEOUT_S} s (PATCHPROOF_TEST_TIMEOUT_S)`, {}, { field: 'timeout' });
  }
  if (values['test-command']?.trim() === '') throw new UsageError('validate: --test-command is empty', {}, { field: 'test-command' });
  // Refused here too, naming the flag: a usage error belongs to the door (the app checks again).
  const labels = parseProposalLabels('validate', { title: values.title, author: values.author });
  // Read here (a file is the CLI's way of giving changes); the app takes the changes themselves.
  const changes = values.changes === undefined ? [] : await readChangesFile(values.changes, { maxFiles: config.PATCHPROOF_MAX_CHANGE_FILES, maxFileBytes: config.PATCHPROOF_MAX_FILE_BYTES, maxTotalBytes: config.PATCHPROOF_MAX_CHANGES_BYTES });

  const aborter = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\ninterrupted: stopping the sandbox and cleaning up (Ctrl-C again to leave at once)\n');
    aborter.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = progressPrinter();
  // The used sandbox's removal runs while the result is recorded and printed; awaited before the end.
  const removals = new PendingRemovals();
  try {
    const result = await withContext(config, (ctx) =>
      validateNow(ctx, {
        dir: positionals[0] ?? '',
        base: values.base,
        changes,
        framework: values.framework ?? null,
        testCommand: values['test-command'] ?? null,
        noBuild: values['no-build'],
        title: labels.title,
        author: labels.author,
        protectTests: values['protect-tests'],
        strict: values.strict,
        minChangedCoverage,
        overrides,
        signal: aborter.signal,
        progress: progress.sink,
        baselineProgress: values.json ? () => undefined : (line) => process.stderr.write(`baseline: ${line}\n`),
        removals,
      }),
    );
    progress.done();
    process.stdout.write(values.json ? `${jsonLine(result)}\n` : `${resultSummary(result)}\n`);
    return result.verdict === 'executed' ? 0 : result.verdict === 'rejected' ? 1 : 2;
  } finally {
    progress.done();
    for (const failure of await removals.settle()) process.stderr.write(`warning: ${failure} (left to the janitor)\n`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
