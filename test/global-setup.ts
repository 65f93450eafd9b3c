/**
 * Around the whole test run: the engine must answer (under CI a missing engine is a failure,
 * never a skip), and when the run ends nothing labelled as ours may be left on it.
 */
import { loadConfig } from '../src/config.js';
import { connectEngine } from '../src/engine/connect-engine.js';
import { ensureChromium } from './support/ensure-chromium.js';
import { leftovers } from './support/sandbox-leftovers.js';

export default async function setup(): Promise<() => Promise<void>> {
  const docker = await connectEngine(loadConfig());
  // The dashboard's browser tests (test/dashboard/) drive Debian's chromium.
  await ensureChromium();
  return async () => {
    // On a developer's machine other runs may be going on beside this one; CI's engine is ours alone.
    if (process.env.CI !== 'true') return;
    const left = await leftovers(docker, 'everyone');
    if (left.containers.length > 0 || left.volumes.length > 0) {
      throw new Error(`the test run left containers ${left.containers.join(', ') || '-'} and volumes ${left.volumes.join(', ') || '-'} behind`);
    }
  };
}
