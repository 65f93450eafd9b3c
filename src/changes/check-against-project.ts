/**
 * Checks changes against the project they apply to. The upload is extracted by the engine, which
 * follows symlinks already in the workspace; a change routed through a symlink of the project
 * could therefore write outside the workspace. Such a change is the proposal's fault.
 */
import { ProposalFault } from '../errors/proposal-fault.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';
import type { Change } from './change.js';

export function checkAgainstProject(changes: readonly Change[], snapshot: ProjectSnapshot): void {
  for (const change of changes) {
    const parts = change.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const entry = snapshot.entries.get(prefix);
      if (entry?.type === 'symlink') {
        throw new ProposalFault('PATH_THROUGH_SYMLINK', `change to "${change.path}" passes through "${prefix}", a symlink in the project (to "${entry.linkTarget}")`, { path: change.path, symlink: prefix });
      }
      if (entry?.type === 'file') {
        throw new ProposalFault('PATH_IS_DIRECTORY', `change to "${change.path}" needs "${prefix}" to be a folder, but it is a file in the project`, { path: change.path });
      }
    }
    const target = snapshot.entries.get(change.path);
    if (target?.type === 'dir') {
      throw new ProposalFault('PATH_IS_DIRECTORY', `change to "${change.path}": it is a folder in the project (changes name files)`, { path: change.path });
    }
    if (change.kind === 'delete' && target === undefined) {
      throw new ProposalFault('DELETE_MISSING', `cannot delete "${change.path}": the project has no such file`, { path: change.path });
    }
  }
}
