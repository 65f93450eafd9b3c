/**
 * The dependency manifests and lock files of a project, per toolchain (Toolchain.dependencyManifests):
 * what the templates' resolvers read, and all that keys the image's dependency layer.
 */
import type { ProjectSnapshot } from '../project/project-snapshot.js';

function matching(snapshot: ProjectSnapshot, test: (path: string) => boolean): string[] {
  return [...snapshot.entries.values()].filter((e) => e.type === 'file' && test(e.path)).map((e) => e.path).sort();
}

/** requirements*.txt (top level or requirements/), pyproject.toml, setup.cfg. */
export function pythonManifests(snapshot: ProjectSnapshot): string[] {
  return matching(snapshot, (p) => /^(requirements[^/]*\.txt|requirements\/[^/]+\.txt|pyproject\.toml|setup\.cfg)$/.test(p));
}

/** Gemfile, Gemfile.lock, *.gemspec at the top. */
export function rubyManifests(snapshot: ProjectSnapshot): string[] {
  return matching(snapshot, (p) => /^(Gemfile|Gemfile\.lock|[^/]+\.gemspec)$/.test(p));
}

/** go.mod, go.sum and vendor/modules.txt (a vendored module needs nothing installed). */
export function goManifests(snapshot: ProjectSnapshot): string[] {
  return matching(snapshot, (p) => p === 'go.mod' || p === 'go.sum' || p === 'vendor/modules.txt');
}

/**
 * package.json and the lock files at the top (npm's, yarn's 1 and 2+, pnpm's): what
 * templates/jest/install-project-deps.sh installs from. Workspaces' own package.json files are not
 * read (the top-level install is all the template does).
 */
export function javascriptManifests(snapshot: ProjectSnapshot): string[] {
  return matching(snapshot, (p) => /^(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml)$/.test(p));
}
