/**
 * Applying a proposal's changes to a sandbox's workspace, and the image's record of declared
 * dependencies that comes back with the same exec (read once per image by this process).
 */
import type { Change } from '../changes/change.js';
import { InfraError } from '../errors/infra-error.js';
import type { EnsuredImage } from '../images/ensure-image.js';
import { DEPENDENCY_RECORD_PATH, type DependencyRecord, parseDependencyRecord } from '../images/dependency-record.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';
import { changeArchive } from '../sandbox/change-archive.js';
import { extractionScript } from '../sandbox/change-extraction.js';
import { WORKSPACE } from '../sandbox/layout.js';
import { COPY_PROJECT } from '../sandbox/project-copy.js';
import { FILE_LIMIT, type FileRead } from '../sandbox/reaper.js';
import type { Sandbox } from '../sandbox/sandbox.js';

export interface ApplyOptions {
  readonly timeoutMs: number;
  /** A warm sandbox: the project copy is already in its workspace. */
  readonly copied: boolean;
  readonly project: ProjectSnapshot;
}

/** The changes applied; the image's dependency record (null: it has none). */
export async function applyChanges(sandbox: Sandbox, image: EnsuredImage, changes: readonly Change[], options: ApplyOptions): Promise<DependencyRecord | null> {
  const known = knownRecord(image);
  const applied = await applyAndRead(sandbox, changes, { ...options, readRecord: known === undefined });
  return (known ?? rememberRecord(image, await recordOf(applied, () => readDependencyRecord(sandbox, options.timeoutMs)))).record;
}

/**
 * The workspace starts as the project copy baked into the image (already there in a warm
 * sandbox); then the proposal's changes. One exec does it all, with the counters the build starts
 * from: the copy, the deletions (a path is either written or deleted, so deleting first ends the
 * same), the written files' archive on its stdin, extracted as the sandbox user, and the image's
 * dependency record when asked. A warm sandbox with nothing to delete and no record to read needs
 * no exec: its files go in through the engine's archive upload, as does an archive whose
 * extraction script would be too long to fold.
 */
async function applyAndRead(sandbox: Sandbox, changes: readonly Change[], options: ApplyOptions & { readRecord: boolean }): Promise<FileRead | undefined> {
  const writes = changes.filter((c) => c.kind === 'write');
  const written = new Set(writes.map((c) => c.path));
  const deletions = changes.filter((c) => c.kind === 'delete' && !written.has(c.path)).map((c) => c.path);
  const steps = [...(options.copied ? [] : [COPY_PROJECT]), ...(deletions.length === 0 ? [] : [`rm -f -- ${deletions.map((path) => shellQuote(`${WORKSPACE}/${path}`)).join(' ')}`])];
  const archive = writes.length === 0 ? null : await changeArchive(writes);
  if (steps.length === 0 && !options.readRecord) {
    if (archive !== null) await sandbox.upload(archive);
    return undefined;
  }
  const extraction = archive === null ? null : extractionScript(writes, options.project);
  const what = options.copied ? 'deleting files' : 'copying the project into the workspace';
  const { file } = await sandbox.prepareWorkspace({
    script: steps.length === 0 ? undefined : { text: steps.join(' && '), what },
    changes: archive === null || extraction === null ? undefined : { archive, script: extraction },
    readFile: options.readRecord ? DEPENDENCY_RECORD_PATH : undefined,
    timeoutMs: options.timeoutMs,
  });
  if (archive !== null && extraction === null) await sandbox.upload(archive);
  return file;
}

/**
 * The record is a file of the image, the same in every sandbox of it: read once per image tag
 * (tags are content hashes) by this process, again after this process built the tag.
 */
const records = new Map<string, { readonly record: DependencyRecord | null }>();
const RECORDS_KEPT = 64;

function knownRecord(image: EnsuredImage): { readonly record: DependencyRecord | null } | undefined {
  if (image.built) records.delete(image.tag);
  return records.get(image.tag);
}

function rememberRecord(image: EnsuredImage, record: DependencyRecord | null): { readonly record: DependencyRecord | null } {
  if (records.size >= RECORDS_KEPT) records.delete(records.keys().next().value ?? '');
  const kept = { record };
  records.set(image.tag, kept);
  return kept;
}

/** The record as the apply's exec read it; read on its own when that exec could not bring it whole. */
async function recordOf(file: FileRead | undefined, readAlone: () => Promise<DependencyRecord | null>): Promise<DependencyRecord | null> {
  if (file === undefined || (file.found && file.bytes.length > FILE_LIMIT)) return readAlone();
  if (!file.found) return null;
  const text = file.bytes.toString('utf8');
  return text.trim() === '' ? null : parseDependencyRecord(text);
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The image's record of declared dependencies; null when it has none (exit 1: no such file). */
async function readDependencyRecord(sandbox: Sandbox, timeoutMs: number): Promise<DependencyRecord | null> {
  const read = await sandbox.run(['sh', '-c', `[ ! -f ${DEPENDENCY_RECORD_PATH} ] || cat ${DEPENDENCY_RECORD_PATH}`], timeoutMs);
  if (read.exitCode !== 0) throw new InfraError('EXEC_FAILED', `reading the image's dependency record failed (exit code ${read.exitCode ?? 'none'})`, { path: DEPENDENCY_RECORD_PATH });
  return read.stdout.trim() === '' ? null : parseDependencyRecord(read.stdout);
}
