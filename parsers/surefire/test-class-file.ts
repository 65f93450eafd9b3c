/**
 * Where a Surefire test class lives, relative to the project root. Surefire's XML names only the
 * class ("com.example.CalcTest", "com.example.OuterTest$Inner"), so the file is derived from
 * Maven's standard layout, <module>/src/test/java/<package path>/<Outer>.java, and accepted only
 * when that file is among the project's test sources: a guess that is not there is no answer.
 */

const REPORTS_FOLDER = 'target/surefire-reports/';

/** The module folder a report was written under: "" for the root, "core/" for a module. */
export function moduleOf(reportPath: string): string {
  const at = reportPath.lastIndexOf(REPORTS_FOLDER);
  if (at === -1) return '';
  const before = reportPath.slice(0, at);
  return before === '' || before.endsWith('/') ? before : `${before}/`;
}

/** "com.example.OuterTest$Inner" → "com/example/OuterTest.java" (nested classes share the file). */
function sourcePath(classname: string): string | null {
  const outer = classname.split('$')[0] ?? '';
  if (!/^[\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)*$/u.test(outer)) return null;
  return `${outer.split('.').join('/')}.java`;
}

/**
 * The test's source file, or null when it is not where Maven's layout puts it (a custom
 * testSourceDirectory, a Kotlin or Groovy test, a class name that is no class).
 */
export function testClassFile(reportPath: string, classname: string, testSources: ReadonlySet<string>): string | null {
  const relative = sourcePath(classname);
  if (relative === null) return null;
  const expected = `${moduleOf(reportPath)}src/test/java/${relative}`;
  return testSources.has(expected) ? expected : null;
}
