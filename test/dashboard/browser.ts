/**
 * A real headless Chromium for the dashboard tests: Debian's /usr/bin/chromium driven by
 * playwright-core, a fresh profile folder per launch, no network beyond loopback (no component
 * updates, no sync, no QUIC). `firstLoad` measures what a page's first load transfers, cache off,
 * from the browser's own accounting of each response (headers + encoded body).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM } from '../support/ensure-chromium.js';

export const browserPresent = existsSync(CHROMIUM);

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'patchproof-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface Load {
  readonly bytes: number;
  readonly urls: readonly string[];
}

/** Navigates with the cache off and adds up every response but live streams (they never end). */
export async function firstLoad(page: Page, url: string): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const pending: Promise<{ url: string; bytes: number }>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    if (response.request().resourceType() === 'eventsource') return;
    pending.push(response.request().sizes().then((s) => ({ url: response.url(), bytes: s.responseHeadersSize + s.responseBodySize })));
  };
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'load' });
    const done = await Promise.all(pending);
    return { bytes: done.reduce((n, r) => n + r.bytes, 0), urls: done.map((r) => r.url) };
  } finally {
    page.off('response', onResponse);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.detach();
  }
}
