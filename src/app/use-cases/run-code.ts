/**
 * Code run in a runtime: a sandbox hardened and limited like a validation's, warm from the pool
 * when one is ready (else started now, or `starting` when asked not to wait), used by this run
 * only and destroyed after it, so nothing one run leaves is seen by another. The code (and a
 * step's tests) arrive root-owned and read-only; a compile step runs first, then the program (or
 * the step's tests), each under the run's limits. This is the seam script jobs run through too.
 */
import { randomUUID } from 'node:crypto';
import { RunsBusy } from '../../errors/runs-busy.js';
import { InputError } from '../../errors/input-error.js';
import { limitHit } from '../../pipeline/limit-hit.js';
import type { CommandResult } from '../../sandbox/command-result.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { codeArchive, type CodeFile } from '../../runtimes/code-archive.js';
import type { FriendlyError } from '../../runtimes/friendly-error.js';
import { runtimeNamed } from '../../runtimes/registry.js';
import { CODE_DIR, type Runtime, STDIN_FILE, type TestFramework } from '../../runtimes/runtime.js';
import type { StepTestOutcome } from '../../runtimes/step-tests.js';
import { testIdentity } from '../../../parsers/report.js';
import { REPORT_DIR, WORKSPACE } from '../../toolchains/toolchain.js';
import type { Disposable } from '../../warm/warm-pool.js';
import { RunSteps } from '../../warm/warm-run.js';
import type { AppContext } from '../context.js';
import { runtimeService } from '../runtime-service.js';
import type { RunCodeRequest, RunCodeView, RunCompletedView } from '../views/run-code-view.js';

/** How long a caller told `starting` should wait before asking again. */
export const STARTING_RETRY_AFTER_S = 2;
const REPORT_LIMITS = { maxEntries: 1_000, maxBytes: 16 * 1024 * 1024 };


export async function runCode(ctx: AppContext, request: RunCodeRequest, options: { signal?: AbortSignal } = {}): Promise<RunCodeView> {
  if ((request.code === undefined) === (request.files === undefined)) throw new InputError('give exactly one of code and files', {}, { field: 'code' });
  const runtime = runtimeNamed(request.language);
  const framework = testFramework(runtime, request.tests?.framework);
  const files = codeFiles(runtime, request);
  const settings = await ctx.settings(request.timeout === undefined ? null : { timeoutS: request.timeout });
  const total = files.reduce((n, f) => n + f.content.length, 0);
  if (total > settings.upload.maxTotalBytes) throw new InputError(`the files hold ${total} bytes, more than the limit of ${settings.upload.maxTotalBytes}`, {}, { field: 'files', code: 'too_large' });
  const archive = await codeArchive(files, Buffer.from(request.stdin ?? '', 'utf8'));

  const service = runtimeService(ctx);
  const slot = service.admit();
  if (slot === null) throw new RunsBusy(`${ctx.config.PATCHPROOF_RUN_CONCURRENCY} runs are going already, the most this server runs at once (PATCHPROOF_RUN_CONCURRENCY); try again shortly`);
  let sandbox: Disposable<Sandbox> | null = null;
  try {
    sandbox = service.takeWarm(runtime);
    const warm = sandbox !== null;
    if (sandbox === null && request.wait === false) {
      const state = service.status(runtime);
      const reason = state.state === 'unavailable' ? `the ${runtime.name} runtime is unavailable: ${state.reason}` : state.state === 'cold' ? `the ${runtime.name} runtime keeps no warm sandboxes (PATCHPROOF_WARM_POOL)` : `the ${runtime.name} runtime's sandboxes are starting`;
      // A pool backing off after failed starts says when it tries again; otherwise a short pause.
      const retryAfterS = state.state === 'unavailable' ? Math.max(1, Math.ceil((Date.parse(state.retryAt) - Date.now()) / 1000)) : STARTING_RETRY_AFTER_S;
      return { status: 'starting', language: runtime.name, retryAfterS, reason };
    }
    sandbox ??= await service.openCold(runtime);
    const box = sandbox.value;
    const stop = (): void => void box.kill().catch(() => undefined);
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      // A warm sandbox takes the files and the first command through execs prepared while it waited.
      const steps = new RunSteps(box);
      await steps.upload(archive);
      const limits = { timeoutMs: settings.testTimeoutMs, cpuTimeMs: settings.cpuTimeMs };
      const compile = framework?.compile ?? runtime.compile;
      const compiled = compile === null ? null : await steps.runLimited(inCodeDir(compile, false), limits);
      const compileFailed = compiled !== null && (compiled.exitCode !== 0 || limitHit(compiled) !== null);
      const ran = compileFailed ? null : await steps.runLimited(inCodeDir(framework?.command ?? runtime.run, framework === null), limits);
      const tests = framework === null || ran === null ? null : await collectTests(box, framework, ran);
      return completed(runtime, { compiled, ran, tests, warm });
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }
  } finally {
    // Removing the container is not the caller's wait: it goes on after the answer, still holding
    // the run's slot, and the service's stop waits for it (nothing is left behind).
    if (sandbox === null) slot.release();
    else service.retire(sandbox, slot);
  }
}

function testFramework(runtime: Runtime, name: string | undefined): TestFramework | null {
  if (name === undefined) return null;
  const found = runtime.tests?.find((f) => f.name === name);
  if (found !== undefined) return found;
  const offered = (runtime.tests ?? []).map((f) => f.name);
  throw new InputError(`the ${runtime.name} runtime has no test framework "${name}"; it offers ${offered.length === 0 ? 'none' : offered.join(', ')}`, { framework: name }, { field: 'tests.framework' });
}

function codeFiles(runtime: Runtime, request: RunCodeRequest): CodeFile[] {
  const code = request.files?.map((f) => ({ path: f.filepath, content: Buffer.from(f.content, 'utf8') })) ?? [{ path: runtime.mainFile, content: Buffer.from(request.code ?? '', 'utf8') }];
  if (!code.some((f) => f.path === runtime.mainFile)) throw new InputError(`files: the ${runtime.name} runtime runs ${runtime.mainFile}, which is not among the files`, {}, { field: 'files' });
  const tests = (request.tests?.files ?? []).map((f) => ({ path: f.filepath, content: Buffer.from(f.content, 'utf8') }));
  return [...code, ...tests];
}

/** The command run from the code's folder, its stdin the run's (a program, not a test runner). */
function inCodeDir(command: readonly string[], withStdin: boolean): string[] {
  return ['sh', '-c', `cd ${CODE_DIR} && exec "$@"${withStdin ? ` < ${STDIN_FILE}` : ' < /dev/null'}`, 'sh', ...command];
}

async function collectTests(box: Sandbox, framework: TestFramework, ran: CommandResult): Promise<StepTestOutcome> {
  const read = box.alive ? await box.download(`${WORKSPACE}/${REPORT_DIR}`, REPORT_LIMITS) : { kind: 'read' as const, files: new Map<string, Buffer>() };
  if (read.kind === 'over') {
    return { framework: framework.name, passed: false, total: 0, failed: 0, errors: 0, skipped: 0, tests: [], problem: `the test reports hold more than ${REPORT_LIMITS.maxEntries} files or ${REPORT_LIMITS.maxBytes} bytes` };
  }
  return framework.collect({ stdout: ran.stdout, stderr: ran.stderr, files: read.files, exitCode: ran.exitCode });
}

function output(result: CommandResult) {
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, durationMs: result.durationMs, limitHit: limitHit(result), outputTruncated: result.outputTruncated };
}

function completed(
  runtime: Runtime,
  parts: { compiled: CommandResult | null; ran: CommandResult | null; tests: StepTestOutcome | null; warm: boolean },
): RunCompletedView {
  const { compiled, ran, tests } = parts;
  const main = ran ?? compiled;
  const error: FriendlyError | null =
    ran === null
      ? compiled === null
        ? null
        : runtime.friendlyError({ phase: 'compile', stdout: compiled.stdout, stderr: compiled.stderr, exitCode: compiled.exitCode })
      : tests === null
        ? runtime.friendlyError({ phase: 'run', stdout: ran.stdout, stderr: ran.stderr, exitCode: ran.exitCode })
        : null;
  return {
    status: 'completed',
    runId: randomUUID(),
    language: runtime.name,
    ...(ran === null ? { stdout: '', stderr: '', exitCode: null, durationMs: 0, limitHit: null, outputTruncated: false } : output(ran)),
    ...(ran === null && main !== null ? { limitHit: limitHit(main), exitCode: main.exitCode } : {}),
    compile: compiled === null ? null : output(compiled),
    error,
    tests:
      tests === null
        ? null
        : {
            framework: tests.framework,
            passedAll: tests.passed,
            problem: tests.problem,
            total: tests.total,
            passed: tests.tests.filter((t) => t.status === 'passed').length,
            failed: tests.failed,
            errors: tests.errors,
            skipped: tests.skipped,
            tests: tests.tests.map((t) => ({ id: testIdentity(t), name: t.name, file: t.file, status: t.status, message: t.message, durationMs: t.durationMs })),
          },
    warm: parts.warm,
  };
}
