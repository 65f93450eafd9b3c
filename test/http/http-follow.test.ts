/**
 * Following validations over HTTP with a worker in the server's process (serve --workers 1):
 * the event stream from queued to the verdict, resumed with Last-Event-ID mid-run and after the
 * end, ?wait answering with the verdict and its per-test results, and revalidation followed live.
 * Real engine, real SQLite file, real server on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFile } from '../support/scratch-project.js';
import { HttpServer, readEvents, type SseEvent } from '../support/http-server.js';

let server: HttpServer;

beforeAll(async () => {
  server = await HttpServer.start({ PATCHPROOF_HTTP_MAX_WAIT_S: '170' }, { workers: 1 });
  expect((await server.registerCalc()).status).toBe(201);
});
afterAll(async () => server.close());

async function good() {
  const source = await exampleFile('src/calc/__init__.py');
  const test = await exampleFile('tests/test_calc.py');
  return [
    { filepath: 'src/calc/__init__.py', content: `${source}\n\ndef mul(a, b):\n    return a * b\n` },
    { filepath: 'tests/test_calc.py', content: `${test.replace('from calc import add, div', 'from calc import add, div, mul')}\n\ndef test_mul():\n    assert mul(2, 3) == 6\n` },
  ];
}

const seqs = (events: readonly SseEvent[]) => events.map((e) => Number(e.data['seq']));

describe('the event stream', () => {
  it('follows a proposal from queued to its verdict, and resumes with Last-Event-ID mid-run and after the end', async () => {
    const submitted = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: await good(), title: 'add mul' } });
    expect(submitted.status).toBe(202);
    const eventsUrl = `${submitted.headers.get('location') ?? ''}/events`;

    // Leave the stream once the run has been claimed, then come back where it stopped.
    const first = await readEvents(await server.fetch(eventsUrl), (e) => e?.type === 'claimed');
    const claimed = first.events.at(-1);
    expect(claimed?.type).toBe('claimed');
    const rest = await readEvents(await server.fetch(eventsUrl, { headers: { 'last-event-id': String(claimed?.id) } }));
    const all = [...first.events, ...rest.events];
    expect(seqs(rest.events)[0]).toBe(Number(claimed?.id) + 1);
    for (const [i, seq] of seqs(all).entries()) if (i > 0) expect(seq).toBeGreaterThan(seqs(all)[i - 1] ?? 0);
    for (const e of all) expect(e.id).toBe(String(e.data['seq']));
    expect(all[0]?.type).toBe('queued');
    const types = all.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['phase_started', 'phase_ended', 'test_output_line']));
    // The tests' lines as pytest printed them, its summary the last: nothing of the wrapper's trailer.
    const lines = all.filter((e) => e.type === 'test_output_line').map((e) => String(e.data['line']));
    expect(lines.join('\n')).toMatch(/ passed in [\d.]+s =+$/);
    expect(lines.join('\n')).not.toMatch(/\x1e|trailer|tasks \d|cpu_ns/);
    const verdict = all.at(-1);
    expect(verdict).toMatchObject({ type: 'verdict', data: { outcome: 'executed' } });
    expect(types.filter((t) => t === 'verdict')).toHaveLength(1);

    // After the end: only what came after the given id, ending with the same verdict.
    const tail = all.slice(-3);
    const resumed = await readEvents(await server.fetch(eventsUrl, { headers: { 'last-event-id': String(tail[0]?.id) } }));
    expect(seqs(resumed.events)).toEqual(seqs(tail.slice(1)));

    const shown = (await (await server.fetch(submitted.headers.get('location') ?? '')).json()) as { status: string; validations: { outcome: string; tests: { name: string; status: string }[] }[] };
    expect(shown.status).toBe('executed');
    expect(shown.validations.at(-1)?.tests.map((t) => `${t.name}:${t.status}`)).toEqual(expect.arrayContaining(['test_mul:passed', 'test_add:passed']));
  });

  it('answers ?wait with the verdict and per-test results, and follows a revalidation live', async () => {
    const source = await exampleFile('src/calc/__init__.py');
    const response = await server.fetch('/v1/proposals?wait=170', { method: 'POST', json: { project: 'calc', changes: [{ filepath: 'src/calc/__init__.py', content: source.replace('return a + b', 'return a - b') }], title: 'break add' } });
    expect(response.status).toBe(200);
    const view = (await response.json()) as { id: string; status: string; reason: string; validations: { outcome: string; reasonCode: string; testsFailed: number; tests: { name: string; status: string; message: string | null }[] }[] };
    expect(view.status).toBe('rejected');
    expect(view.reason).toContain('test_add');
    const run = view.validations.at(-1);
    expect(run?.testsFailed).toBe(1);
    const failed = run?.tests.find((t) => t.name === 'test_add');
    expect(failed?.status).toBe('failed');
    expect(failed?.message).toBeTruthy();

    const before = await readEvents(await server.fetch(`/v1/proposals/${view.id}/events`));
    const lastSeq = Number(before.events.at(-1)?.id ?? before.events.at(-2)?.id);
    const again = await server.fetch(`/v1/proposals/${view.id}/revalidate`, { method: 'POST' });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ queued: [view.id] });
    const live = await readEvents(await server.fetch(`/v1/proposals/${view.id}/events`, { headers: { 'last-event-id': String(lastSeq) } }));
    expect(live.events[0]).toMatchObject({ type: 'queued' });
    expect(live.events.at(-1)).toMatchObject({ type: 'verdict', data: { outcome: 'rejected' } });
    const health = (await (await server.fetch('/v1/health')).json()) as { workers: { inProcess: number; seen: string[] } };
    expect(health.workers.inProcess).toBe(1);
    expect(health.workers.seen.length).toBeGreaterThanOrEqual(1);
  });
});
