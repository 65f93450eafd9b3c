/**
 * The first step of every JSON report parser: the text, checked to be non-empty JSON of the
 * expected shape (zod), or a ReportParseError saying which of those it is not and where.
 */
import type { z } from 'zod';
import { type ParseResult, ReportParseError } from '../report.js';

/** `what` names the format for people: "a jest --json report". */
export function readJsonReport<T>(text: string, file: string, schema: z.ZodType<T>, what: string): ParseResult<T> {
  if (text.trim() === '') return failed(file, 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return failed(file, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    return failed(file, `not ${what}${where}: ${issue?.message ?? 'unexpected structure'}`);
  }
  return { ok: true, value: parsed.data };
}

function failed(file: string, reason: string): { ok: false; error: ReportParseError } {
  return { ok: false, error: new ReportParseError(file, reason) };
}
