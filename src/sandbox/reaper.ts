/**
 * The script run before and after every command of a proposal (and to stop one): it kills whatever
 * the command left running, reads the cgroup counters that say which limits were hit and how much
 * CPU time was used, and looks at how full the writable mounts are. Pure here; Sandbox runs it.
 *
 * It runs as the sandbox user, so `kill -9 -1` reaches every process the tests could have started
 * (background jobs, setsid daemons, orphans) and nothing else: PID 1 and the container's main
 * process belong to another user (hardened-spec.ts). Until the kill loop is over it uses shell
 * builtins only: under a fork bomb nothing can be forked, yet the exec itself still starts (the
 * runtime moves it into the full cgroup; measured here: 64/64 pids, the script ran, 191 refused
 * forks read back).
 */
import { type FolderSize, measureScript, parseMeasureOutput } from './report-folder.js';
import type { FullMount } from './run-usage.js';
import { COMMAND_WRAPPER, WRAPPER_FOLDER } from './command-wrapper.js';
import { KEEPER_UID } from './hardened-spec.js';

/** Tasks that belong in the container when nothing of the proposal runs: the init, the main process, this script. */
export const RESTING_TASKS = 3;
/** Each round is one kill(-1) and one read; zombies wait for the init to reap them. */
const KILL_ROUNDS = 5_000;

export interface ReaperReport {
  /** Tasks (processes and threads) in the container before the kill, this script included. */
  readonly tasksBefore: number;
  readonly tasksAfter: number;
  /** Cumulative since the container started. */
  readonly forksRefused: number;
  readonly oomKills: number;
  /** The container's CPU time so far (all its processes); null when the cgroup did not say. */
  readonly cpuNanos: number | null;
  readonly mounts: readonly MountSpace[];
  /** The container's peak memory (cgroup v1 max_usage, v2 memory.peak); null when not kept. */
  readonly peakMemoryBytes: number | null;
  /** Block I/O of the container so far (the engine's stats read the same cgroup files). */
  readonly ioReadBytes: number | null;
  readonly ioWriteBytes: number | null;
  /** The folder asked to be measured after the kill (report-folder.ts); null when not asked or unreadable. */
  readonly folder: FolderSize | null;
  /** The exit status of the `after` script (ReaperSteps); null when none was asked or it did not say. */
  readonly afterExit: number | null;
  /** `readFile`, when it was asked and came back readable; else undefined. */
  readonly file?: FileRead | undefined;
  /**
   * The measured folder as a tar archive (names as the engine's archive gives them), when it was
   * small enough to come in this exec's output (INLINE_LIMITS) and tar said it succeeded; else null.
   */
  readonly archive: Buffer | null;
  /** Whether the keeper's command wrapper is in place (command-wrapper.ts): commands may run through it. */
  readonly wrapper: boolean;
}

/**
 * A measured folder at most this big comes back in the reaper's own output, archived by tar as the
 * sandbox user (the measure made it readable), instead of through the engine's archive call (a
 * dockerd re-exec: about 45 ms of CPU each, measured here). Its tar stays under 2.4 MB then
 * (headers and long names included), base64 in the output.
 */
export const INLINE_LIMITS = { maxEntries: 200, maxBytes: 512 * 1024 };
/** The reaper's output bounds when it measures (and so may carry the archive). */
export const MEASURING_OUTPUT = { keepBytes: 4 * 1024 * 1024, limitBytes: 8 * 1024 * 1024 };

/**
 * Work of patchproof's own folded into the reaper's exec, each exec saved being a runc exec
 * (measured here: about 60 ms of CPU each, the bulk of a validation's engine cost).
 * `before`: runs first, so its CPU time is in the reading (copying the project, deleting files);
 * if it fails the script fails and the reading is not trusted. `after`: runs once everything is
 * killed (clearing the report folder); its status is reported, not fatal.
 */
export interface ReaperSteps {
  readonly before?: string | undefined;
  /**
   * Runs after `before`, the only step that reads the exec's stdin (extracting the changes sent
   * there, sandbox.ts prepareWorkspace); if it fails the script exits 4, so its failure is told
   * apart from `before`'s (3) and from an unreadable reading.
   */
  readonly input?: string | undefined;
  /** A file of the image printed in the output (`file <base64>`, or `file_none`), at most FILE_LIMIT + 1 bytes of it. */
  readonly readFile?: string | undefined;
  readonly after?: string | undefined;
  /** Waits (up to 2 s) for the keeper's command wrapper first: the first exec of a new container may come before it. */
  readonly awaitWrapper?: boolean | undefined;
}

/** Bytes of `readFile` that come back in the output; a longer file says so by its length (FILE_LIMIT + 1). */
export const FILE_LIMIT = 1024 * 1024;

/** What the exec found of `readFile`: none (no such file) or its first FILE_LIMIT + 1 bytes. */
export type FileRead = { readonly found: false } | { readonly found: true; readonly bytes: Buffer };

export interface MountSpace {
  readonly path: string;
  readonly sizeBytes: number;
  readonly freeBytes: number;
  readonly totalInodes: number;
  readonly freeInodes: number;
}

/**
 * `measure`: a workspace folder measured once everything is killed, in this same exec, so the
 * report folder costs no round trip of its own. The stats lines come from the cgroup files the
 * engine's stats read too: a one-shot stats call waits for the engine's next sample (a second here).
 */
export function reaperScript(mounts: readonly string[], measure?: string, steps: ReaperSteps = {}): string {
  return [
    // Our own steps never see the exec's stdin but `input`; their output goes to stderr, for errors.
    ...(steps.before === undefined ? [] : [`{ ${steps.before}
} </dev/null >&2 || exit 3`]),
    ...(steps.input === undefined ? [] : [`{ ${steps.input}
} >&2 || exit 4`]),
    ...(steps.readFile === undefined ? [] : [`if [ -f ${quote(steps.readFile)} ]; then printf 'file '; head -c ${FILE_LIMIT + 1} ${quote(steps.readFile)} | base64 -w 0; echo; else echo file_none; fi`]),
    // The keeper makes the wrapper as the container starts (command-wrapper.ts): a moment, at most.
    ...(steps.awaitWrapper === true ? [`n=0; while ! [ -x ${COMMAND_WRAPPER} ] && [ $n -lt 100 ]; do sleep 0.02; n=$((n+1)); done`] : []),
    ...readingLines(mounts, { measure, after: steps.after }),
  ].join('\n');
}

/**
 * The reading itself, also a wrapper's trailer (run-wrapper.ts): the task count and the CPU time
 * taken first, then everything of the sandbox user killed, and only then anything printed (before
 * `opening`, the wrapper's trailer line): nothing of a command is alive to write between the lines.
 * Builtins only until the kill loop is over: under a fork bomb nothing can be forked.
 */
export function readingLines(mounts: readonly string[], options: { readonly measure?: string | undefined; readonly after?: string | undefined; readonly opening?: string | undefined } = {}): string[] {
  return [
    'c=/sys/fs/cgroup',
    // cgroup v1 (one hierarchy per controller) or v2 (one tree).
    'if [ -r $c/pids/pids.current ]; then pc=$c/pids/pids.current pe=$c/pids/pids.events mo=$c/memory/memory.oom_control',
    'else pc=$c/pids.current pe=$c/pids.events mo=$c/memory.events; fi',
    // Sets v (builtins only: no fork while a fork bomb may still hold every pid).
    'get() { v=; [ -r "$1" ] || return 0; while read -r k x; do if [ "$k" = "$2" ]; then v=$x; return 0; fi; done < "$1"; }',
    'read -r before < "$pc"',
    'if [ -r $c/cpuacct/cpuacct.usage ]; then read -r cpu < $c/cpuacct/cpuacct.usage; cpuk=cpu_ns; else get $c/cpu.stat usage_usec; cpu=$v cpuk=cpu_us; fi',
    'now=$before n=0',
    // Its errors (nothing left it may signal) silenced by closing stderr: a closed fd cannot fail to open.
    `while [ "$now" -gt ${RESTING_TASKS} ] && [ $n -lt ${KILL_ROUNDS} ]; do kill -9 -1 2>&-; read -r now < "$pc"; n=$((n+1)); done`,
    ...(options.opening === undefined ? [] : [options.opening]),
    'echo "tasks $before"',
    'get "$pe" max; [ -z "$v" ] || echo "forks_refused $v"',
    'get "$mo" oom_kill; [ -z "$v" ] || echo "oom_kills $v"',
    '[ -z "$cpu" ] || echo "$cpuk $cpu"',
    'echo "left $now"',
    // The first fork: only now is there room for one.
    `stat -f -c 'mount %n %S %b %a %c %d' ${mounts.join(' ')}`,
    // The keeper's folder and its execute-only shell, as the keeper made them: commands may go
    // through it. Always said, 0 or 1: the later line wins over one a survivor wrote before the kill.
    `w=$(stat -c '%u:%a' ${WRAPPER_FOLDER} ${COMMAND_WRAPPER} 2>/dev/null)`,
    `case $w in "${KEEPER_UID}:755
${KEEPER_UID}:111") echo "wrapper 1" ;; *) echo "wrapper 0" ;; esac`,
    'if [ -r $c/memory/memory.max_usage_in_bytes ]; then read -r m < $c/memory/memory.max_usage_in_bytes; echo "mem_peak $m"; elif [ -r $c/memory.peak ]; then read -r m < $c/memory.peak; echo "mem_peak $m"; fi',
    // v1: "major:minor Read N" lines; v2: "major:minor rbytes=N wbytes=N ..." lines.
    'if [ -r $c/blkio/blkio.throttle.io_service_bytes ]; then awk \'$2 == "Read" { r += $3 } $2 == "Write" { w += $3 } END { printf "io_read %.0f\\nio_write %.0f\\n", r, w }\' $c/blkio/blkio.throttle.io_service_bytes;',
    'elif [ -r $c/io.stat ]; then awk \'{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "rbytes") r += kv[2]; if (kv[1] == "wbytes") w += kv[2] } } END { printf "io_read %.0f\\nio_write %.0f\\n", r, w }\' $c/io.stat; fi',
    ...(options.after === undefined ? [] : [`( ${options.after}
) >/dev/null 2>&1; echo "after_exit $?"`]),
    ...(options.measure === undefined ? [] : measureLines(options.measure)),
  ];
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function measureLines(folder: string): string[] {
  const slash = folder.lastIndexOf('/');
  const parent = quote(slash <= 0 ? '/' : folder.slice(0, slash));
  const base = quote(folder.slice(slash + 1));
  return [
    `m=$( ${measureScript(folder)}
)`,
    `printf '%s\n' "$m" | sed 's/^/folder /'`,
    // The exit status of tar, not of base64 (sh has no pipefail): fd 3 carries it out.
    `set -- $m`,
    `if [ "$1" = entries ] && [ "$2" -le ${INLINE_LIMITS.maxEntries} ] && [ "$4" -le ${INLINE_LIMITS.maxBytes} ]; then`,
    `echo inline_begin`,
    `{ s=$( { { tar -C ${parent} -cf - -- ${base} 2>/dev/null; echo $? >&3; } | base64 >&4; } 3>&1 ); } 4>&1`,
    `echo "inline_exit $s"; fi`,
  ];
}

/** null when the output is not what the script prints: the caller then trusts nothing of it. */
export function parseReaperOutput(stdout: string, exitCode: number | null): ReaperReport | null {
  if (exitCode !== 0) return null;
  const values = new Map<string, number>();
  const mounts: MountSpace[] = [];
  const folderLines: string[] = [];
  const inline: string[] = [];
  let inInline = false;
  let file: FileRead | undefined;
  for (const line of stdout.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] === 'file_none' && parts.length === 1) {
      file = { found: false };
    } else if (parts[0] === 'file' && parts.length <= 2) {
      const text = parts[1] ?? '';
      file = BASE64.test(text) ? { found: true, bytes: Buffer.from(text, 'base64') } : undefined;
    } else if (inInline && parts.length === 1 && parts[0] !== 'inline_exit') {
      inline.push(parts[0] ?? '');
    } else if (parts[0] === 'inline_begin') {
      inInline = true;
    } else if (parts[0] === 'mount' && parts.length === 7) {
      const [, path, block, blocks, available, inodes, freeInodes] = parts;
      const numbers = [block, blocks, available, inodes, freeInodes].map(Number);
      if (path === undefined || numbers.some((n) => !Number.isSafeInteger(n))) return null;
      const [b = 0, total = 0, free = 0, ino = 0, freeIno = 0] = numbers;
      mounts.push({ path, sizeBytes: b * total, freeBytes: b * free, totalInodes: ino, freeInodes: freeIno });
    } else if (parts[0] === 'folder') {
      folderLines.push(line.trim().slice('folder '.length));
    } else if (parts.length === 2 && parts[0] !== undefined && /^\d+$/.test(parts[1] ?? '')) {
      inInline = false;
      values.set(parts[0], Number(parts[1]));
    }
  }
  const tasksBefore = values.get('tasks');
  const tasksAfter = values.get('left');
  if (tasksBefore === undefined || tasksAfter === undefined) return null;
  const micros = values.get('cpu_us');
  const cpuNanos = values.get('cpu_ns') ?? (micros === undefined ? null : micros * 1000);
  const folder = folderLines.length === 0 ? null : parseMeasureOutput(folderLines.join('\n'), 0);
  return {
    tasksBefore,
    tasksAfter,
    forksRefused: values.get('forks_refused') ?? 0,
    oomKills: values.get('oom_kills') ?? 0,
    cpuNanos,
    mounts,
    peakMemoryBytes: positiveOrNull(values.get('mem_peak')),
    ioReadBytes: values.get('io_read') ?? null,
    ioWriteBytes: values.get('io_write') ?? null,
    folder,
    afterExit: values.get('after_exit') ?? null,
    ...(file === undefined ? {} : { file }),
    wrapper: values.get('wrapper') === 1,
    archive: values.get('inline_exit') === 0 && inline.every((l) => /^[A-Za-z0-9+/=]*$/.test(l)) ? Buffer.from(inline.join(''), 'base64') : null,
  };
}

/** Strict: whole groups of four, padding only at the end (a cut line is not read as a shorter file). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function positiveOrNull(value: number | undefined): number | null {
  return value === undefined || value === 0 ? null : value;
}

/**
 * Full, for a test: so little left that the next write fails. tmpfs gives out whole pages, so a
 * disk filled until ENOSPC shows a few KiB at most; a mount with no free inode is full too.
 */
export function fullMounts(mounts: readonly MountSpace[]): FullMount[] {
  return mounts
    .filter((m) => m.freeBytes < Math.max(64 * 1024, m.sizeBytes / 1000) || (m.totalInodes > 0 && m.freeInodes === 0))
    .map((m) => ({ path: m.path, sizeBytes: m.sizeBytes }));
}
