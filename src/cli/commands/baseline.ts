/**
 * `patchproof baseline <project|dir> [--refresh] [--json]`: the baseline of the project's current
 * state (its unchanged run, which changed proposals are compared with), shown, made when missing,
 * or made again with --refresh. Exit code: 0 shown or made (a red baseline too: it is a record,
 * not a verdict), 2 when it could not be made or on bad usage.
 */
import { baseline } from '../../app/use-cases/baseline.js';
import type { BaselineView } from '../../app/views/baseline-view.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { withContext } from '../app-context.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine, safeLine } from '../terminal-text.js';

export async function baselineCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('baseline', args, {
    refresh: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) throw new UsageError('baseline: expected exactly one <project> (a registered name) or <dir>');
  const aborter = new AbortController();
  const onSignal = () => aborter.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const view = await withContext(config, (ctx) =>
      baseline(ctx, {
        project: positionals[0] ?? '',
        refresh: values.refresh,
        signal: aborter.signal,
        onProgress: values.json ? undefined : (line) => process.stderr.write(`${line}\n`),
      }),
    );
    process.stdout.write(values.json ? `${jsonLine(view)}\n` : text(view));
    return couldNotBeMade(view) ? 2 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Given up on after its retries, or with no run that reached a verdict (baseline-lookup.ts: `failed`); a red baseline was made. */
function couldNotBeMade(view: BaselineView): boolean {
  return view.status === 'error' || view.outcome === null || view.outcome === 'error';
}

function text(view: BaselineView): string {
  const out = [
    `baseline of ${safeLine(view.project)}: ${view.made ? 'made now' : 'reused'}${view.usable ? '' : ' (no tests to compare with: proposals are graded on their own)'}`,
    `  state      ${view.stateKey}`,
    `  baseline   ${view.baselineId} (run ${view.validationId ?? '-'}, ${view.runs} run${view.runs === 1 ? '' : 's'}, ${view.finishedAt ?? 'never finished'})`,
    `  outcome    ${view.outcome ?? '-'}: ${safeLine(view.reason ?? '')}`,
  ];
  if (view.tests !== null) out.push(`  tests      ${view.tests.passed} passed, ${view.tests.failed} failed, ${view.tests.errors} errors, ${view.tests.skipped} skipped of ${view.tests.total}`);
  for (const name of view.failing) out.push(`  fails      ${safeLine(name)}`);
  if (view.truncated !== null) out.push(`  cut        ${safeLine(view.truncated)}`);
  return `${out.join('\n')}\n`;
}
