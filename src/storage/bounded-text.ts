/**
 * The storage edge's own caps: whatever reaches a row is bounded here even if a parser or a
 * door forgot (issue 12: one report's 10 MB test name was stored three times). The report itself
 * is capped again with parsers/caps/cap-report.ts, which is idempotent.
 */
import { TEXT_CAPS, capText, formatCount } from '../../parsers/caps/text-caps.js';

/** The log keeps its head and tail: the start says what ran, the end how it ended. */
export const LOG_KEEP_CHARS = 256 * 1024;

/** A reason, or a last error, bounded; the cut is marked in the text itself, where it is read. */
export function boundedReason(reason: string): string {
  const capped = capText(reason, TEXT_CAPS.reason);
  return capped.cutFrom === null ? reason : `${capped.text} [… cut at ${formatCount(TEXT_CAPS.reason)} of ${formatCount(capped.cutFrom)} characters]`;
}

export function boundedNullableReason(reason: string | null): string | null {
  return reason === null ? null : boundedReason(reason);
}

export interface BoundedLog {
  readonly log: string;
  /** "log cut to its first and last 128 KiB of 40,000,000 characters", or null. */
  readonly note: string | null;
}

export function boundedLog(log: string): BoundedLog {
  if (log.length <= LOG_KEEP_CHARS) return { log, note: null };
  const half = LOG_KEEP_CHARS / 2;
  return {
    log: `${log.slice(0, half)}\n[... log shortened ...]\n${log.slice(-half)}`,
    note: `log cut to its first and last ${half / 1024} KiB of ${formatCount(log.length)} characters`,
  };
}
