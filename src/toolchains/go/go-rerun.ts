/**
 * go identities (`example.com/calc/TestTable/bad_case`, collect-go-reports.ts) back into what go
 * test takes: the packages, and one -run pattern naming their top-level tests exactly. A subtest
 * is run again with its whole top-level test (go runs a subtest only inside its parent anyway),
 * and one pattern serves every package: a same-named test of another listed package runs too, and
 * is simply not asked about.
 */
import { baseIdentities, exactAlternation } from '../rerun-ids.js';

// go test's own rule for a test function's name: Test, Fuzz or Example, then no lower-case letter.
const TOP_LEVEL = /^(Test|Fuzz|Example)([^a-z]|$)/;

/** [pattern, ...packages]; null when no identity names a package and a test. */
export function goRerunArgs(ids: readonly string[]): string[] | null {
  const packages = new Set<string>();
  const tests = new Set<string>();
  for (const id of baseIdentities(ids)) {
    const parts = id.split('/');
    const at = parts.findIndex((part, index) => index > 0 && TOP_LEVEL.test(part));
    if (at === -1) continue;
    const pkg = parts.slice(0, at).join('/');
    if (pkg.startsWith('-')) continue;
    packages.add(pkg);
    tests.add(parts[at] ?? '');
  }
  if (packages.size === 0) return null;
  return [exactAlternation([...tests]), ...packages];
}
