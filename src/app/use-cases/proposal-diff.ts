/**
 * A proposal's change as diff lines, for reading: the unified diff as submitted when it came as
 * one, else each written file against the project's file as it is in the folder now (which may
 * have moved on since the proposal was judged: the page says so) and each deleted file whole.
 * Bounded: at most 20 files and 4,000 lines shown, the rest counted.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fromStored } from '../../changes/change.js';
import { InputError } from '../../errors/input-error.js';
import { ProposalEntity } from '../../storage/entities/proposal-entity.js';
import { ProjectEntity } from '../../storage/entities/project-entity.js';
import type { AppContext } from '../context.js';
import type { DiffView } from '../views/diff-view.js';
import { lineDiff } from '../line-diff-ops.js';

const MAX_FILES = 20;
const MAX_LINES = 4_000;
/** A file larger than this is not read to compare with (shown as if new). */
const MAX_COMPARED_BYTES = 1024 * 1024;

export async function proposalDiff(ctx: AppContext, id: string): Promise<DiffView> {
  const { db } = await ctx.storage();
  const p = await db.getRepository(ProposalEntity).findOne({ select: { id: true, changes: true, patch: true, projectId: true }, where: { id } });
  if (p === null) throw new InputError(`no proposal with id "${id}"`, { id }, { code: 'not_found', field: 'id' });
  if (p.patch !== null) {
    const lines = p.patch.split('\n');
    return { source: 'patch', files: [{ path: '(as submitted)', lines: lines.slice(0, MAX_LINES).map(classify) }], omittedFiles: 0, omittedLines: Math.max(0, lines.length - MAX_LINES) };
  }
  const project = await db.getRepository(ProjectEntity).findOneOrFail({ select: { id: true, rootPath: true }, where: { id: p.projectId } });
  const files: DiffView['files'] = [];
  let budget = MAX_LINES;
  let omittedLines = 0;
  const root = await realpath(project.rootPath).catch(() => null);
  for (const change of p.changes.slice(0, MAX_FILES).map(fromStored)) {
    const before = root === null ? null : await projectFile(root, change.path);
    const ops = change.kind === 'delete' ? (before ?? '').split('\n').map((text) => ({ kind: 'del' as const, text })) : lineDiff(before, change.content.toString('utf8'));
    const shown = ops.slice(0, Math.max(0, budget));
    omittedLines += ops.length - shown.length;
    budget -= shown.length;
    files.push({ path: change.path, lines: shown });
  }
  return { source: 'files', files, omittedFiles: Math.max(0, p.changes.length - MAX_FILES), omittedLines };
}

/**
 * The project's file as it is now, only when it is a regular file inside the project's folder
 * once links are resolved (a link in the project must not show a file from elsewhere) and small.
 */
async function projectFile(root: string, path: string): Promise<string | null> {
  const real = await realpath(join(root, path)).catch(() => null);
  if (real === null || !real.startsWith(root + sep)) return null;
  const info = await stat(real).catch(() => null);
  if (info === null || !info.isFile() || info.size > MAX_COMPARED_BYTES) return null;
  return readFile(real, 'utf8').catch(() => null);
}

function classify(text: string): DiffView['files'][number]['lines'][number] {
  if (text.startsWith('+++') || text.startsWith('---') || text.startsWith('diff ')) return { kind: 'meta', text };
  if (text.startsWith('@@')) return { kind: 'hunk', text };
  if (text.startsWith('+')) return { kind: 'add', text: text.slice(1) };
  if (text.startsWith('-')) return { kind: 'del', text: text.slice(1) };
  return { kind: 'ctx', text: text.startsWith(' ') ? text.slice(1) : text };
}
