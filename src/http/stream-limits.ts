/**
 * Requests that hold a connection open (event streams, the dashboard's live streams, /mcp calls,
 * ?wait): each polls the database until it ends, so their number is bounded, in all
 * (PATCHPROOF_HTTP_MAX_STREAMS) and per client address (PATCHPROOF_HTTP_MAX_STREAMS_PER_CLIENT),
 * and one client cannot take every slot. Past a bound the request is refused with 429 and
 * Retry-After before anything streams.
 */
import type { IncomingMessage } from 'node:http';
import { HttpRefusal } from './http-refusal.js';

/** How long a refused client should wait: a stream ends when its proposal does, often within seconds. */
const RETRY_AFTER_S = 5;

export class StreamLimits {
  private total = 0;
  private readonly perClient = new Map<string, number>();

  constructor(
    readonly max: number,
    readonly maxPerClient: number,
  ) {}

  /** A slot for `client`, released by the function returned (once; later calls do nothing); null when full. */
  tryAcquire(client: string): (() => void) | null {
    const mine = this.perClient.get(client) ?? 0;
    if (this.total >= this.max || mine >= this.maxPerClient) return null;
    this.total += 1;
    this.perClient.set(client, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left === 0) this.perClient.delete(client);
      else this.perClient.set(client, left);
    };
  }

  /** As tryAcquire, but a full server refuses the request (429, naming the variable to raise). */
  admit(request: IncomingMessage): () => void {
    const client = clientAddress(request);
    const release = this.tryAcquire(client);
    if (release !== null) return release;
    const perClient = (this.perClient.get(client) ?? 0) >= this.maxPerClient;
    const message = perClient
      ? `this client already holds ${this.maxPerClient} open streams, the most one client may (PATCHPROOF_HTTP_MAX_STREAMS_PER_CLIENT); close one or try again later`
      : `${this.max} streams are open, the most this server holds (PATCHPROOF_HTTP_MAX_STREAMS); try again later`;
    throw new HttpRefusal('too_many_requests', message, { headers: { 'retry-after': String(RETRY_AFTER_S) } });
  }

  /** Streams open now (for tests and health). */
  get open(): number {
    return this.total;
  }
}

/** The peer's address, an IPv4-mapped IPv6 address as IPv4, so one client is one key. */
export function clientAddress(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
