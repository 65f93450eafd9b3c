/**
 * The cursor of a proposal list page: the last row's (createdAt, id), opaque to callers
 * (base64url JSON), checked with zod when it comes back. A cursor that does not parse is bad
 * input naming the field, never a silent first page.
 */
import { z } from 'zod';
import { InputError } from '../errors/input-error.js';
import type { PagePosition } from '../storage/proposal-page.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const Position = z.tuple([z.number().int().min(0), z.string().min(1).max(100)]);

export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): PagePosition {
  let json: unknown = null;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // Not JSON: reported below with the same message as any other malformed cursor.
  }
  const parsed = Position.safeParse(json);
  if (!parsed.success || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InputError('cursor is not one this service gave (use nextCursor from the previous page)', {}, { field: 'cursor' });
  return { createdAt: parsed.data[0], id: parsed.data[1] };
}

/** The page size asked for: 1 to MAX_LIMIT, DEFAULT_LIMIT when not given. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new InputError(`limit must be a whole number from 1 to ${MAX_LIMIT}, got ${limit}`, { limit }, { field: 'limit' });
  return limit;
}
