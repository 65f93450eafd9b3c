/**
 * The report folder of a run: where the tests write their reports, how it is cleared before them
 * (the build ran the proposal's code too), and how it is read once every process of the proposal
 * is gone: measured inside the sandbox first and downloaded only within the limits.
 */
import type { Sandbox } from '../sandbox/sandbox.js';
import { REPORT_DIR, WORKSPACE } from '../sandbox/layout.js';
import type { ReportFolderReading } from './grade.js';

/** Entries (files, folders, links) and bytes of regular files the report folder may hold. */
export const REPORT_LIMITS = { maxEntries: 1_000, maxBytes: 64 * 1024 * 1024 };
export const REPORT_PATH = `${WORKSPACE}/${REPORT_DIR}`;
// Made writable first: the build may have taken its own write permission away to keep a file.
export const CLEAR_REPORTS = `chmod -R u+rwX -- ${WORKSPACE}/${REPORT_DIR.split('/')[0]} 2>/dev/null; rm -rf -- ${WORKSPACE}/${REPORT_DIR}`;

/**
 * The report folder, measured inside the sandbox first and downloaded only when within the
 * limits; too big (by the measure, or by the download's own bounds should it have grown since),
 * it is not read and the grade says so.
 */
export async function readReports(sandbox: Sandbox, timeoutMs: number): Promise<{ files: ReadonlyMap<string, Buffer>; folder: ReportFolderReading | null }> {
  const path = REPORT_PATH;
  const none = new Map<string, Buffer>();
  // Measured by the reaper right after the tests when it could; else on its own.
  const size = sandbox.measuredAfter(path) ?? (await sandbox.measure(path, timeoutMs));
  if (size !== null && !size.exists) return { files: none, folder: null };
  if (size !== null && (size.entries > REPORT_LIMITS.maxEntries || size.bytes > REPORT_LIMITS.maxBytes)) {
    return { files: none, folder: { ...REPORT_LIMITS, entries: size.entries, bytes: size.bytes, complete: true } };
  }
  const read = await sandbox.download(path, REPORT_LIMITS);
  if (read.kind === 'read') return { files: read.files, folder: null };
  return { files: none, folder: { ...REPORT_LIMITS, entries: read.entries, bytes: read.bytes, complete: false } };
}
