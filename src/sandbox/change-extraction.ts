/**
 * The changes' archive (change-archive.ts) extracted by tar inside the sandbox, as the sandbox
 * user, from the stdin of the exec that copies the project in and reads the counters
 * (sandbox.ts prepareWorkspace): one exec instead of that exec and an engine archive upload (a
 * dockerd re-exec: about 50 ms here, and a round trip on a cold validation's critical path).
 *
 * As the sandbox user, not as root like the engine: the files belong to it, as the archive says,
 * with the archive's plain modes (umask 022 leaves 0644 and 0755). tar replaces a link already in
 * the workspace by what the archive holds, never writes through it (the engine follows one: docs/
 * sandbox.md P16). A folder of the project the sandbox user cannot write into (read-only, copied
 * with its mode) is made writable first, as root needs not; the archive's folder entries give it
 * 0755 in the end either way, as the engine does.
 */
import type { Change } from '../changes/change.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';
import { WORKSPACE } from './layout.js';

/** `-m`: the files get the extraction's time (the archive says now anyway), never a warning about a clock. */
const EXTRACT = `tar -x -m -f - -C ${WORKSPACE}`;

/**
 * Well under the kernel's bound on one argument (128 KiB, `sh -c` takes the whole script as one),
 * with room for the project copy and the deletions; a longer script goes the engine's way.
 */
export const MAX_EXTRACTION_SCRIPT = 32 * 1024;

/** The script reading the archive from stdin; null when it would be too long to fold (upload it instead). */
export function extractionScript(changes: readonly Change[], project: ProjectSnapshot): string | null {
  const folders = new Set<string>();
  for (const change of changes) {
    if (change.kind !== 'write') continue;
    const parts = change.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      // Only the project's own folders can be read-only; those tar makes are the archive's 0755.
      if (project.entries.get(folder)?.type === 'dir') folders.add(folder);
    }
  }
  // Builtins only unless a folder needs it: a writable folder costs no process.
  const writable = [...folders].map((folder) => `w ${quote(`${WORKSPACE}/${folder}`)} && `).join('');
  const script = folders.size === 0 ? EXTRACT : `w() { [ -h "$1" ] || [ ! -d "$1" ] || { [ -w "$1" ] && [ -x "$1" ]; } || chmod u+rwx -- "$1"; }\n${writable}${EXTRACT}`;
  return script.length > MAX_EXTRACTION_SCRIPT ? null : script;
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
