/**
 * Surefire identities (`com.example.CalcTest#adds`, collect-maven-reports.ts) back into Surefire's
 * own selection, `-Dtest=com.example.CalcTest#adds+subtracts,com.example.WordsTest#caps`, and
 * no failure when a name selects nothing. Names Surefire would read as patterns (`*`, `,`, a
 * parameterised test's `[1]`) are left out: such a test is not run again.
 */
import { baseIdentities } from '../rerun-ids.js';

const PLAIN_CLASS = /^[\w.$]+$/;
const PLAIN_METHOD = /^[\w$]+$/;

export function mavenRerunArgs(ids: readonly string[]): string[] | null {
  const byClass = new Map<string, string[]>();
  for (const id of baseIdentities(ids)) {
    const hash = id.lastIndexOf('#');
    if (hash <= 0) continue;
    const cls = id.slice(0, hash);
    const method = id.slice(hash + 1);
    if (!PLAIN_CLASS.test(cls) || !PLAIN_METHOD.test(method)) continue;
    byClass.set(cls, [...(byClass.get(cls) ?? []), method]);
  }
  if (byClass.size === 0) return null;
  const selection = [...byClass].map(([cls, methods]) => `${cls}#${methods.join('+')}`).join(',');
  return [`-Dtest=${selection}`, '-DfailIfNoTests=false', '-Dsurefire.failIfNoSpecifiedTests=false'];
}
