/** `patchproof setup`: an engine that answers and the base image, each made only when missing. */
import type { Config } from '../../config.js';
import { ensureBaseImage } from '../../engine/base-image.js';
import { ensureEngine } from '../../engine/ensure-engine.js';

export async function setupCommand(_args: readonly string[], config: Config): Promise<number> {
  const log = (line: string) => process.stderr.write(`setup: ${line}\n`);
  const started = Date.now();
  const docker = await ensureEngine(config, log);
  const base = await ensureBaseImage(docker, config, log);
  log(`base image ${base.image} ${base.how}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
