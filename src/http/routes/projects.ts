/** /v1/projects: register (refused when no test framework is found), list, show. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fetchProject, registerProject } from '../../app/use-cases/git-projects.js';
import { listProjects, showProject } from '../../app/use-cases/projects.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../app/paging-cursor.js';
import { queryWholeNumber } from '../../app/views/query-number.js';
import { ProjectFetchView } from '../../app/views/project-fetch-view.js';
import { ProjectListView, ProjectView } from '../../app/views/project-view.js';
import { errorResponses, NO_BODY_LIMIT } from '../route-schemas.js';
import type { ServerState } from '../server-state.js';

const PROJECT_BODY_LIMIT = 64 * 1024;

const AddProjectRequest = z.strictObject({
  name: z.string().min(1).max(100),
  dir: z.string().min(1).max(4096).optional().describe('the project folder on the server host; or give git'),
  git: z.string().min(1).max(2048).optional().describe('a repository URL (https, ssh, git, file) without credentials, mirrored by the server; or give dir'),
  ref: z.string().min(1).max(200).nullable().optional().describe('git: the branch, tag or commit proposals default to (default: the remote HEAD)'),
  framework: z.string().max(50).nullable().optional(),
  testCommand: z.string().max(2000).nullable().optional(),
  build: z.boolean().optional(),
  protectTests: z.boolean().optional(),
  strict: z.boolean().optional(),
  minChangedCoverage: z.number().min(0).max(100).nullable().optional(),
});

export const projectRoutes: FastifyPluginAsyncZod<ServerState> = async (app, { ctx }) => {
  app.post('/v1/projects', {
    // The largest registration is a few KiB; the server's limit is sized for proposals.
    bodyLimit: PROJECT_BODY_LIMIT,
    schema: { tags: ['projects'], summary: 'Register a project (again: updates its run settings)', body: AddProjectRequest, response: { 201: ProjectView, ...errorResponses(400, 409, 422, 503) } },
    handler: async (request, reply) => {
      const view = await registerProject(ctx, request.body);
      return reply.code(201).header('location', `/v1/projects/${encodeURIComponent(view.name)}`).send(view);
    },
  });
  app.get('/v1/projects', {
    schema: {
      tags: ['projects'],
      summary: `The registered projects by name, a page at a time (limit: default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}; nextCursor passed back as cursor for the next)`,
      querystring: z.strictObject({ limit: queryWholeNumber(1, MAX_LIMIT).optional(), cursor: z.string().min(1).max(500).optional() }),
      response: { 200: ProjectListView, ...errorResponses(400, 503) },
    },
    handler: async (request) => listProjects(ctx, request.query),
  });
  app.get('/v1/projects/:name', {
    schema: { tags: ['projects'], summary: 'One project, with what detection finds in its folder now', params: z.object({ name: z.string().min(1).max(200) }), response: { 200: ProjectView, ...errorResponses(404, 503) } },
    handler: async (request) => showProject(ctx, request.params.name),
  });
  app.post('/v1/projects/:name/fetch', {
    bodyLimit: NO_BODY_LIMIT,
    schema: { tags: ['projects'], summary: "Fetch a git project's repository again: the refs that moved, its ref's commit now", params: z.object({ name: z.string().min(1).max(200) }), response: { 200: ProjectFetchView, ...errorResponses(400, 404, 422, 503) } },
    handler: async (request) => fetchProject(ctx, request.params.name),
  });
};
