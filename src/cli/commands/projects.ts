/** `patchproof projects add|list|show`: the projects proposals are made against (app/use-cases/projects.ts). */
import { fetchProject, registerProject } from '../../app/use-cases/git-projects.js';
import { allProjects, showProject } from '../../app/use-cases/projects.js';
import { dependencySummary } from '../../images/dependency-record.js';
import type { ProjectView } from '../../app/views/project-view.js';
import { imageRewriteLines } from '../image-rewrites-text.js';
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
  if (sub === 'fetch') return fetch(rest, config);
  throw new UsageError(`projects: expected "add <name> <dir>", "add <name> --git <url>", "fetch <name>", "list" or "show <name>", got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
}

async function add(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('projects add', args, {
    json: { type: 'boolean', default: false },
    framework: { type: 'string' },
    'test-command': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'protect-tests': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    git: { type: 'string' },
    ref: { type: 'string' },
    ...MIN_CHANGED_COVERAGE_OPTION,
  });
  const minChangedCoverage = readMinChangedCoverage('projects add', values['min-changed-coverage']) ?? null;
  const git = values.git;
  if (positionals.length !== (git === undefined ? 2 : 1)) throw new UsageError(git === undefined ? 'projects add: expected <name> <dir>, or <name> --git <url>' : 'projects add: with --git, expected only <name>');
  if (git === undefined && values.ref !== undefined) throw new UsageError('projects add: --ref applies to --git projects only');
  const [name = '', dir] = positionals;
  const view = await withContext(config, (ctx) =>
    registerProject(ctx, { name, dir, git, ref: values.ref, framework: values.framework ?? null, testCommand: values['test-command'] ?? null, build: !values['no-build'], protectTests: values['protect-tests'], strict: values.strict, minChangedCoverage }),
  );
  const where = view.git === null ? `at ${safeLine(view.root)}` : `from ${safeLine(view.git.url)} ${safeLine(view.git.ref)} (${view.git.commit ?? '-'})`;
  process.stdout.write(values.json ? `${jsonLine(view)}\n` : `project ${safeLine(view.name)} (${view.id}) ${where}: ${view.detected?.framework ?? '-'} (${safeLine(view.detected?.reason ?? '')})\n`);
  return 0;
}

async function fetch(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('projects fetch', args, { json: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError('projects fetch: expected exactly one <name>');
  const view = await withContext(config, (ctx) => fetchProject(ctx, positionals[0] ?? ''));
  if (values.json) {
    process.stdout.write(`${jsonLine(view)}\n`);
    return 0;
  }
  if (view.moved.length === 0) process.stdout.write('nothing moved\n');
  for (const m of view.moved) process.stdout.write(`${safeLine(m.ref)}  ${m.from?.slice(0, 12) ?? '(new)'} -> ${m.to?.slice(0, 12) ?? '(gone)'}\n`);
  process.stdout.write(`${safeLine(view.project)} ${safeLine(view.ref)} is at ${view.commit}\n`);
  return 0;
}

async function list(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('projects list', args, { json: { type: 'boolean', default: false } });
  if (positionals.length > 0) throw new UsageError(`projects list: unexpected argument "${positionals[0]}"`);
  const projects = await withContext(config, (ctx) => allProjects(ctx));
  if (values.json) process.stdout.write(`${jsonLine(projects)}\n`);
  else if (projects.length === 0) process.stdout.write('no projects (add one with: patchproof projects add <name> <dir>)\n');
  else for (const p of projects) process.stdout.write(`${safeLine(p.name)}  ${safeLine(p.root)}  ${p.id}\n`);
  return 0;
}

/** "  dependencies 2 installed (2 debian), as of validation <id>" and one line per requirement. */
function dependencyLines(deps: ProjectView['dependencies']): string[] {
  if (deps === null) return [];
  const lines = [`  dependencies ${dependencySummary(deps.record)}, as of validation ${deps.validationId}\n`];
  for (const i of deps.record.installed) lines.push(`    ${safeLine(i.requirement)} (${safeLine(i.file ?? '-')}) <- ${safeLine(i.package)} ${safeLine(i.version ?? '')} from ${safeLine(i.source)}\n`);
  for (const m of deps.record.missing) lines.push(`    ${safeLine(m.requirement)} (${safeLine(m.file ?? '-')}) NOT FOUND, tried ${safeLine(m.tried.join(', '))}\n`);
  return lines;
}

async function show(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('projects show', args, { json: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError('projects show: expected exactly one <name>');
  const p = await withContext(config, (ctx) => showProject(ctx, positionals[0] ?? ''));
  const git = p.git === null ? '' : `  git ${safeLine(p.git.url)} ${safeLine(p.git.ref)} at ${p.git.commit ?? '-'} (tree ${p.git.tree ?? '-'})\n`;
  const rewritten = imageRewriteLines(p.imageRewrites, '  ', 'rewritten').map((line) => `${line}\n`).join('');
  process.stdout.write(values.json ? `${jsonLine(p)}\n` : `${safeLine(p.name)}  ${safeLine(p.root)}  ${p.id}\n${git}  framework ${p.detected?.framework ?? '-'} (${safeLine(p.detected?.reason ?? '')})\n${dependencyLines(p.dependencies).join('')}${rewritten}`);
  return 0;
}
