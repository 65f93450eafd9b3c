/**
 * What Maven's own output says about resolving a project against a remote repository at image
 * build (remote-repository.ts): the artifacts the repository does not have ("Could not find
 * artifact g:a:ext[:classifier]:v in ...", "Failure to find ... in ..." when cached), and those it
 * could not be asked for ("Could not transfer artifact ... from/to ...": the repository did not
 * answer, ours to retry, not the project's fault). Pure; coordinates as groupId:artifactId:version.
 */

export interface ResolutionLog {
  readonly notFound: readonly string[];
  readonly unreachable: readonly string[];
  /** Maven's first [ERROR] line, for a failure that names no artifact (a POM Maven refuses). */
  readonly firstError: string | null;
}

const ANSI = /\u001b\[[0-9;]*m/g;
const NOT_FOUND = /(?:Could not find artifact|Failure to find) (\S+) in /g;
const UNREACHABLE = /Could not transfer artifact (\S+) from\/to /g;

export function readResolutionLog(log: string): ResolutionLog {
  const text = log.replace(ANSI, '');
  const firstError = text.split('\n').find((line) => line.startsWith('[ERROR] ') && line.trim() !== '[ERROR]')?.trim() ?? null;
  return { notFound: coordinates(text, NOT_FOUND), unreachable: coordinates(text, UNREACHABLE), firstError };
}

/** "g:a:jar:v" or "g:a:jar:tests:v" → "g:a:v", deduplicated in order of appearance. */
function coordinates(text: string, pattern: RegExp): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(pattern)) {
    const parts = (match[1] ?? '').split(':');
    if (parts.length < 3) continue;
    found.add(`${parts[0]}:${parts[1]}:${parts.at(-1)}`);
  }
  return [...found];
}
