#!/usr/bin/env node
/**
 * The patchproof command. Exit codes: 0 executed (or done), 1 rejected, 2 error or bad usage.
 * Errors are shown by family: bad input names what was wrong; infrastructure errors say what
 * of ours or the engine's failed, with the cause.
 */
import { loadConfig, type Config } from '../config.js';
import { InfraError } from '../errors/infra-error.js';
import { UsageError } from '../errors/usage-error.js';
import { InputError } from '../errors/input-error.js';
import { errorView, isBusy } from '../app/error-mapping.js';
import { jsonLine, safeBlock } from './terminal-text.js';
import { USAGE } from './usage.js';

// Loaded when named: a command does not pay for the others' modules (the server's, the MCP SDK's):
// a cold `validate` starts about 0.6 s sooner.
const COMMANDS: Record<string, () => Promise<(args: readonly string[], config: Config) => Promise<number>>> = {
  setup: async () => (await import('./commands/setup.js')).setupCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  projects: async () => (await import('./commands/projects.js')).projectsCommand,
  propose: async () => (await import('./commands/propose.js')).proposeCommand,
  proposals: async () => (await import('./commands/proposals.js')).proposalsCommand,
  worker: async () => (await import('./commands/worker.js')).workerCommand,
  revalidate: async () => (await import('./commands/revalidate.js')).revalidateCommand,
  stats: async () => (await import('./commands/stats.js')).statsCommand,
  baseline: async () => (await import('./commands/baseline.js')).baselineCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  mcp: async () => (await import('./commands/mcp.js')).mcpCommand,
  images: async () => (await import('./commands/images.js')).imagesCommand,
  run: async () => (await import('./commands/run.js')).runCommand,
  runtimes: async () => (await import('./commands/runtimes.js')).runtimesCommand,
  jobs: async () => (await import('./commands/jobs.js')).jobsCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  // Own keys only: "constructor" or "toString" is no command.
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) throw new UsageError(`unknown command "${name}" (see patchproof --help)`);
  return (await load())(rest, loadConfig());
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // With --json, stdout always holds JSON: a refusal or failure is the one error view, exit 2.
    if (argv.includes('--json')) process.stdout.write(`${jsonLine(errorView(error))}\n`);
    // Messages may quote what was given (an id, a path, a diff's line): escaped, newlines kept.
    if (error instanceof InputError) process.stderr.write(`patchproof: ${safeBlock(error.message)}\n`);
    else if (isBusy(error)) process.stderr.write(`patchproof: ${safeBlock(error.message)}\n`);
    else if (error instanceof InfraError) process.stderr.write(`patchproof: error [${error.code}]: ${safeBlock(error.message)}${safeBlock(causeText(error))}\n`);
    else process.stderr.write(`patchproof: unexpected failure: ${safeBlock(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    process.exitCode = 2;
  },
);

function causeText(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? `\n  cause: ${cause.message}` : '';
}
