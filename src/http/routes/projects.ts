/** /v1/projects: register (refused when no test framework is found), list, show. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addProject, listProjects, showProject } from '../../app/use-cases/projects.js';
import { ProjectListView, ProjectView } from '../../app/views/project-view.js';
import { errorResponses } from '../route-schemas.js';
import type { ServerState } from '../server-state.js';

const AddProjectRequest = z.strictObject({
  name: z.string().min(1).max(100),
  dir: z.string().min(1).max(4096).describe('the project folder on the server host'),
  framework: z.string().max(50).nullable().optional(),
  testCommand: z.string().max(2000).nullable().optional(),
  build: z.boolean().optional(),
  protectTests: z.boolean().optional(),
  strict: z.boolean().optional(),
  minChangedCoverage: z.number().min(0).max(100).nullable().optional(),
});

export const projectRoutes: FastifyPluginAsyncZod<ServerState> = async (app, { ctx }) => {
  app.post('/v1/projects', {
    schema: { tags: ['projects'], summary: 'Register a project (again: updates its run settings)', body: AddProjectRequest, response: { 201: ProjectView, ...errorResponses(400, 422, 503) } },
    handler: async (request, reply) => {
      const view = await addProject(ctx, request.body);
      return reply.code(201).header('location', `/v1/projects/${encodeURIComponent(view.name)}`).send(view);
    },
  });
  app.get('/v1/projects', {
    schema: { tags: ['projects'], summary: 'Every registered project', response: { 200: ProjectListView, ...errorResponses(503) } },
    handler: async () => listProjects(ctx),
  });
  app.get('/v1/projects/:name', {
    schema: { tags: ['projects'], summary: 'One project, with what detection finds in its folder now', params: z.object({ name: z.string().min(1).max(200) }), response: { 200: ProjectView, ...errorResponses(404, 503) } },
    handler: async (request) => showProject(ctx, request.params.name),
  });
};
