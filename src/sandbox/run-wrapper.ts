/**
 * The wrapper a prepared run's command goes through (prepared-run.ts), pure here: it runs the
 * command as the sandbox user, then, in the same exec, does what the reaper's exec after it
 * would (reaper.ts): kills everything the command left (`kill -9 -1`, builtins only, so a fork
 * bomb cannot stop it), reads the cgroup counters and how full the writable mounts are, and
 * prints that reading as a trailer at the end of its stdout, then exits with the command's code.
 *
 * The command shares the wrapper's stdout, so it could print a trailer of its own. It cannot
 * forge one that is taken: each trailer opens and closes with a nonce sent on the wrapper's
 * stdin only after the exec started and read before the command starts; the command's stdin is
 * /dev/null. The wrapper is a root-owned, execute-only copy of the image's dash, so the kernel
 * makes it non-dumpable: the command (same uid) cannot ptrace it nor open its /proc files (fd,
 * environ, mem) to learn the nonce. Everything is read after the kill, so nothing of the command
 * is alive to write between the trailer's lines. A command that kills or stops its wrapper only
 * leaves no trailer: the reaper then runs in an exec of its own, as without a wrapper.
 */
import { parseReaperOutput, RESTING_TASKS, type ReaperReport } from './reaper.js';
import { WORKSPACE } from './layout.js';

/** Root's folder in the workspace holding the wrapper's shell; the sandbox user can only run it. */
export const WRAPPER_DIR = `${WORKSPACE}/.wrapper`;
export const WRAPPER_SHELL = `${WRAPPER_DIR}/sh`;
/** Each round is one kill(-1) and one read; as in reaper.ts. */
const KILL_ROUNDS = 5_000;

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
 * Run by WRAPPER_SHELL as the sandbox user, started while the sandbox waits in the pool: reads the
 * nonce, then the command (one argument a line, an empty line ends it), runs it, reaps, prints
 * the trailer. `mounts`: the writable mounts watched for filling up.
 */
export function wrapperScript(mounts: readonly string[]): string {
  return [
    'IFS= read -r nonce || exit 97',
    "case $nonce in ''|*[!0-9a-f]*) exit 97 ;; esac",
    'set --',
    'while IFS= read -r a && [ -n "$a" ]; do set -- "$@" "$a"; done',
    '[ $# -gt 0 ] || exit 97',
    '"$@" < /dev/null',
    'code=$?',
    'c=/sys/fs/cgroup',
    'if [ -r $c/pids/pids.current ]; then pc=$c/pids/pids.current pe=$c/pids/pids.events mo=$c/memory/memory.oom_control',
    'else pc=$c/pids.current pe=$c/pids.events mo=$c/memory.events; fi',
    // Sets v (builtins only: no fork while a fork bomb may still hold every pid).
    'get() { v=; [ -r "$1" ] || return 0; while read -r k x; do if [ "$k" = "$2" ]; then v=$x; return 0; fi; done < "$1"; }',
    'read -r before < "$pc"',
    'now=$before n=0',
    `while [ "$now" -gt ${RESTING_TASKS} ] && [ $n -lt ${KILL_ROUNDS} ]; do kill -9 -1 2>/dev/null; read -r now < "$pc"; n=$((n+1)); done`,
    'printf \'\\n%s trailer\\n\' "$nonce"',
    'echo "tasks $before"',
    'get "$pe" max; [ -z "$v" ] || echo "forks_refused $v"',
    'get "$mo" oom_kill; [ -z "$v" ] || echo "oom_kills $v"',
    'if [ -r $c/cpuacct/cpuacct.usage ]; then read -r u < $c/cpuacct/cpuacct.usage; echo "cpu_ns $u"; else get $c/cpu.stat usage_usec; [ -z "$v" ] || echo "cpu_us $v"; fi',
    'echo "left $now"',
    // The first fork since the command ended: only now is there room for one.
    `stat -f -c 'mount %n %S %b %a %c %d' ${mounts.join(' ')}`,
    'if [ -r $c/memory/memory.max_usage_in_bytes ]; then read -r m < $c/memory/memory.max_usage_in_bytes; echo "mem_peak $m"; elif [ -r $c/memory.peak ]; then read -r m < $c/memory.peak; echo "mem_peak $m"; fi',
    'printf \'%s end %s\\n\' "$nonce" "$code"',
    'exit $code',
  ].join('\n');
}

/** What is written on the wrapper's stdin to start the command; null when an argument cannot be sent. */
export function goLines(nonce: string, command: readonly string[]): string | null {
  if (command.length === 0 || command.some((a) => a === '' || a.includes('\n'))) return null;
  return `${nonce}\n${command.join('\n')}\n\n`;
}

export interface Trailer {
  /** The command's own stdout, the trailer taken off. */
  readonly stdout: string;
  /** Bytes of the kept stdout that were the wrapper's, not the command's. */
  readonly wrapperBytes: number;
  /** The reading after the command; null when the trailer was cut short (the wrapper died). */
  readonly report: ReaperReport | null;
  readonly exitCode: number | null;
}

/**
 * The wrapper's trailer at the end of `stdout`, if it began one. Only the wrapper knows the nonce,
 * so text from the marker on is the wrapper's even when it is incomplete (and is taken off); a
 * complete one ends the output with the closing line.
 */
export function readTrailer(stdout: string, nonce: string): Trailer | null {
  const marker = `\n${nonce} trailer\n`;
  const at = stdout.lastIndexOf(marker);
  if (at < 0) return null;
  const own = stdout.slice(at);
  const body = own.slice(marker.length);
  const close = new RegExp(`(?:^|\\n)${nonce} end (\\d{1,3})\\n$`).exec(body);
  const report = close === null ? null : parseReaperOutput(body.slice(0, close.index), 0);
  return {
    stdout: stdout.slice(0, at),
    wrapperBytes: Buffer.byteLength(own, 'utf8'),
    report,
    exitCode: close === null || report === null ? null : Number(close[1]),
  };
}
