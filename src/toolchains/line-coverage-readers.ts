/**
 * Each toolchain's per-line coverage (for changed-line coverage), read from the report folder
 * beside its coverage summary: null when the report is missing or unreadable, which the summary's
 * own coverageProblem already explains. Files are keyed by project path, except JaCoCo's, keyed
 * by package path (see mavenCoverageKey).
 */
import { parseCoberturaLines } from '../../parsers/cobertura/cobertura-lines.js';
import type { LineCoverage } from '../../parsers/coverage/line-coverage.js';
import { packageDirs, parseCoverprofileLines } from '../../parsers/go-coverprofile/coverprofile-lines.js';
import { parseIstanbulFinal } from '../../parsers/istanbul-final/parse-istanbul-final.js';
import { parseJacocoLines } from '../../parsers/jacoco/jacoco-lines.js';
import type { ParseResult } from '../../parsers/report.js';
import { parseResultSetLines } from '../../parsers/simplecov/resultset-lines.js';
import { GO_REPORTS } from './go/go-report-files.js';
import { MAVEN_REPORTS } from './maven/maven-report-files.js';
import { RUBY_REPORTS } from './ruby/ruby-report-files.js';
import { WORKSPACE } from './toolchain.js';

type Files = ReadonlyMap<string, Buffer>;

const valueOf = (result: ParseResult<LineCoverage> | null): LineCoverage | null => (result?.ok === true ? result.value : null);

export async function coberturaLineCoverage(files: Files, name: string): Promise<LineCoverage | null> {
  const file = files.get(name);
  return file === undefined ? null : valueOf(await parseCoberturaLines(file.toString('utf8'), name, WORKSPACE));
}

export function istanbulLineCoverage(files: Files, name: string): LineCoverage | null {
  const file = files.get(name);
  return file === undefined ? null : valueOf(parseIstanbulFinal(file.toString('utf8'), name, WORKSPACE));
}

export async function jacocoLineCoverage(files: Files): Promise<LineCoverage | null> {
  const file = files.get(MAVEN_REPORTS.jacoco);
  return file === undefined ? null : valueOf(await parseJacocoLines(file.toString('utf8'), MAVEN_REPORTS.jacoco));
}

/** The image's jacoco-report reads sources from every **\/src/main/java: JaCoCo's package path is the rest. */
export function mavenCoverageKey(projectPath: string): string | null {
  const match = /(?:^|\/)src\/main\/java\/(.+)$/.exec(projectPath);
  return match?.[1] ?? null;
}

export function goLineCoverage(files: Files): LineCoverage | null {
  const profile = files.get(GO_REPORTS.coverprofile);
  if (profile === undefined) return null;
  const dirs = packageDirs(files.get(GO_REPORTS.packages)?.toString('utf8') ?? '', WORKSPACE);
  return valueOf(parseCoverprofileLines(profile.toString('utf8'), GO_REPORTS.coverprofile, dirs));
}

export function simpleCovLineCoverage(files: Files): LineCoverage | null {
  const resultset = files.get(RUBY_REPORTS.resultset);
  return resultset === undefined ? null : valueOf(parseResultSetLines(resultset.toString('utf8'), RUBY_REPORTS.resultset, WORKSPACE));
}
