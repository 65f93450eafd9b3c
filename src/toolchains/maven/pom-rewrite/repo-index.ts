/**
 * What a Maven repository holds, read from the paths of its POM files
 * (`group/path/artifact/version/artifact-version.pom`, as `find -printf '%P\n'` lists them under
 * /usr/share/maven-repo), and how a wanted version is matched to a held one.
 */

export interface RepoIndex {
  /** The versions held for groupId:artifactId; empty when none. */
  versions(groupId: string, artifactId: string): readonly string[];
}

export function parseRepoIndex(listing: string): RepoIndex {
  const held = new Map<string, string[]>();
  for (const raw of listing.split('\n')) {
    const parts = raw.trim().split('/');
    if (parts.length < 4 || !parts[parts.length - 1]?.endsWith('.pom')) continue;
    const version = parts[parts.length - 2] ?? '';
    const artifactId = parts[parts.length - 3] ?? '';
    if (parts[parts.length - 1] !== `${artifactId}-${version}.pom`) continue;
    const key = `${parts.slice(0, -3).join('.')}:${artifactId}`;
    const list = held.get(key) ?? [];
    list.push(version);
    held.set(key, list);
  }
  return { versions: (g, a) => held.get(`${g}:${a}`) ?? [] };
}

/** Maven-like order: numeric parts as numbers, a qualifier (-M7, -SNAPSHOT) before its release. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return y !== undefined && /^\d+$/.test(y) ? -1 : 1;
    if (y === undefined) return /^\d+$/.test(x) ? 1 : -1;
    const nx = /^\d+$/.test(x) ? Number(x) : null;
    const ny = /^\d+$/.test(y) ? Number(y) : null;
    if (nx !== null && ny !== null) {
      if (nx !== ny) return nx - ny;
    } else if (nx !== null) return 1;
    else if (ny !== null) return -1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Real releases only: no Debian aliases (debian, 3.x), no snapshots. */
function releases(versions: readonly string[]): string[] {
  return versions.filter((v) => /^\d/.test(v) && !/\.x$/.test(v) && !v.endsWith('-SNAPSHOT'));
}

/**
 * The held version to use for a wanted one: itself when held; for a dependency Debian's `debian`
 * alias (what mh_patchpoms writes), else the highest release; for a plugin the highest release.
 * Null when nothing usable is held.
 */
export function pickVersion(held: readonly string[], wanted: string | null, kind: 'dependency' | 'plugin'): string | null {
  if (wanted !== null && held.includes(wanted)) return wanted;
  if (kind === 'dependency' && held.includes('debian')) return 'debian';
  const sorted = releases(held).sort(compareVersions);
  return sorted.at(-1) ?? (held.includes('debian') ? 'debian' : null);
}
