/**
 * Attack: a project holds a link to a file outside it, and a proposal writes that path, hoping
 * the dashboard's diff shows the outside file as the "before" side. The diff compares only with
 * regular files inside the project's folder: the secret never reaches the page.
 */
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HttpServer } from '../support/http-server.js';

const SECRET = 'host-secret-7f3a91c2';
let server: HttpServer;

beforeAll(async () => {
  server = await HttpServer.start();
});
afterAll(async () => server?.close());

it('never shows a file outside the project through a link in it', async () => {
  const outside = await mkdtemp(join(tmpdir(), 'patchproof-outside-'));
  await writeFile(join(outside, 'secret.txt'), `${SECRET}\n`);
  await symlink(join(outside, 'secret.txt'), join(server.project, 'notes.txt'));
  expect((await server.registerCalc()).status).toBe(201);
  const r = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', title: 'rewrite notes', changes: [{ filepath: 'notes.txt', content: 'new notes\n' }] } });
  // Refused at intake is as good: then nothing of it is shown either.
  if (r.status !== 202) {
    expect(r.status).toBe(400);
    return;
  }
  const { proposalId } = (await r.json()) as { proposalId: string };
  const page = await (await server.fetch(`/proposals/${proposalId}`)).text();
  // Shown as a new file: one line added, nothing removed.
  expect(page).toContain('<code>notes.txt</code> <span class="muted">+1 −0</span>');
  expect(page).not.toContain(SECRET);
});
