/** The pages, each at a stable URL, and the one action (revalidate: a POST from this origin with the session's CSRF token). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { revalidate } from '../../app/use-cases/revalidate.js';
import { requireProposal } from '../../app/use-cases/require-proposal.js';
import type { DashboardState } from '../dashboard-state.js';
import { pageSession, requireCsrf, requireSameOrigin, requireSession } from '../guard.js';
import { ListFilters } from '../list-query.js';
import { parseInput as parse } from '../parse-input.js';
import { fleetPage } from '../pages/fleet-page.js';
import { projectPage } from '../pages/project-page.js';
import { proposalPage } from '../pages/proposal-page.js';
import { proposalsPage } from '../pages/proposals-page.js';
import { proposalUrl } from '../paths.js';
import { sendPage } from '../respond.js';

const Id = z.object({ id: z.string().min(1).max(100) });
const Name = z.object({ name: z.string().min(1).max(200) });
const RunQuery = z.object({ v: z.string().max(100).optional() });
const CsrfForm = z.object({ csrf: z.string().max(200).optional() });

export function pageRoutes(app: FastifyInstance, state: DashboardState): void {
  const { guard, server } = state;
  const { ctx } = server;
  const shell = (csrf: string) => ({ csrf, loggedIn: guard.tokenMatches !== null });

  app.get('/', async (request, reply) => {
    const session = await pageSession(guard, request, reply);
    if (session === null) return reply;
    const filters = parse(ListFilters, request.query, 'query');
    return sendPage(reply, { title: 'Proposals', nav: 'proposals', body: await proposalsPage(ctx, filters), ...shell(session.csrf) });
  });

  app.get('/proposals/:id', async (request, reply) => {
    const session = await pageSession(guard, request, reply);
    if (session === null) return reply;
    const { id } = parse(Id, request.params, 'id');
    const page = await proposalPage(ctx, id, parse(RunQuery, request.query, 'query').v, session.csrf);
    return sendPage(reply, { title: page.title, nav: 'proposals', body: page.body, ...shell(session.csrf) });
  });

  app.post('/proposals/:id/revalidate', async (request, reply) => {
    const session = await requireSession(guard, request);
    requireSameOrigin(request);
    requireCsrf(session, parse(CsrfForm, request.body ?? {}, 'body').csrf);
    const { id } = parse(Id, request.params, 'id');
    await requireProposal(ctx, id);
    await revalidate(ctx, { proposalIds: [id] });
    return reply.redirect(proposalUrl(id), 303);
  });

  app.get('/projects/:name', async (request, reply) => {
    const session = await pageSession(guard, request, reply);
    if (session === null) return reply;
    const page = await projectPage(ctx, parse(Name, request.params, 'name').name);
    return sendPage(reply, { title: page.title, nav: 'none', body: page.body, ...shell(session.csrf) });
  });

  app.get('/fleet', async (request, reply) => {
    const session = await pageSession(guard, request, reply);
    if (session === null) return reply;
    return sendPage(reply, { title: 'Fleet', nav: 'fleet', body: await fleetPage(ctx, server.inProcessWorkers()), ...shell(session.csrf) });
  });
}
