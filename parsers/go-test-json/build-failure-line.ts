/**
 * `FAIL\t<pkg> [build failed]` and `FAIL\t<pkg> [setup failed]`: how go test says a package's
 * test binary could not be built. Go 1.23 writes the build variant as a package output event
 * and the setup variant (a missing module, an import cycle) as a raw, non-JSON line on stdout,
 * with no fail event for the package at all (test/fixtures/reports/go/setup-failed).
 */
const LINE = /^FAIL\s+(\S+)\s+\[(build|setup) failed\]\s*$/;

export interface BuildFailureLine {
  readonly packagePath: string;
  readonly stage: 'build' | 'setup';
}

export function buildFailureLine(line: string): BuildFailureLine | null {
  const match = LINE.exec(line.trim());
  if (match === null) return null;
  return { packagePath: match[1] ?? '', stage: match[2] === 'setup' ? 'setup' : 'build' };
}

/** "m/builderror [m/builderror.test]" → "m/builderror": build events name the test variant. */
export function packageOfImportPath(importPath: string): string {
  return importPath.split(' ')[0] ?? importPath;
}
