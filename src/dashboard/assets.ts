/**
 * The dashboard's one stylesheet and one script, hand-written files under src/dashboard/assets/
 * (no build step), read once at start-up and served by patchproof itself: no CDN, no outside request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

const DIR = join(PACKAGE_ROOT, 'src', 'dashboard', 'assets');

export interface Asset {
  readonly body: string;
  readonly type: string;
}

export function loadAssets(): ReadonlyMap<string, Asset> {
  return new Map([
    ['dashboard.css', { body: readFileSync(join(DIR, 'dashboard.css'), 'utf8'), type: 'text/css; charset=utf-8' }],
    ['dashboard.js', { body: readFileSync(join(DIR, 'dashboard.js'), 'utf8'), type: 'text/javascript; charset=utf-8' }],
  ]);
}
