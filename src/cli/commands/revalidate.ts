/** `patchproof revalidate [--project <name>]... [<proposalId>...]`: queue finished proposals again now. */
import { queueRevalidation } from '../../../workers/revalidation.js';
import type { Config } from '../../config.js';
import { openStorage } from '../../storage/storage.js';
import { parseCommandArgs } from '../cli-args.js';

export async function revalidateCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('revalidate', args, {
    project: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
  });
  const storage = await openStorage(config);
  try {
    const queued = await queueRevalidation(storage, { projects: values.project ?? [], proposalIds: positionals });
    process.stdout.write(values.json ? `${JSON.stringify({ queued })}\n` : `queued ${queued.length} proposal(s) for revalidation\n`);
    return 0;
  } finally {
    await storage.close();
  }
}
