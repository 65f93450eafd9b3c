/**
 * What an image build installed of a project's declared dependencies, and from where, as the
 * template's resolver wrote it (templates/<python|ruby|go>/deps/): each requirement with the
 * package that met it and its source (debian, image: already there, pip/gem/GOPROXY with the
 * URL, vendor), and each one that could not be found with the packages tried. Read from the image
 * by every validation; a requirement not found makes the validation build_failed, naming it.
 */
import { z } from 'zod';

export const DEPENDENCY_RECORD_PATH = '/opt/patchproof/deps/record.json';

const installedSchema = z.object({
  requirement: z.string().max(500),
  file: z.string().max(500).optional(),
  package: z.string().max(500),
  version: z.string().max(200).nullable(),
  source: z.string().max(500),
});

const missingSchema = z.object({
  requirement: z.string().max(500),
  file: z.string().max(500).optional(),
  tried: z.array(z.string().max(500)).max(20),
});

/** A lock file its own tool refused as it is (frozen) but installed from once free to update it (templates/jest). */
const staleLockSchema = z.object({
  lock: z.string().max(200),
  manager: z.string().max(200),
});

export const dependencyRecordSchema = z.object({
  toolchain: z.string().max(50),
  installed: z.array(installedSchema).max(2_000),
  missing: z.array(missingSchema).max(2_000),
  staleLock: staleLockSchema.nullable().optional(),
  /** Installed from the manifests a proposal wrote (its own image), not the project's. */
  fromChanges: z.boolean().optional(),
});

export type DependencyRecord = z.infer<typeof dependencyRecordSchema>;

/** The record from the image's file; null when the image has none (a template without a resolver) or it is not a record. */
export function parseDependencyRecord(text: string): DependencyRecord | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = dependencyRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The record marked as installed from the proposal's manifests when it was (projects show skips those). */
export function withOrigin(record: DependencyRecord | null, fromChanges: boolean): DependencyRecord | null {
  return record === null || !fromChanges ? record : { ...record, fromChanges: true };
}

const KEPT = 200;

/** At most 200 of each list: what a record keeps (the reason names the first missing ones anyway). */
export function capDependencyRecord(record: DependencyRecord): DependencyRecord {
  return { ...record, installed: record.installed.slice(0, KEPT), missing: record.missing.slice(0, KEPT) };
}

/**
 * "build failed: declared dependency not found: foo>=1 (requirements.txt; tried python3-foo)", for
 * up to three; else the lock file out of date, when the record says so; else null.
 */
export function missingDependenciesReason(record: DependencyRecord): string | null {
  if (record.missing.length === 0) return staleLockReason(record);
  const named = record.missing.slice(0, 3).map((m) => `${m.requirement} (${m.file === undefined ? '' : `${m.file}; `}tried ${m.tried.join(', ') || 'nothing'})`);
  const more = record.missing.length > 3 ? ` and ${record.missing.length - 3} more` : '';
  const noun = record.missing.length === 1 ? 'dependency' : 'dependencies';
  return `build failed: declared ${noun} not found: ${named.join('; ')}${more}`;
}

/** "build failed: yarn.lock does not match package.json: ..." when the lock is out of date. */
function staleLockReason(record: DependencyRecord): string | null {
  const stale = record.staleLock ?? null;
  if (stale === null) return null;
  return `build failed: ${stale.lock} does not match package.json: ${stale.manager} refuses to install from it as it is, and installs once free to update it (a change to package.json must update ${stale.lock} too)`;
}

/** One line for people: "3 installed (2 debian, 1 image)". */
export function dependencySummary(record: DependencyRecord): string {
  const bySource = new Map<string, number>();
  for (const i of record.installed) {
    const kind = i.source.split(' ')[0] ?? i.source;
    bySource.set(kind, (bySource.get(kind) ?? 0) + 1);
  }
  const sources = [...bySource].map(([kind, n]) => `${n} ${kind}`).join(', ');
  const installed = `${record.installed.length} installed${sources === '' ? '' : ` (${sources})`}`;
  const stale = record.staleLock == null ? '' : `, ${record.staleLock.lock} out of date`;
  return record.missing.length === 0 ? `${installed}${stale}` : `${installed}, ${record.missing.length} not found`;
}
