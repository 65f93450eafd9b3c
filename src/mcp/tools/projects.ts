/** list_projects and add_project: the projects proposals can be made against. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { addProject, listProjects } from '../../app/use-cases/projects.js';
import { ProjectListView, ProjectView } from '../../app/views/project-view.js';
import { runTool } from '../tool-result.js';

export function registerProjectTools(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'list_projects',
    {
      title: 'List projects',
      description: 'The registered projects (name, folder, how their tests run): the names validate_proposal takes.',
      inputSchema: z.object({}),
      // A tool's structured content is an object: the list goes under `projects`.
      outputSchema: z.object({ projects: ProjectListView }),
      annotations: { readOnlyHint: true },
    },
    () => runTool(async () => ({ projects: await listProjects(ctx) })),
  );

  server.registerTool(
    'add_project',
    {
      title: 'Register a project',
      description:
        'Register a project folder on the server host under a name. Refused when no test framework is found in it (jest, maven, go, rspec, minitest, pytest) unless one is named. Adding the same name and folder again updates its settings.',
      inputSchema: z.object({
        name: z.string().describe('1-100 letters, digits, ".", "_" or "-"'),
        dir: z.string().min(1).describe('the project folder, an absolute path on the server host'),
        framework: z.string().min(1).optional(),
        testCommand: z.string().optional().describe('runs instead of the toolchain command; must write JUnit XML into $PATCHPROOF_REPORT_DIR'),
        build: z.boolean().optional(),
        protectTests: z.boolean().optional(),
        strict: z.boolean().optional(),
        minChangedCoverage: z.number().min(0).max(100).optional(),
      }),
      outputSchema: ProjectView,
    },
    (input) => runTool(() => addProject(ctx, input)),
  );
}
