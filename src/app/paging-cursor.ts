/**
 * The cursor of a list page: the last row's (createdAt, id) for proposals, its name for lists in
 * name order (projects), opaque to callers (base64url JSON), checked with zod when it comes back.
 * A cursor that does not parse is bad input naming the field, never a silent first page.
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

export function decodeCursor(cursor: string, field = 'cursor'): PagePosition {
  const [createdAt, id] = readCursor(cursor, Position, field);
  return { createdAt, id };
}

const NamePosition = z.tuple([z.string().min(1).max(200)]);

export function encodeNameCursor(name: string): string {
  return Buffer.from(JSON.stringify([name])).toString('base64url');
}

export function decodeNameCursor(cursor: string): string {
  return readCursor(cursor, NamePosition, 'cursor')[0];
}

function readCursor<T extends z.ZodType>(cursor: string, schema: T, field: string): z.infer<T> {
  let json: unknown = null;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // Not JSON: reported below with the same message as any other malformed cursor.
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InputError(`${field} is not one this service gave (use ${field === 'cursor' ? 'nextCursor from the previous page' : 'the cursor the previous answer gave'})`, {}, { field });
  return parsed.data;
}

/** The page size asked for: 1 to MAX_LIMIT, DEFAULT_LIMIT when not given. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new InputError(`limit must be a whole number from 1 to ${MAX_LIMIT}, got ${limit}`, { limit }, { field: 'limit' });
  return limit;
}
