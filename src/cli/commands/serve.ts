/** `patchproof serve [--port 7807] [--host 127.0.0.1] [--workers N]`: the HTTP API (src/http/). */
import { z } from 'zod';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { serve } from '../../http/serve.js';
import { parseCommandArgs } from '../cli-args.js';
import { safeLine } from '../terminal-text.js';

const flags = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(7807),
  host: z.string().min(1).max(255).default('127.0.0.1'),
  workers: z.coerce.number().int().min(0).max(64).default(0),
});

export async function serveCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('serve', args, {
    port: { type: 'string' },
    host: { type: 'string' },
    workers: { type: 'string' },
    'no-schedules': { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`serve: unexpected argument "${positionals[0]}"`);
  const parsed = flags.safeParse({ port: values.port, host: values.host, workers: values.workers });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'port');
    throw new UsageError(`serve: --${field} ${issue?.message ?? 'is invalid'}`, {}, { field });
  }
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} serve ${process.pid}: ${safeLine(line)}\n`);
  await serve(config, { ...parsed.data, schedules: !values['no-schedules'], log, listening: (url) => process.stdout.write(`${url}\n`) });
  return 0;
}
