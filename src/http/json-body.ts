/**
 * Request bodies the API reads: JSON only, and no deeper than MAX_JSON_DEPTH. fastify's own JSON
 * parser (proto-poisoning refused) does the parsing; the depth is checked first, on the text,
 * because JSON.parse takes any depth but JSON.stringify and zod then recurse and overflow the
 * stack (a 500 instead of naming the body). fastify's text/plain parser goes: a string is never
 * a body of ours, and a 415 naming application/json says so better than a schema's "received string".
 * The dashboard's scope adds its own form parser (dashboard/mount.ts).
 */
import type { FastifyInstance } from 'fastify';
import { HttpRefusal } from './http-refusal.js';

/** Nesting no request of ours needs (a proposal is 3 deep, an MCP call with a job's input well under this). */
export const MAX_JSON_DEPTH = 64;

export function installJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      done(new HttpRefusal('invalid_input', `the request body nests arrays and objects more than ${MAX_JSON_DEPTH} deep`, { field: 'body' }), undefined);
      return;
    }
    parse(request, text, done);
  });
}

/** The deepest nesting of arrays and objects in JSON text (brackets inside strings not counted); the text need not be valid. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return deepest;
}
