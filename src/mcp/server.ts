/**
 * The MCP server: one McpServer over one application context, each tool a one-line
 * registration. The stdio command makes one per process; the HTTP handler one per request.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AppContext } from '../app/context.js';
import { PACKAGE_VERSION } from './package-version.js';
import { registerContainerTools } from './tools/containers.js';
import { registerExecuteTools } from './tools/execute.js';
import { registerRunCodeTools } from './tools/run-code.js';
import { registerRunJobTool } from './tools/run-job.js';
import { registerGitRunTool } from './tools/git-run.js';
import { registerProjectTools } from './tools/projects.js';
import { registerProposalTools } from './tools/proposals.js';
import { registerRevalidateTool } from './tools/revalidate.js';
import { registerValidateProposalTool } from './tools/validate-proposal.js';

export interface McpServerOptions {
  /** How often a waiting validate_proposal repeats where things stand when nothing new happened. */
  readonly heartbeatMs?: number;
}

export const DEFAULT_HEARTBEAT_MS = 10_000;

export function createMcpServer(ctx: AppContext, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'patchproof', version: PACKAGE_VERSION },
    {
      instructions:
        'patchproof tells whether a proposed code change is good: it applies the change to a registered project in a network-less sandbox and runs its tests with coverage. list_projects gives the project names; validate_proposal submits a change and waits for the verdict; get_proposal shows per-test results.',
    },
  );
  registerValidateProposalTool(server, ctx, { heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS });
  registerProposalTools(server, ctx);
  registerProjectTools(server, ctx);
  registerRevalidateTool(server, ctx);
  registerExecuteTools(server, ctx);
  registerGitRunTool(server, ctx);
  registerContainerTools(server, ctx);
  registerRunCodeTools(server, ctx);
  registerRunJobTool(server, ctx);
  return server;
}
