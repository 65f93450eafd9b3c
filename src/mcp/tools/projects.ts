/** list_projects and add_project: the projects proposals can be made against. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { fetchProject, registerProject } from '../../app/use-cases/git-projects.js';
import { listProjects } from '../../app/use-cases/projects.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../app/paging-cursor.js';
import { ProjectFetchView } from '../../app/views/project-fetch-view.js';
import { ProjectListView, ProjectView } from '../../app/views/project-view.js';
import { runTool } from '../tool-result.js';

export function registerProjectTools(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'list_projects',
    {
      title: 'List projects',
      description: `The registered projects by name (folder, how their tests run): the names validate_proposal takes. A page at a time (limit: default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}); pass nextCursor back as cursor for the next page.`,
      inputSchema: z.object({ limit: z.number().int().min(1).max(MAX_LIMIT).optional(), cursor: z.string().min(1).max(500).optional() }),
      outputSchema: ProjectListView,
      annotations: { readOnlyHint: true },
    },
    (query) => runTool(() => listProjects(ctx, query)),
  );

  server.registerTool(
    'add_project',
    {
      title: 'Register a project',
      description:
        'Register a project under a name: a folder on the server host (dir), or a git repository (git: a URL without credentials, mirrored by the server; ref: the branch, tag or commit proposals default to). Refused when no test framework is found in it (jest, maven, go, rspec, minitest, pytest) unless one is named. Adding the same name and folder or URL again updates its settings.',
      inputSchema: z.object({
        name: z.string().max(100).describe('1-100 letters, digits, ".", "_" or "-"'),
        dir: z.string().min(1).max(4096).optional().describe('the project folder, an absolute path on the server host; or give git'),
        git: z.string().min(1).max(2048).optional().describe('a repository URL (https, ssh, git, file) without credentials; or give dir'),
        ref: z.string().min(1).max(200).optional().describe('git: the branch, tag or commit proposals default to (default: the remote HEAD)'),
        framework: z.string().min(1).max(50).optional(),
        testCommand: z.string().max(2000).optional().describe('runs instead of the toolchain command; must write JUnit XML into $PATCHPROOF_REPORT_DIR'),
        build: z.boolean().optional(),
        protectTests: z.boolean().optional(),
        strict: z.boolean().optional(),
        minChangedCoverage: z.number().min(0).max(100).optional(),
      }),
      outputSchema: ProjectView,
    },
    (input) => runTool(() => registerProject(ctx, input)),
  );

  server.registerTool(
    'fetch_project',
    {
      title: "Fetch a git project's repository",
      description: 'Fetch a git project again: says which branches and tags moved and the commit its ref is at now (the default base of new proposals).',
      inputSchema: z.object({ name: z.string().min(1).max(200) }),
      outputSchema: ProjectFetchView,
    },
    (input) => runTool(() => fetchProject(ctx, input.name)),
  );
}
