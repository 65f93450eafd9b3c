/**
 * A real patchproof HTTP server for one test file: a private SQLite file, a private copy of the
 * example project, the real engine, listening on a loopback port; requests go through fetch.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppContext, createContext } from '../../src/app/context.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/http/server.js';
import { type InProcessWorkers, startInProcessWorkers } from '../../workers/in-process-workers.js';
import { scratchProject } from './scratch-project.js';

export class HttpServer {
  private constructor(
    readonly app: FastifyInstance,
    readonly ctx: AppContext,
    readonly url: string,
    readonly project: string,
    private readonly workers: InProcessWorkers | null,
  ) {}

  static async start(env: Record<string, string> = {}, options: { workers?: number } = {}): Promise<HttpServer> {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-http-'));
    const config = loadConfig({ PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100', PATCHPROOF_MEMORY_MB: '512', ...env });
    const ctx = createContext(config);
    const workers = (options.workers ?? 0) > 0 ? await startInProcessWorkers(ctx, options.workers ?? 1, { schedules: false, log: () => undefined }) : null;
    const app = await buildServer(ctx, { inProcessWorkers: () => (workers === null ? [] : [workers.identity]) });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return new HttpServer(app, ctx, url, await scratchProject(), workers);
  }

  fetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${this.url}${path}`, { ...rest, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  }

  async registerCalc(name = 'calc'): Promise<Response> {
    return this.fetch('/v1/projects', { method: 'POST', json: { name, dir: this.project } });
  }

  async close(): Promise<void> {
    this.workers?.drain();
    await this.app.close();
    await this.workers?.done;
    await this.ctx.close();
  }
}

/** Reads a text/event-stream response into events until it ends (or `stopAfter` says so; null: a heartbeat comment). */
export async function readEvents(response: Response, stopAfter?: (event: SseEvent | null) => boolean): Promise<{ events: SseEvent[]; comments: number }> {
  const events: SseEvent[] = [];
  let comments = 0;
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith(':')) {
        comments += 1;
        if (stopAfter?.(null) === true) {
          await reader.cancel();
          return { events, comments };
        }
        continue;
      }
      const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
      const event: SseEvent = { id: field('id') ?? null, type: field('event') ?? 'message', data: JSON.parse(field('data') ?? 'null') as Record<string, unknown> };
      events.push(event);
      if (stopAfter?.(event) === true) {
        await reader.cancel();
        return { events, comments };
      }
    }
  }
  return { events, comments };
}

export interface SseEvent {
  readonly id: string | null;
  readonly type: string;
  readonly data: Record<string, unknown>;
}
