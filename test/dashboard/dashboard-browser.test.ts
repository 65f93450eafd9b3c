/**
 * The dashboard in a real headless Chromium against a real server (tokens on, one worker in the
 * process, the real engine): log in (a wrong token refused), filter, open a rejected proposal and
 * read its broken test's message, watch a queued proposal turn executed without reloading,
 * revalidate. Each page's first load stays under 300 KB, makes no outside request and trips no
 * CSP violation; a screenshot of each page is saved to docs/screenshots/ for the README.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { HttpServer } from '../support/http-server.js';
import { exampleFile } from '../support/scratch-project.js';
import { type Browser, browserPresent, firstLoad, launchBrowser } from './browser.js';
import { lowContrast } from './contrast.js';

const TOKEN = 'browser-test-token-0123456789abcdef';
const BUDGET = 300 * 1024;
const SHOTS = join(PACKAGE_ROOT, 'docs', 'screenshots');
const bearer = { authorization: `Bearer ${TOKEN}` };

let server: HttpServer;
let browser: Browser;
let page: Page;
const violations: string[] = [];
const weights: Record<string, number> = {};
let rejectedId = '';

interface ShownProposal {
  id: string;
  status: string;
  validations: { tests: { name: string; status: string; message: string | null }[] }[];
}

async function submit(title: string, changes: unknown, wait: boolean): Promise<ShownProposal & { proposalId?: string }> {
  const r = await server.fetch(`/v1/proposals${wait ? '?wait=170' : ''}`, { method: 'POST', headers: bearer, json: { project: 'calc', title, author: 'agent-7', changes } });
  expect([200, 202]).toContain(r.status);
  return (await r.json()) as ShownProposal;
}

async function good(marker: string) {
  const source = await exampleFile('src/calc/__init__.py');
  const test = await exampleFile('tests/test_calc.py');
  return [
    { filepath: 'src/calc/__init__.py', content: `${source}\n\ndef mul(a, b):\n    # ${marker}\n    return a * b\n` },
    { filepath: 'tests/test_calc.py', content: `${test.replace('from calc import add, div', 'from calc import add, div, mul')}\n\ndef test_mul():\n    assert mul(2, 3) == 6\n` },
  ];
}

/** Loads a page fresh, checks its weight and that nothing left this server, and saves its screenshot. */
async function visit(name: string, path: string): Promise<void> {
  const load = await firstLoad(page, `${server.url}${path}`);
  weights[name] = load.bytes;
  expect(load.bytes, `${name} first load`).toBeLessThan(BUDGET);
  expect(load.urls.filter((u) => !u.startsWith(server.url))).toEqual([]);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!browserPresent && process.env.CI !== 'true')('the dashboard in a browser', () => {
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    server = await HttpServer.start({ PATCHPROOF_API_TOKENS: TOKEN, PATCHPROOF_HTTP_MAX_WAIT_S: '170' }, { workers: 1 });
    expect((await server.fetch('/v1/projects', { method: 'POST', headers: bearer, json: { name: 'calc', dir: server.project } })).status).toBe(201);
    const source = await exampleFile('src/calc/__init__.py');
    const rejected = await submit('break add', [{ filepath: 'src/calc/__init__.py', content: source.replace('return a + b', 'return a - b') }], true);
    expect(rejected.status).toBe('rejected');
    rejectedId = rejected.id;
    expect((await submit('add mul', await good('first'), true)).status).toBe('executed');
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    // The measured weights, for the report and the README.
    if (Object.keys(weights).length > 0) process.stdout.write(`dashboard first-load weights (bytes): ${JSON.stringify(weights)}\n`);
  });

  it('sends a visitor to the login form, refuses a wrong token, and logs in with a right one', async () => {
    await visit('login', '/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('API token').fill('wrong-token-0000000000000000');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not one this server accepts');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('API token').fill(TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${server.url}/`);
    const cookies = await browser.context.cookies(server.url);
    const session = cookies.find((c) => c.name === 'patchproof_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // Keyboard: the first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
  });

  it('filters the proposals by status and by text', async () => {
    await visit('proposals', '/');
    await page.getByLabel('Status').selectOption('rejected');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=rejected/);
    const statuses = await page.locator('tbody#rows tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses).toEqual(['rejected']);
    expect(await page.locator('tbody#rows').textContent()).toContain('break add');
    await page.goto(`${server.url}/?text=mul`);
    const titles = await page.locator('tbody#rows tr td:nth-child(2)').allTextContents();
    expect(titles.map((t) => t.trim())).toEqual(['add mul']);
  });

  it('opens the rejected proposal and finds the broken test and its failure message', async () => {
    await page.goto(`${server.url}/?status=rejected`);
    await page.getByRole('link', { name: 'break add' }).click();
    await page.waitForURL(`${server.url}/proposals/${rejectedId}`);
    expect(await page.locator('#verdict-h').textContent()).toContain('rejected');
    const row = page.locator('tr[data-test$="test_add"]');
    const shown = (await (await server.fetch(`/v1/proposals/${rejectedId}`, { headers: bearer })).json()) as ShownProposal;
    const message = shown.validations.at(-1)?.tests.find((t) => t.name === 'test_add')?.message ?? '';
    expect(message).not.toBe('');
    // Collapsed until asked for.
    await expect.poll(() => row.locator('details.message pre').isVisible()).toBe(false);
    await row.getByText('Failure message').click();
    await expect.poll(() => row.locator('details.message pre').isVisible()).toBe(true);
    expect(await row.locator('details.message pre').textContent()).toBe(message);
    expect(await page.locator('.comparison').textContent()).toMatch(/Broken|broke|graded on its own/i);
    expect(await page.locator('pre.diff .dl-add').count()).toBeGreaterThan(0);
    await visit('proposal', `/proposals/${rejectedId}`);
  });

  it('shows a queued proposal turn executed on the open list, without reloading', async () => {
    await page.goto(`${server.url}/`);
    await page.evaluate(() => Object.assign(window, { stayedOnPage: 'yes' }));
    const submitted = await submit('add mul again', await good('second'), false);
    const id = submitted.proposalId ?? submitted.id;
    const row = page.locator(`tr[data-id="${id}"]`);
    await row.waitFor({ timeout: 60_000 });
    const firstSeen = await row.getAttribute('data-status');
    expect(['pending', 'running']).toContain(firstSeen);
    await page.locator(`tr[data-id="${id}"][data-status="executed"]`).waitFor({ timeout: 170_000 });
    expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: string }).stayedOnPage)).toBe('yes');
  });

  it('revalidates the rejected proposal and shows the new run beside the first when it ends', async () => {
    await page.goto(`${server.url}/proposals/${rejectedId}`);
    expect(await page.locator('table.runs tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Revalidate' }).click();
    await page.waitForURL(`${server.url}/proposals/${rejectedId}`);
    // The live log of this run (not the first run's, replayed): its claim, then its phases.
    const log = page.locator('#live-log');
    await log.filter({ hasText: 'claimed by' }).waitFor({ timeout: 120_000 });
    expect((await log.textContent())?.startsWith('queued: queued for revalidation')).toBe(true);
    await page.locator('table.runs tbody tr:nth-child(2)').waitFor({ timeout: 170_000 });
    expect(await page.locator('table.runs tbody tr:nth-child(2)').textContent()).toContain('revalidation');
    expect(await page.locator('#verdict-h').textContent()).toContain('rejected');
  });

  it('draws the project and fleet pages with their charts, within the budget', async () => {
    await visit('project', '/projects/calc');
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(2);
    await visit('fleet', '/fleet');
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#ph-h + .scroll tbody tr').count()).toBeGreaterThan(0);
    // This server's worker is listed; the last hour's validations are drawn as bars.
    expect(await page.locator('ul.workers li').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('figure.chart').first().locator('rect').count()).toBeGreaterThanOrEqual(1);
  });

  it('keeps text at 4.5:1 contrast or more, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of ['/', `/proposals/${rejectedId}`, '/projects/calc', '/fleet']) {
        await page.goto(`${server.url}${path}`);
        expect(await lowContrast(page, 'main *, header *'), `${scheme} ${path}`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('fits a phone and follows a dark colour scheme', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'proposals-phone.png'), fullPage: true });
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(dark).not.toBe(light);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/proposals/${rejectedId}`);
    await page.screenshot({ path: join(SHOTS, 'proposal-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(violations).toEqual([]);
  });
});
