/**
 * Helpers for the toolchains' rerunCommand: identities become command-line arguments, each a
 * separate argv entry after `sh -c script sh` (the script uses "$@"), so no test name is ever
 * read by a shell; where a runner takes a pattern, names are regex-escaped.
 */

/** A unique identity's suffix (parsers/identity/unique-identities.ts): " (2)". */
const DUPLICATE_SUFFIX = / \(\d+\)$/;

/** The identities as given, without the suffix a duplicate got: the runner knows only the name. */
export function baseIdentities(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.replace(DUPLICATE_SUFFIX, '')))];
}

/** Escapes every regex metacharacter (JavaScript, Go RE2 and Ruby read these the same). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** `^(?:a|b)$` over escaped names. */
export function exactAlternation(names: readonly string[]): string {
  return `^(${names.map(escapeRegex).join('|')})$`;
}

/** `sh -c <script> sh <args...>`: the script reads its arguments as "$@". */
export function shWithArgs(script: string, args: readonly string[]): readonly string[] {
  return ['sh', '-c', script, 'sh', ...args];
}
