/**
 * Who may use the MCP endpoint over HTTP (the rule `serve` applies to its whole API): with bearer
 * tokens configured, a request must carry one of them (compared in constant time, each token
 * compared every time so the timing tells nothing); without tokens, only loopback peers whose
 * Host header names loopback too (a web page's DNS-rebound name must not reach a tokenless server).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** ok: the token the request carried (null: no tokens configured, a loopback caller). */
export type AuthDecision = { readonly ok: true; readonly token: string | null } | { readonly ok: false; readonly status: 401 | 403; readonly message: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function authorize(req: IncomingMessage, tokens: readonly string[]): AuthDecision {
  if (tokens.length > 0) {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([^\s]+)$/i.exec(header);
    if (match?.[1] === undefined) return { ok: false, status: 401, message: 'send Authorization: Bearer <token> (one of PATCHPROOF_API_TOKENS)' };
    return knownToken(match[1], tokens) ? { ok: true, token: match[1] } : { ok: false, status: 401, message: 'the bearer token is not one of PATCHPROOF_API_TOKENS' };
  }
  if (!isLoopbackAddress(req.socket.remoteAddress)) return { ok: false, status: 403, message: 'without PATCHPROOF_API_TOKENS only loopback clients are served' };
  if (!isLoopbackHost(req.headers.host)) return { ok: false, status: 403, message: 'without PATCHPROOF_API_TOKENS the Host header must name loopback (localhost, 127.0.0.1, [::1])' };
  return { ok: true, token: null };
}

function knownToken(given: string, tokens: readonly string[]): boolean {
  // Digests have one length, so timingSafeEqual never throws and the length is not revealed.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const mine = digest(given);
  let found = false;
  for (const token of tokens) found = timingSafeEqual(mine, digest(token)) || found;
  return found;
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  return LOOPBACK_HOSTS.has(name.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
