/**
 * `patchproof run --language L (--code C | --file F | -) [--stdin F] [--timeout S] [--json]`: the
 * code run once in a fresh sandbox of its runtime (app/use-cases/run-code.ts). The program's
 * output is passed through; a mapped error is printed after it. Exit code: the program's own
 * (1 when it ended without one: a limit, a failed compile), 2 for bad usage.
 */
import { readFile } from 'node:fs/promises';
import { runCode } from '../../app/use-cases/run-code.js';
import { RunCodeRequest } from '../../app/views/run-code-view.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { withContext } from '../app-context.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine, safeBlock } from '../terminal-text.js';
import { stopRuntimes } from '../../app/runtime-service.js';

export async function runCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, {
    language: { type: 'string' },
    code: { type: 'string' },
    file: { type: 'string' },
    stdin: { type: 'string' },
    timeout: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const fromStdin = positionals.length === 1 && positionals[0] === '-';
  if (positionals.length > (fromStdin ? 1 : 0)) throw new UsageError(`run: unexpected argument "${positionals[0]}"`);
  const sources = [values.code !== undefined, values.file !== undefined, fromStdin].filter(Boolean).length;
  if (sources !== 1) throw new UsageError('run: give the code once: --code C, --file F, or - (read from stdin)', {}, { field: 'code' });
  const code = values.code ?? (values.file !== undefined ? await readText(values.file, '--file') : await readAll(process.stdin));
  const parsed = RunCodeRequest.safeParse({
    language: values.language,
    code,
    ...(values.stdin === undefined ? {} : { stdin: await readText(values.stdin, '--stdin') }),
    ...(values.timeout === undefined ? {} : { timeout: Number(values.timeout) }),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'language');
    throw new UsageError(`run: --${field}: ${issue?.message ?? 'invalid'}${field === 'language' ? ' (python, javascript, typescript, ruby, go, java, bash, rust, php)' : ''}`, {}, { field });
  }
  const view = await withContext(config, async (ctx) => {
    try {
      return await runCode(ctx, parsed.data);
    } finally {
      await stopRuntimes(ctx);
    }
  });
  if (view.status !== 'completed') throw new UsageError(`run: ${view.reason}`);
  if (values.json) process.stdout.write(`${jsonLine(view)}\n`);
  else {
    if (view.compile !== null && view.compile.exitCode !== 0) process.stderr.write(safeBlock(`${view.compile.stdout}${view.compile.stderr}`));
    process.stdout.write(view.stdout);
    if (view.error !== null) {
      const where = view.error.file === null ? '' : ` (${view.error.file}${view.error.line === null ? '' : `:${view.error.line}`})`;
      process.stderr.write(`${safeBlock(`${view.error.type}: ${view.error.message}${where}\n${view.error.details}`)}\n`);
    } else process.stderr.write(safeBlock(view.stderr));
    if (view.limitHit !== null) process.stderr.write(`patchproof: the run hit a limit: ${view.limitHit}\n`);
  }
  if (view.exitCode === 0 && view.limitHit === null) return 0;
  return view.exitCode === null || view.exitCode === 0 || view.exitCode === 2 ? 1 : Math.min(view.exitCode, 125);
}

async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new UsageError(`run: ${flag}: cannot read ${path}`, { path }, { cause, field: flag.slice(2) });
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
