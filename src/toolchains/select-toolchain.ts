/**
 * Picks the toolchain for a project: the one named by the user, else the first in registry order
 * whose signals are present. The choice carries its reason, shown with the result.
 */
import { InputError } from '../errors/input-error.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';
import { TOOLCHAINS } from './registry.js';
import type { Toolchain } from './toolchain.js';

export interface Selection {
  readonly toolchain: Toolchain;
  readonly reason: string;
}

export function selectToolchain(snapshot: ProjectSnapshot, requested: string | null = null, toolchains: readonly Toolchain[] = TOOLCHAINS): Selection {
  if (requested !== null) {
    const named = toolchains.find((t) => t.name === requested);
    if (named === undefined) {
      throw new InputError(`unknown framework "${requested}"; known: ${toolchains.map((t) => t.name).join(', ')}`, { requested }, { code: 'invalid_input', field: 'framework' });
    }
    return { toolchain: named, reason: 'named with --framework' };
  }
  const matches = toolchains.flatMap((toolchain) => {
    const found = toolchain.detect(snapshot);
    return found === null ? [] : [{ toolchain, evidence: found.evidence }];
  });
  const [first, ...others] = matches;
  if (first !== undefined) {
    // Several matching is common (a Go service with a JS front-end): the order decides, and says so.
    const also = others.length === 0 ? '' : ` (also matched, lower in detection order: ${others.map((m) => `${m.toolchain.name}: ${m.evidence.join(', ')}`).join('; ')}; use --framework to choose)`;
    return { toolchain: first.toolchain, reason: `${first.evidence.join('; ')}${also}` };
  }
  const top = [...snapshot.entries.values()].filter((e) => !e.path.includes('/')).map((e) => (e.type === 'dir' ? `${e.path}/` : e.path));
  throw new InputError(
    `no test framework recognised (looked for ${toolchains.map((t) => t.name).join(', ')}); the project root holds: ${top.slice(0, 20).join(', ') || 'nothing'}`,
    { root: snapshot.root },
    { code: 'project_unusable' },
  );
}
