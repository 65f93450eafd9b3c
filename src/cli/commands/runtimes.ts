/**
 * `patchproof runtimes [--warm L...] [--json]`: each runtime and its warm pool's state. With
 * --warm, those runtimes' pools are started here (their images built when missing) and watched
 * until each is ready or unavailable, then stopped: a check that the runtime works on this engine.
 */
import { runtimeService, stopRuntimes } from '../../app/runtime-service.js';
import { listRuntimes } from '../../app/use-cases/list-runtimes.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { RuntimeNameSchema, type RuntimeName } from '../../runtime-names.js';
import { withContext } from '../app-context.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine, safeLine } from '../terminal-text.js';

export async function runtimesCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('runtimes', args, { warm: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } });
  if (positionals.length > 0) throw new UsageError(`runtimes: unexpected argument "${positionals[0]}"`);
  const warm: Partial<Record<RuntimeName, number>> = {};
  for (const name of (values.warm ?? []).flatMap((w) => w.split(','))) {
    const parsed = RuntimeNameSchema.safeParse(name.trim());
    if (!parsed.success) throw new UsageError(`runtimes: --warm: "${name}" is not a runtime (python, javascript, typescript, ruby, go, java, bash, rust, php)`, {}, { field: 'warm' });
    warm[parsed.data] = config.PATCHPROOF_WARM_POOL?.[parsed.data] ?? 1;
  }
  const view = await withContext(config, async (ctx) => {
    try {
      const service = runtimeService(ctx);
      service.startPools(warm);
      const deadline = Date.now() + config.PATCHPROOF_IMAGE_BUILD_TIMEOUT_S * 1000;
      while (Date.now() < deadline && listRuntimes(ctx).runtimes.some((r) => r.name in warm && (r.state === 'starting' || (r.state === 'ready' && r.starting > 0)))) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return listRuntimes(ctx);
    } finally {
      await stopRuntimes(ctx);
    }
  });
  if (values.json) process.stdout.write(`${jsonLine(view)}\n`);
  else {
    const lines = view.runtimes.map((r) => {
      const state = r.state === 'ready' ? `ready (${r.ready} warm)` : r.state === 'unavailable' ? `unavailable: ${safeLine(r.reason ?? '')}` : r.state === 'cold' ? 'cold (no warm pool: runs start their own sandbox)' : r.state;
      return `${r.name.padEnd(11)} ${r.mainFile.padEnd(10)} ${state}`;
    });
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return view.runtimes.some((r) => r.name in warm && r.state !== 'ready') ? 1 : 0;
}
