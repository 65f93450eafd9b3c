/** `patchproof images [--json]`: the project images, least recently used first (app/use-cases/images.ts). */
import { listImages } from '../../app/use-cases/images.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { withContext } from '../app-context.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine, safeLine } from '../terminal-text.js';

const MB = 1024 * 1024;

export async function imagesCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('images', args, { json: { type: 'boolean', default: false } });
  if (positionals.length > 0) throw new UsageError(`images: unexpected argument "${positionals[0]}"`);
  const list = await withContext(config, (ctx) => listImages(ctx, null));
  if (values.json) {
    process.stdout.write(`${jsonLine(list)}\n`);
    return 0;
  }
  const bound = list.diskLimitBytes === null ? 'no bound' : `bound ${(list.diskLimitBytes / MB).toFixed(0)} MB`;
  const out = [
    `${list.images.length} project image(s), ${(list.totalBytes / MB).toFixed(0)} MB (${bound}; least recently used first)`,
    ...list.images.map((i) => `  ${safeLine(i.tag).padEnd(48)} ${`${(i.sizeBytes / MB).toFixed(0)} MB`.padStart(8)}  last used ${i.lastUsedAt ?? 'never'}${i.inUse ? '  (in use)' : ''}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
