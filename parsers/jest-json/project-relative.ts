/**
 * jest reports absolute test file paths (/workspace/test/calc.test.js); records carry paths
 * relative to the project root, as every other toolchain's do.
 */
export function projectRelative(path: string, projectRoot: string): string {
  const root = projectRoot.endsWith('/') ? projectRoot : `${projectRoot}/`;
  return path.startsWith(root) ? path.slice(root.length) : path;
}
