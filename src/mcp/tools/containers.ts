/** list_containers and stop_container: patchproof's own containers on the engine, by label. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { listContainers, stopContainer } from '../../app/use-cases/containers.js';
import { ContainerListView, StoppedContainerView } from '../../app/views/run-view.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../app/paging-cursor.js';
import { runTool } from '../tool-result.js';

export function registerContainerTools(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'list_containers',
    {
      title: 'List sandbox containers',
      description: `patchproof's containers on the engine for this database: validations' and execute runs', newest first (limit: default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}; total says how many there are). No other container is shown.`,
      inputSchema: z.object({ limit: z.number().int().min(1).max(MAX_LIMIT).optional() }),
      outputSchema: ContainerListView,
      annotations: { readOnlyHint: true },
    },
    ({ limit }) => runTool(() => listContainers(ctx, limit)),
  );
  server.registerTool(
    'stop_container',
    {
      title: 'Stop a run container',
      description: 'Kill and remove the container of an execute run (by id or name, from list_containers), and its workspace. Validation containers end with their validation and are refused here.',
      inputSchema: z.object({ id: z.string().min(1).max(200) }),
      outputSchema: StoppedContainerView,
      annotations: { destructiveHint: true },
    },
    ({ id }) => runTool(() => stopContainer(ctx, id)),
  );
}
