/**
 * The dashboard's browser tests drive Debian's chromium (never a downloaded build): installed
 * here with apt-get when /usr/bin/chromium is missing and we are root, as the engine set-up
 * installs docker.io. Under CI a browser still missing after that fails the run; elsewhere the
 * browser tests say why they are skipped.
 */
import { existsSync } from 'node:fs';
import { aptInstall } from '../../src/engine/apt-install.js';

export const CHROMIUM = '/usr/bin/chromium';

export async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0) {
    await aptInstall(['chromium'], (line) => process.stderr.write(`[chromium] ${line}\n`), 'ENGINE_SETUP_FAILED').catch((error: unknown) => {
      process.stderr.write(`[chromium] install failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  }
  if (!existsSync(CHROMIUM) && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing after apt-get install chromium: the dashboard's browser tests cannot run`);
}
