/**
 * The layers, lowest first: a file may import its own folder, its layer, or a lower one, never a
 * higher one. A folder is `src/<name>`, a top-level file of src/ or workers/, or all of parsers/
 * and migrations/. A new folder must be placed here (the test says so) before it can be merged.
 */
export const LAYERS: readonly (readonly string[])[] = [
  // Pure pieces: report parsers, text rules, the error families.
  ['parsers', 'src/text', 'src/errors', 'src/package-root.ts', 'src/runtime-names.ts', 'src/capacity'],
  // The configuration and the container engine (config.ts checks mirrors with engine/apt-mirror.ts).
  ['src/config.ts', 'src/engine'],
  // Models everything else shares: the project snapshot, progress events.
  ['src/project', 'src/progress'],
  ['src/changes', 'src/coverage'],
  // The hardened container, knowing no validation.
  ['src/sandbox'],
  ['src/images', 'src/warm'],
  // What runs in a sandbox: a project's toolchain, a snippet's runtime, a script job.
  ['src/toolchains', 'src/runtimes', 'src/jobs'],
  // One validation's story.
  ['src/pipeline'],
  // What records, schedules and repeats validations.
  [
    'src/storage', 'migrations', 'src/baseline', 'src/intake', 'src/doctor', 'src/git',
    'workers/think-worker.ts', 'workers/janitor.ts', 'workers/lease-keeper.ts', 'workers/retry-policy.ts',
    'workers/revalidation.ts', 'workers/schedules.ts', 'workers/image-pruner.ts', 'workers/image-disk-bound.ts',
  ],
  // The application layer the doors share.
  ['src/app', 'workers/in-process-workers.ts'],
  // The doors (and the bench, which drives the whole like a door).
  ['src/cli', 'src/http', 'src/mcp', 'src/dashboard', 'src/bench'],
];

export const DOORS: readonly string[] = ['src/cli', 'src/http', 'src/mcp', 'src/dashboard'];

/** The folder a repository-relative path belongs to, as LAYERS names them. */
export function folderOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'parsers' || parts[0] === 'migrations') return parts[0];
  if (parts.length === 2) return path; // a top-level file
  return `${parts[0]}/${parts[1]}`;
}

/** Its layer's index; null when the folder is placed nowhere. */
export function layerOf(folder: string): number | null {
  const index = LAYERS.findIndex((layer) => layer.includes(folder));
  return index === -1 ? null : index;
}
