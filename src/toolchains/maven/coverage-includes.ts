/**
 * Which classes the JaCoCo agent instruments: the project's own main packages. The agent sits on
 * Maven's JVM (tests run in-process, forkCount=0), so without a filter it instruments Maven and
 * every plugin too: harmless for the report, which only analyses target/classes, but measurably
 * slower (docs/toolchains.md §4.4: 4.5 s → 3.1 s). Packages come from the paths of main sources,
 * before and after the proposal, in every module.
 */

const MAIN_SOURCE = /(?:^|\/)src\/main\/java\/(.+)\.java$/;
// What can go into the agent's option string unquoted and mean one package.
const PACKAGE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * The agent's `includes` value ("com.example.*:org.acme.*"), or null to instrument everything:
 * when there are no main sources, when a class sits in the default package (no pattern covers
 * only it), or when a package name is not plain ASCII.
 */
export function coverageIncludes(paths: Iterable<string>): string | null {
  const packages = new Set<string>();
  for (const path of paths) {
    const relative = MAIN_SOURCE.exec(path)?.[1];
    if (relative === undefined) continue;
    const slash = relative.lastIndexOf('/');
    if (slash === -1) return null;
    const name = relative.slice(0, slash).split('/').join('.');
    if (!PACKAGE.test(name)) return null;
    packages.add(name);
  }
  if (packages.size === 0) return null;
  // "com.example.*" already matches "com.example.util.Strings": keep only the outermost.
  const sorted = [...packages].sort();
  const outermost = sorted.filter((name) => !sorted.some((other) => other !== name && name.startsWith(`${other}.`)));
  return outermost.map((name) => `${name}.*`).join(':');
}
