/**
 * The wrapper the proposal's commands go through (sandbox.ts runLimited, a run's prepared-run.ts),
 * pure here: it runs the command as the sandbox user, then, in the same exec, does what the
 * reaper's exec after it would (reaper.ts): kills everything the command left (`kill -9 -1`,
 * builtins only, so a fork bomb cannot stop it), reads the cgroup counters and how full the
 * writable mounts are, measures (and archives) the report folder, and prints that as a trailer at
 * the end of its stdout, then exits with the command's code. One runc exec fewer per command.
 *
 * The command shares the wrapper's stdout, so it could print a trailer of its own. It cannot
 * forge one that is taken: each trailer opens and closes with a nonce sent on the wrapper's
 * stdin only after the exec started and read before the command starts; the command's stdin is
 * /dev/null. The wrapper is an execute-only copy of the image's dash owned by another user
 * (command-wrapper.ts; a run's is root's), so the kernel makes it non-dumpable: the command
 * (same uid) cannot ptrace it nor open its /proc files (fd, environ, mem) to learn the nonce.
 * Everything is read after the kill, so nothing of the command is alive to write between the
 * trailer's lines. A command that kills or stops its wrapper only leaves no trailer: the reaper
 * then runs in an exec of its own, as without a wrapper.
 */
import { MEASURING_OUTPUT, parseReaperOutput, readingLines, RESTING_TASKS, type ReaperReport } from './reaper.js';
import { WORKSPACE } from './layout.js';

/** Root's folder in the workspace holding the wrapper's shell; the sandbox user can only run it. */
export const WRAPPER_DIR = `${WORKSPACE}/.wrapper`;
export const WRAPPER_SHELL = `${WRAPPER_DIR}/sh`;

/**
 * Run as root (no capabilities) while the sandbox waits in the pool: puts the wrapper's shell in
 * place, says `ready`, then waits on its stdin for the run's files (a tar made by
 * runtimes/code-archive.ts), extracts them root-owned, as the engine's putArchive would, and says
 * `done` (set -e: not when tar failed). Nothing of the code runs before it is done.
 */
export function receiverScript(): string {
  return [
    'set -e',
    `mkdir -m 0755 ${WRAPPER_DIR}`,
    `cp /bin/dash ${WRAPPER_SHELL}`,
    // Execute-only: the kernel runs it, the sandbox user cannot read it, so it is non-dumpable.
    `chmod 0111 ${WRAPPER_SHELL}`,
    'echo ready',
    // `done` on its stdout tells the files are in sooner than its exit would reach patchproof.
    `tar -x --no-same-owner -C ${WORKSPACE} -f -`,
    'echo done',
  ].join('\n');
}

/**
 * Run by a wrapper shell (the keeper's, command-wrapper.ts, or a run's WRAPPER_SHELL) as the
 * sandbox user: reads the nonce, then runs the command, then does the reaper's reading (reaper.ts
 * readingLines: everything killed before the trailer opens) with `measure` and `after` as the
 * reaper's exec would. The command comes as the script's arguments (`argv`: any argument, the
 * command is no secret), or, for a wrapper started before it was known, on its stdin after the
 * nonce, one argument a line, an empty line ending it (goLines). `mounts`: the writable mounts
 * watched for filling up.
 */
export function wrapperScript(mounts: readonly string[], options: { readonly measure?: string | undefined; readonly after?: string | undefined; readonly command?: 'argv' | 'stdin' } = {}): string {
  const fromStdin = options.command !== 'argv';
  // fd 3 is the command's stderr; the wrapper's own goes nowhere: dash's word on a command killed
  // by a signal ("Terminated") and the reading's errors are not the command's output.
  const run = '"$@" 2>&3 3>&- < /dev/null';
  return [
    `IFS= read -r nonce || exit ${WRAPPER_REFUSED}`,
    `case $nonce in ''|*[!0-9a-f]*) exit ${WRAPPER_REFUSED} ;; esac`,
    ...(fromStdin ? ['set --', 'while IFS= read -r a && [ -n "$a" ]; do set -- "$@" "$a"; done'] : []),
    `[ $# -gt 0 ] || exit ${WRAPPER_REFUSED}`,
    'exec 3>&2 2>/dev/null',
    // The command gets a session of its own: its `kill 0` (a common cleanup idiom) reaches its
    // own process group, not the wrapper.
    `( if [ -x ${SETSID} ]; then exec ${SETSID} ${run}; else exec ${run}; fi )`,
    'code=$?',
    'exec 3>&-',
    ...readingLines(mounts, { measure: options.measure, after: options.after, opening: openingLines() }),
    'printf \'%s end\\n\' "$nonce"',
    'exit $code',
  ].join('\n');
}

/**
 * The trailer opens only once everything of the command is killed: a survivor sharing the stdout
 * could read the marker off the pipe and forge the rest. Otherwise the wrapper exits with the
 * command's code and no trailer, and the reaper's own exec reads the counters. The command's exit
 * code is in the opening line: known even if the rest of the reading is cut short.
 */
function openingLines(): string {
  return [
    `case "$before$now" in ''|*[!0-9]*) exit $code ;; esac`,
    `[ "$now" -le ${RESTING_TASKS} ] || exit $code`,
    `printf '\\036%s trailer %s\\n' "$nonce" "$code"`,
  ].join('\n');
}

/** The wrapper's exit when it did not run the command (no nonce, no command): never the command's. */
export const WRAPPER_REFUSED = 97;

/**
 * util-linux's setsid (Essential in Debian). Run as a child of the wrapper it is never a process
 * group leader, so it calls setsid() and execs the command in the same process: no fork, and the
 * wrapper waits for the command itself.
 */
const SETSID = '/usr/bin/setsid';

/** A trailer's bound: the reaper's own output bound when it measures (it may carry the report folder's archive). */
export const TRAILER_MAX_BYTES = MEASURING_OUTPUT.keepBytes;

/** What opens the wrapper's trailer on its stdout: a TrailerSplitter takes it and the rest off. */
export function trailerMarker(nonce: string): string {
  // Opened by a byte output rarely ends a chunk with: a chunk ending in what could be the start of
  // the marker is held back until the next one tells (a newline would hold every line's end).
  return `\x1e${nonce} trailer `;
}

/** What is written on the wrapper's stdin to start the command; null when an argument cannot be sent. */
export function goLines(nonce: string, command: readonly string[]): string | null {
  if (command.length === 0 || command.some((a) => a === '' || a.includes('\n'))) return null;
  return `${nonce}\n${command.join('\n')}\n\n`;
}

export interface Trailer {
  /** The reading after the command; null when the trailer was cut short (the wrapper died) or unreadable. */
  readonly report: ReaperReport | null;
  /** The command's exit code; null without a trailer. */
  readonly exitCode: number | null;
}

/**
 * The wrapper's trailer as a TrailerSplitter took it off the output (what followed the marker): the
 * command's exit code on the opening line, the reading, the closing line and nothing after it. The
 * exit code stands without the rest (it was printed with everything of the command killed); the
 * reading only whole.
 */
export function readTrailer(text: string | null, nonce: string): Trailer {
  const opening = text === null ? null : /^(\d{1,3})\n/.exec(text);
  if (text === null || opening === null) return { report: null, exitCode: null };
  const body = text.slice(opening[0].length);
  const close = new RegExp(`(?:^|\\n)${nonce} end\\n$`).exec(body);
  const report = close === null ? null : parseReaperOutput(body.slice(0, close.index), 0);
  return { report, exitCode: Number(opening[1]) };
}
