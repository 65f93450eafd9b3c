/** `patchproof projects add|list|show`: the projects proposals are made against (app/use-cases/projects.ts). */
import { dependencySummary } from '../../toolchains/dependency-record.js';
import { addProject, listProjects, showProject } from '../../app/use-cases/projects.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { withContext } from '../app-context.js';
import { MIN_CHANGED_COVERAGE_OPTION, readMinChangedCoverage } from '../min-changed-coverage-option.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine, safeLine } from '../terminal-text.js';

export async function projectsCommand(args: readonly string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest, config);
  if (sub === 'list') return list(rest, config);
  if (sub === 'show') return show(rest, config);
  throw new UsageError(`projects: expected "add <name> <dir>", "list" or "show <name>", got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
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
  const [name = '', dir = ''] = positionals;
  const view = await withContext(config, (ctx) =>
    addProject(ctx, { name, dir, framework: values.framework ?? null, testCommand: values['test-command'] ?? null, build: !values['no-build'], protectTests: values['protect-tests'], strict: values.strict, minChangedCoverage }),
  );
  process.stdout.write(values.json ? `${jsonLine(view)}\n` : `project ${safeLine(view.name)} (${view.id}) at ${safeLine(view.root)}: ${view.detected?.framework ?? '-'} (${safeLine(view.detected?.reason ?? '')})\n`);
  return 0;
}

async function list(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('projects list', args, { json: { type: 'boolean', default: false } });
  if (positionals.length > 0) throw new UsageError(`projects list: unexpected argument "${positionals[0]}"`);
  const projects = await withContext(config, (ctx) => listProjects(ctx));
  if (values.json) process.stdout.write(`${jsonLine(projects)}\n`);
  else if (projects.length === 0) process.stdout.write('no projects (add one with: patchproof projects add <name> <dir>)\n');
  else for (const p of projects) process.stdout.write(`${safeLine(p.name)}  ${safeLine(p.root)}  ${p.id}\n`);
  return 0;
}

async function show(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('projects show', args, { json: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError('projects show: expected exactly one <name>');
  const p = await withContext(config, (ctx) => showProject(ctx, positionals[0] ?? ''));
  const deps = p.dependencies === null ? '' : `  deps      ${safeLine(dependencySummary(p.dependencies))}\n`;
  process.stdout.write(values.json ? `${jsonLine(p)}\n` : `${safeLine(p.name)}  ${safeLine(p.root)}  ${p.id}\n  framework ${p.detected?.framework ?? '-'} (${safeLine(p.detected?.reason ?? '')})\n${deps}`);
  return 0;
}
