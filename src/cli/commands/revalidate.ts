/** `patchproof revalidate [--project <name>]... [<proposalId>...]`: queue finished proposals again now (app/use-cases/revalidate.ts). */
import { revalidate } from '../../app/use-cases/revalidate.js';
import type { Config } from '../../config.js';
import { withContext } from '../app-context.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine } from '../terminal-text.js';

export async function revalidateCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('revalidate', args, {
    project: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
  });
  const view = await withContext(config, (ctx) => revalidate(ctx, { projects: values.project ?? [], proposalIds: positionals }));
  process.stdout.write(values.json ? `${jsonLine(view)}\n` : `queued ${view.queued.length} proposal(s) for revalidation\n`);
  return 0;
}
