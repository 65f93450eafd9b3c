/**
 * Idempotency-Key for POST /v1/proposals: the same key with the same body answers with the same
 * proposal (a retry after a lost answer queues nothing new); the same key with another body is a
 * conflict. Kept in this process's memory, bounded (oldest forgotten first) and for a day: a
 * restarted server, or another server over the same database, does not know earlier keys.
 * A submission that failed is forgotten, so its retry runs again.
 */
import { createHash } from 'node:crypto';
import { HttpRefusal } from './http-refusal.js';

const MAX_KEYS = 10_000;
const KEEP_MS = 24 * 60 * 60 * 1000;

interface Entry<T> {
  readonly bodyDigest: string;
  readonly at: number;
  readonly result: Promise<T>;
}

export class IdempotencyKeys<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** The first submission under `key` runs `submit`; later ones with the same body share its answer. */
  async once(key: string, body: unknown, submit: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    const bodyDigest = createHash('sha256').update(canonicalJson(body)).digest('hex');
    const now = Date.now();
    const known = this.entries.get(key);
    if (known !== undefined && now - known.at < KEEP_MS) {
      if (known.bodyDigest !== bodyDigest) throw new HttpRefusal('conflict', 'this Idempotency-Key was used with another body', { field: 'idempotency-key' });
      return { value: await known.result, replayed: true };
    }
    const result = submit();
    this.entries.delete(key);
    this.entries.set(key, { bodyDigest, at: now, result });
    while (this.entries.size > MAX_KEYS) this.entries.delete(this.entries.keys().next().value ?? key);
    try {
      return { value: await result, replayed: false };
    } catch (error) {
      if (this.entries.get(key)?.result === result) this.entries.delete(key);
      throw error;
    }
  }
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same body. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
