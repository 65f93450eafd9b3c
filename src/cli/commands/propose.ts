/**
 * `patchproof propose <project> --changes <file.json> | --patch <file.diff>`: queue a proposal
 * for the worker (app/use-cases/submit.ts). Input is checked whole first; nothing is stored when
 * it is refused. Exit code: 0 queued or judged executed (reused), 1 rejected (a diff that does not
 * apply, or a reused rejection), 2 bad usage.
 */
import { z } from 'zod';
import { submit } from '../../app/use-cases/submit.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { parseProposalLabels } from '../../intake/proposal-labels.js';
import { withContext } from '../app-context.js';
import { MIN_CHANGED_COVERAGE_OPTION, readMinChangedCoverage } from '../min-changed-coverage-option.js';
import { OVERRIDE_OPTIONS, readOverrides } from '../override-options.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine, safeLine } from '../terminal-text.js';

const fields = z.object({
  priority: z.coerce.number().int().min(-1_000_000).max(1_000_000).default(0),
});

export async function proposeCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('propose', args, {
    changes: { type: 'string' },
    patch: { type: 'string' },
    title: { type: 'string' },
    author: { type: 'string' },
    priority: { type: 'string' },
    rerun: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'protect-tests': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    base: { type: 'string' },
    ...OVERRIDE_OPTIONS,
    ...MIN_CHANGED_COVERAGE_OPTION,
  });
  const minChangedCoverage = readMinChangedCoverage('propose', values['min-changed-coverage']);
  if (positionals.length !== 1) throw new UsageError('propose: expected exactly one <project> (a name from `patchproof projects list`)');
  if ((values.changes === undefined) === (values.patch === undefined)) throw new UsageError('propose: give exactly one of --changes <file.json> or --patch <file.diff>');
  const parsed = fields.safeParse({ priority: values.priority });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`propose: --${String(issue?.path[0] ?? 'value')} ${issue?.message ?? 'is invalid'}`);
  }
  const overrides = readOverrides('propose', values);
  const labels = parseProposalLabels('propose', { title: values.title, author: values.author });
  const view = await withContext(config, (ctx) =>
    submit(ctx, {
      project: positionals[0] ?? '',
      ...(values.changes !== undefined ? { changesFile: values.changes } : { patch: { file: values.patch ?? '' } }),
      title: labels.title,
      author: labels.author,
      priority: parsed.data.priority,
      rerun: values.rerun,
      protectTests: values['protect-tests'],
      strict: values.strict,
      minChangedCoverage,
      overrides,
      base: values.base,
    }),
  );
  if (values.json) process.stdout.write(`${jsonLine(view)}\n`);
  else process.stdout.write(`${view.proposalId}  ${view.status}${view.reason === null ? '' : `  ${safeLine(view.reason)}`}\n`);
  return view.status === 'rejected' ? 1 : 0;
}
