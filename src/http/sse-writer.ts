/**
 * A Server-Sent Events stream on a raw Node response: `id:` (the event's seq, left out when 0:
 * nothing to resume after), `event:` (its type), `data:` (one JSON line), and a heartbeat comment
 * every so often so proxies keep the connection open. `signal` aborts when the client goes away
 * or the server closes, which ends whatever loop feeds the stream.
 */
import type { ServerResponse } from 'node:http';

export class SseWriter {
  private readonly aborter = new AbortController();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    headers: Readonly<Record<string, string | number | string[] | undefined>>,
    heartbeatMs: number,
  ) {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    res.on('close', () => this.close());
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  send(type: string, data: unknown, id?: number): void {
    const idLine = id === undefined || id === 0 ? '' : `id: ${id}\n`;
    // JSON.stringify never emits a raw newline, so one data line always holds the whole event.
    this.write(`${idLine}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Idempotent: stops the heartbeat, aborts the feeding loop, ends the response. */
  close(): void {
    clearInterval(this.heartbeat);
    if (!this.aborter.signal.aborted) this.aborter.abort();
    if (!this.res.writableEnded) this.res.end();
  }

  private write(chunk: string): void {
    if (!this.res.writableEnded && !this.res.destroyed) this.res.write(chunk);
  }
}
