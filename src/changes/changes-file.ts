/**
 * Reads a changes file (the JSON array agents hand us) into checked Changes, or refuses it whole
 * with an InputError naming the entry and what was wrong. Nothing is written before this passes.
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../errors/input-error.js';
import type { Change } from './change.js';
import { projectPathProblem } from './project-path.js';

export interface ChangeLimits {
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Node decodes sloppy base64 by dropping what does not fit; a lost character must be an error. */
function isCanonicalBase64(text: string): boolean {
  const again = Buffer.from(text, 'base64').toString('base64');
  return again === text || again.replace(/=+$/, '') === text;
}

const entrySchema = z.union([
  z.strictObject({ filepath: z.string(), content: z.string() }),
  z.strictObject({ filepath: z.string(), contentBase64: z.string().regex(BASE64, 'is not base64').refine(isCanonicalBase64, 'is not whole base64') }),
  z.strictObject({ filepath: z.string(), delete: z.literal(true) }),
]);
const fileSchema = z.array(z.unknown());

/** Base64 and JSON escapes grow content by a third or more; past this the file is refused unread. */
export function changesFileSizeLimit(limits: ChangeLimits): number {
  return 2 * limits.maxTotalBytes + 1024 * 1024;
}

export async function readChangesFile(file: string, limits: ChangeLimits): Promise<Change[]> {
  let bytes: Buffer;
  try {
    const size = (await stat(file)).size;
    const cap = changesFileSizeLimit(limits);
    if (size > cap) throw new InputError(`changes file ${file} is ${size} bytes, more than the limit of ${cap}`, { file });
    bytes = await readFile(file);
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    throw new InputError(`cannot read changes file ${file}`, { file }, { cause });
  }
  let text: string;
  try {
    // Fatal: a lenient decoder would swap bad bytes for U+FFFD and store content nobody wrote.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new InputError(`changes file ${file} is not valid UTF-8 (binary content belongs in "contentBase64")`, { file }, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new InputError(`changes file ${file} is not valid JSON: ${detail}`, { file }, { cause });
  }
  return parseChanges(json, limits, file);
}

export function parseChanges(json: unknown, limits: ChangeLimits, source = 'changes'): Change[] {
  const list = fileSchema.safeParse(json);
  if (!list.success) {
    throw new InputError(`${source}: expected a JSON array of {"filepath", "content" | "contentBase64" | "delete": true}`);
  }
  if (list.data.length === 0) {
    throw new InputError(`${source}: holds no changes (leave --changes out to validate the project as it is)`);
  }
  if (list.data.length > limits.maxFiles) {
    throw new InputError(`${source}: ${list.data.length} changes, more than the limit of ${limits.maxFiles}`);
  }
  const changes: Change[] = [];
  const seen = new Set<string>();
  let total = 0;
  list.data.forEach((raw, index) => {
    const where = `${source}[${index}]`;
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      throw new InputError(
        `${where}: expected {"filepath": string} with exactly one of "content" (text), "contentBase64" (bytes) or "delete": true`,
        { index },
      );
    }
    const value = entry.data;
    const problem = projectPathProblem(value.filepath);
    if (problem !== null) throw new InputError(`${where}: filepath "${printable(value.filepath)}" ${problem}`, { index });
    if (seen.has(value.filepath)) throw new InputError(`${where}: filepath "${value.filepath}" appears more than once`, { index });
    seen.add(value.filepath);
    if ('delete' in value) {
      changes.push({ kind: 'delete', path: value.filepath });
      return;
    }
    const content = 'content' in value ? Buffer.from(value.content, 'utf8') : Buffer.from(value.contentBase64, 'base64');
    if (content.length > limits.maxFileBytes) {
      throw new InputError(`${where}: "${value.filepath}" is ${content.length} bytes, more than the limit of ${limits.maxFileBytes}`, { index });
    }
    total += content.length;
    if (total > limits.maxTotalBytes) throw new InputError(`${source}: changes add up to more than the limit of ${limits.maxTotalBytes} bytes`);
    changes.push({ kind: 'write', path: value.filepath, content });
  });
  // A file and a folder of the same name cannot both be written.
  for (const change of changes) {
    const parts = change.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (seen.has(prefix)) throw new InputError(`${source}: "${change.path}" needs "${prefix}" to be a folder, but it is also a changed file`);
    }
  }
  return changes;
}

/** Control characters escaped, and a very long path cut, so the message stays one readable line. */
function printable(path: string): string {
  const shown = JSON.stringify(path).slice(1, -1);
  return shown.length > 120 ? `${shown.slice(0, 120)}…` : shown;
}
