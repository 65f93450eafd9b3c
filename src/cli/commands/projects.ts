/** `patchproof projects add|list`: the projects proposals are made against. */
import { realpath, stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { snapshotProject } from '../../images/project-snapshot.js';
import { openStorage } from '../../storage/storage.js';
import { selectToolchain } from '../../toolchains/select-toolchain.js';
import { MIN_CHANGED_COVERAGE_OPTION, readMinChangedCoverage } from '../min-changed-coverage-option.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine, safeLine } from '../terminal-text.js';

const projectName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit');

export async function projectsCommand(args: readonly string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest, config);
  if (sub === 'list') return list(rest, config);
  throw new UsageError(`projects: expected "add <name> <dir>" or "list", got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
}

async function add(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('projects add', args, {
    json: { type: 'boolean', default: false },
    framework: { type: 'string' },
    'test-command': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'protect-tests': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    ...MIN_CHANGED_COVERAGE_OPTION,
  });
  const minChangedCoverage = readMinChangedCoverage('projects add', values['min-changed-coverage']) ?? null;
  if (positionals.length !== 2) throw new UsageError('projects add: expected <name> <dir>');
  const [nameArg = '', dirArg = ''] = positionals;
  const name = projectName.safeParse(nameArg);
  if (!name.success) throw new UsageError(`projects add: name "${nameArg}" ${name.error.issues[0]?.message ?? 'is invalid'}`);
  const dir = await realpath(dirArg).catch((cause: unknown) => {
    throw new UsageError(`projects add: directory ${dirArg} does not exist`, {}, { cause });
  });
  if (!(await stat(dir)).isDirectory()) throw new UsageError(`projects add: ${dirArg} is not a directory`);
  const testCommand = values['test-command']?.trim();
  if (testCommand !== undefined && testCommand === '') throw new UsageError('projects add: --test-command is empty');
  // A project whose tests cannot be found is refused now, not at its first proposal.
  const selection = selectToolchain(await snapshotProject(dir), values.framework ?? null);
  const storage = await openStorage(config);
  try {
    const project = await storage.projects.add(name.data, dir, { framework: values.framework ?? null, testCommand: testCommand ?? null, build: !values['no-build'], protectTests: values['protect-tests'], strict: values.strict, minChangedCoverage });
    const view = { id: project.id, name: project.name, root: project.rootPath, framework: selection.toolchain.name, frameworkReason: selection.reason, testCommand: project.testCommand, build: project.build, protectTests: project.protectTests, strict: project.strict, minChangedCoverage: project.minChangedCoverage };
    process.stdout.write(values.json ? `${jsonLine(view)}\n` : `project ${safeLine(view.name)} (${view.id}) at ${safeLine(view.root)}: ${view.framework} (${safeLine(view.frameworkReason)})\n`);
    return 0;
  } finally {
    await storage.close();
  }
}

async function list(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('projects list', args, { json: { type: 'boolean', default: false } });
  if (positionals.length > 0) throw new UsageError(`projects list: unexpected argument "${positionals[0]}"`);
  const storage = await openStorage(config);
  try {
    const projects = (await storage.projects.list()).map((p) => ({ id: p.id, name: p.name, root: p.rootPath, framework: p.framework, testCommand: p.testCommand, build: p.build, protectTests: p.protectTests, strict: p.strict, minChangedCoverage: p.minChangedCoverage, createdAt: new Date(p.createdAt).toISOString() }));
    if (values.json) process.stdout.write(`${jsonLine(projects)}\n`);
    else if (projects.length === 0) process.stdout.write('no projects (add one with: patchproof projects add <name> <dir>)\n');
    else for (const p of projects) process.stdout.write(`${safeLine(p.name)}  ${safeLine(p.root)}  ${p.id}\n`);
    return 0;
  } finally {
    await storage.close();
  }
}
