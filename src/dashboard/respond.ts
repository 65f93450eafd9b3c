/** Answers of the dashboard: a whole page in the shell, or an error page naming what went wrong. */
import type { FastifyReply } from 'fastify';
import { errorView } from '../app/error-mapping.js';
import { statusOf } from '../http/error-status.js';
import { HttpRefusal } from '../http/http-refusal.js';
import { DashboardRefusal } from './guard.js';
import { html, type Html } from './html.js';
import { layout, type PageShell } from './layout.js';

export function sendPage(reply: FastifyReply, shell: PageShell, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(layout(shell).text);
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, message } = describe(error);
  const body: Html = html`<h1>${status === 404 ? 'Not found' : status < 500 ? 'Refused' : 'Something failed'}</h1><p class="error" role="alert">${message}</p><p><a href="/">Back to the proposals</a></p>`;
  return sendPage(reply, { title: 'Error', nav: 'none', body }, status);
}

function describe(error: unknown): { status: number; message: string } {
  if (error instanceof DashboardRefusal) return { status: error.status, message: error.message };
  if (error instanceof HttpRefusal) return { status: error.status, message: error.message };
  const view = errorView(error);
  return { status: statusOf(view.error.code), message: view.error.message };
}
