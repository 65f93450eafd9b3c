#!/usr/bin/env node
/**
 * The patchproof command. Exit codes: 0 executed (or done), 1 rejected, 2 error or bad usage.
 * Errors are shown by family: bad input names what was wrong; infrastructure errors say what
 * of ours or the engine's failed, with the cause.
 */
import { loadConfig } from '../config.js';
import { InfraError } from '../errors/infra-error.js';
import { UsageError } from '../errors/usage-error.js';
import { InputError } from '../errors/input-error.js';
import { baselineCommand } from './commands/baseline.js';
import { doctorCommand } from './commands/doctor.js';
import { imagesCommand } from './commands/images.js';
import { mcpCommand } from './commands/mcp.js';
import { projectsCommand } from './commands/projects.js';
import { proposalsCommand } from './commands/proposals.js';
import { proposeCommand } from './commands/propose.js';
import { revalidateCommand } from './commands/revalidate.js';
import { serveCommand } from './commands/serve.js';
import { setupCommand } from './commands/setup.js';
import { statsCommand } from './commands/stats.js';
import { validateCommand } from './commands/validate.js';
import { workerCommand } from './commands/worker.js';
import { runCommand } from './commands/run.js';
import { runtimesCommand } from './commands/runtimes.js';
import { jobsCommand } from './commands/jobs.js';
import { errorView } from '../app/error-mapping.js';
import { jsonLine, safeBlock } from './terminal-text.js';
import { USAGE } from './usage.js';

const COMMANDS = {
  setup: setupCommand,
  validate: validateCommand,
  projects: projectsCommand,
  propose: proposeCommand,
  proposals: proposalsCommand,
  worker: workerCommand,
  revalidate: revalidateCommand,
  stats: statsCommand,
  baseline: baselineCommand,
  doctor: doctorCommand,
  serve: serveCommand,
  mcp: mcpCommand,
  images: imagesCommand,
  run: runCommand,
  runtimes: runtimesCommand,
  jobs: jobsCommand,
} as const;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (!(name in COMMANDS)) throw new UsageError(`unknown command "${name}" (see patchproof --help)`);
  const command = COMMANDS[name as keyof typeof COMMANDS];
  return command(rest, loadConfig());
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
    else if (error instanceof InfraError) process.stderr.write(`patchproof: error [${error.code}]: ${safeBlock(error.message)}${safeBlock(causeText(error))}\n`);
    else process.stderr.write(`patchproof: unexpected failure: ${safeBlock(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    process.exitCode = 2;
  },
);

function causeText(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? `\n  cause: ${cause.message}` : '';
}
