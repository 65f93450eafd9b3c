/** /login (the form, and its POST checking a token) and /logout. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE } from '../cookies.js';
import type { DashboardState } from '../dashboard-state.js';
import { currentSession, requireCsrf, requireSameOrigin, startSession } from '../guard.js';
import { loginPage } from '../pages/login-page.js';
import { sendPage } from '../respond.js';

const LoginForm = z.object({ token: z.string().max(1000).default(''), next: z.string().max(2000).default('/') });
const LogoutForm = z.object({ csrf: z.string().max(200).optional() });

/** Only a path of ours: never another site (`//evil`, `https://...`), so the login cannot redirect away. */
function safeNext(next: string | undefined): string {
  return next !== undefined && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function sessionRoutes(app: FastifyInstance, { guard }: DashboardState): void {
  app.get('/login', async (request, reply) => {
    if (guard.tokenMatches === null) return reply.redirect('/', 303);
    const next = z.object({ next: z.string().max(2000).optional() }).safeParse(request.query);
    return sendPage(reply, { title: 'Log in', nav: 'none', body: loginPage(safeNext(next.success ? next.data.next : undefined), null) });
  });

  app.post('/login', async (request, reply) => {
    requireSameOrigin(request);
    const form = LoginForm.safeParse(request.body ?? {});
    const next = safeNext(form.success ? form.data.next : undefined);
    if (guard.tokenMatches === null) return reply.redirect('/', 303);
    if (!form.success || !guard.tokenMatches(form.data.token)) {
      return sendPage(reply, { title: 'Log in', nav: 'none', body: loginPage(next, 'That token is not one this server accepts.') }, 401);
    }
    await guard.sessions.delete((await currentSession(guard, request))?.id);
    await startSession(guard, request, reply);
    return reply.redirect(next, 303);
  });

  app.post('/logout', async (request, reply) => {
    requireSameOrigin(request);
    const session = await currentSession(guard, request);
    if (session !== null) {
      const form = LogoutForm.safeParse(request.body ?? {});
      requireCsrf(session, form.success ? form.data.csrf : undefined);
      await guard.sessions.delete(session.id);
    }
    reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return reply.redirect(guard.tokenMatches === null ? '/' : '/login', 303);
  });
}
