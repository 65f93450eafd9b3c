/**
 * What a project snapshot leaves out: caches, virtualenvs, dependency folders and other VCS
 * folders are not the project. The image never gets them, so no change may name them either:
 * a diff read against one would read a host file the sandbox never sees (issue 12).
 */
export const LEFT_OUT_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', '__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.venv', 'venv', 'node_modules', '.patchproof']);
export const LEFT_OUT_FILES: ReadonlySet<string> = new Set(['.coverage', '.DS_Store']);
const LEFT_OUT_SUFFIX = '.pyc';

export function isLeftOut(name: string, type: 'file' | 'dir' | 'symlink'): boolean {
  if (type === 'dir') return LEFT_OUT_DIRS.has(name);
  return LEFT_OUT_FILES.has(name) || name.endsWith(LEFT_OUT_SUFFIX);
}

/** Why a project path is outside what the snapshot holds ("inside node_modules/, ..."), or null. */
export function leftOutReason(path: string): string | null {
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    const folder = parts[i] ?? '';
    if (LEFT_OUT_DIRS.has(folder)) return `inside ${folder}/, which patchproof leaves out of the project`;
  }
  const name = parts.at(-1) ?? '';
  if (LEFT_OUT_DIRS.has(name)) return `a ${name}/ folder, which patchproof leaves out of the project`;
  if (isLeftOut(name, 'file')) return `a ${name.endsWith(LEFT_OUT_SUFFIX) ? `*${LEFT_OUT_SUFFIX}` : name} file, which patchproof leaves out of the project`;
  return null;
}
