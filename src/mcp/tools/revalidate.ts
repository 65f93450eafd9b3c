/**
 * revalidate: queue finished proposals again, each under its stored overrides. At least one
 * project or proposal must be named: an agent's empty call must not re-queue a whole database.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { revalidate } from '../../app/use-cases/revalidate.js';
import { RevalidateView } from '../../app/views/proposal-view.js';
import { UsageError } from '../../errors/usage-error.js';
import { runTool } from '../tool-result.js';

export function registerRevalidateTool(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'revalidate',
    {
      title: 'Revalidate proposals',
      description: 'Queue finished proposals again (those of the named projects, and the named proposal ids); each new outcome is recorded beside the old one. All or none: when they do not all fit in the queue (PATCHPROOF_MAX_PENDING), none is queued and the error (queue_full) says how many would. Returns the ids queued; follow them with get_proposal.',
      inputSchema: z.object({
        projects: z.array(z.string().min(1).max(200)).max(100).optional(),
        proposalIds: z.array(z.string().min(1).max(100)).max(1000).optional(),
      }),
      outputSchema: RevalidateView,
    },
    ({ projects = [], proposalIds = [] }) =>
      runTool(async () => {
        if (projects.length + proposalIds.length === 0) throw new UsageError('name at least one project or proposal id to revalidate', {}, { field: 'proposalIds' });
        return revalidate(ctx, { projects, proposalIds });
      }),
  );
}
