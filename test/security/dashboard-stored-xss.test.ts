/**
 * Attack: a proposal carries markup meant to run in the operator's browser (stored XSS): its
 * title, a test whose failure message is an <img onerror>, and a file whose content closes the
 * diff's <pre> and opens a <script>. In a real Chromium, the proposal's page and the list show
 * each as text: no script runs, no dialog opens, and the CSP would refuse inline script anyway.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../support/http-server.js';
import { exampleFile } from '../support/scratch-project.js';
import { type Browser, browserPresent, launchBrowser } from '../dashboard/browser.js';

const PAYLOAD = `<img src=x onerror="window.pwned=1;alert(1)">`;
const SCRIPT = `</pre><script>window.pwned=2;alert(2)</script><pre>`;

let server: HttpServer;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
let id = '';

describe.skipIf(!browserPresent && process.env.CI !== 'true')('markup in a proposal, shown on the dashboard', () => {
  beforeAll(async () => {
    server = await HttpServer.start({ PATCHPROOF_HTTP_MAX_WAIT_S: '170' }, { workers: 1 });
    expect((await server.registerCalc()).status).toBe(201);
    const test = await exampleFile('tests/test_calc.py');
    const changes = [
      { filepath: 'tests/test_calc.py', content: `${test}\n\ndef test_markup():\n    assert False, ${JSON.stringify(PAYLOAD)}\n` },
      { filepath: 'NOTES.md', content: `${SCRIPT}\n` },
    ];
    const r = await server.fetch('/v1/proposals?wait=170', { method: 'POST', json: { project: 'calc', title: PAYLOAD, author: SCRIPT, changes } });
    const view = (await r.json()) as { id: string; status: string };
    expect(view.status).toBe('rejected');
    id = view.id;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the title, the failure message and the file as text, and runs nothing', async () => {
    await page.goto(`${server.url}/proposals/${id}`);
    expect(await page.locator('h1').textContent()).toBe(PAYLOAD);
    const row = page.locator('tr[data-test$="test_markup"]');
    await row.getByText('Failure message').click();
    expect(await row.locator('details.message pre').textContent()).toContain(PAYLOAD);
    expect(await page.locator('pre.diff').filter({ hasText: 'window.pwned=2' }).textContent()).toContain(SCRIPT);
    await page.goto(`${server.url}/`);
    expect(await page.locator('tbody#rows').textContent()).toContain(PAYLOAD);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
