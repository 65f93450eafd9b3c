/**
 * Recognises a Go module: a go.mod at the project root, which `go test ./...` run there needs
 * (a go.mod deeper down is a module of its own that `./...` does not enter).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectSnapshot } from '../../project/project-snapshot.js';
import type { Detection } from '../toolchain.js';

export const GO_MOD = 'go.mod';

/** The module path from go.mod's `module` directive (quoted or not, comments aside), or null. */
export function modulePath(goMod: string): string | null {
  for (const raw of goMod.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const match = /^module\s+(?:"([^"]+)"|(\S+))$/.exec(line);
    if (match !== null) return match[1] ?? match[2] ?? null;
  }
  return null;
}

export function detectGo(snapshot: ProjectSnapshot): Detection | null {
  if (snapshot.entries.get(GO_MOD)?.type !== 'file') return null;
  let module: string | null = null;
  try {
    module = modulePath(readFileSync(join(snapshot.root, GO_MOD), 'utf8'));
  } catch {
    // Unreadable now: still a Go module; the build will say what is wrong with it.
  }
  return { evidence: [module === null ? GO_MOD : `${GO_MOD} (module ${module})`] };
}
