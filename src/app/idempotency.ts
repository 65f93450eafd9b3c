/**
 * Idempotency keys as the doors hand them to the submit use case: the key's text rule (one
 * schema, the HTTP header's and the MCP argument's), whose key it is, and the digest that tells
 * "the same request again" from "another request under the same key".
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Printable ASCII without spaces, at most 200 characters: what fits the column and any header. */
export const IdempotencyKeyText = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export interface IdempotentRequest {
  readonly key: string;
  /** callerScope(): keys of different callers never meet. */
  readonly scope: string;
  /** The request as the caller sent it (a body, a tool's arguments): its digest is kept with the key. */
  readonly request: unknown;
  /** How the door names the key, for the conflict's field (`idempotency-key`, `idempotency_key`). */
  readonly field: string;
}

/**
 * Keys are per bearer token: two callers with different tokens may choose the same key without
 * meeting (the tokens are equals, but each agent picks its own keys). The token is never stored:
 * a domain-separated sha-256 of it, cut to 128 bits, is enough to tell callers apart. Without
 * tokens (loopback only) there is one caller: the machine's operator.
 */
export function callerScope(token: string | null): string {
  if (token === null) return 'local';
  return `token:${createHash('sha256').update('patchproof idempotency scope\0').update(token, 'utf8').digest('hex').slice(0, 32)}`;
}

export function requestDigest(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same body. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
