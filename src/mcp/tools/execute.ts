/**
 * execute_container and execute_with_payload: a command in an allow-listed image, in our
 * hardened sandbox (not a thin Docker wrapper): network none, the configured limits or lower.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { executeRun } from '../../app/use-cases/execute-run.js';
import { OverridesView } from '../../app/views/parts.js';
import { RunResultView } from '../../app/views/run-view.js';
import { checkedChanges } from '../../app/checked-changes.js';
import { runTool } from '../tool-result.js';

const common = {
  image: z.string().min(1).max(300).describe('one of the images the server allows (PATCHPROOF_RUN_IMAGES)'),
  command: z.array(z.string().max(64 * 1024)).min(1).max(1000).describe('the program and its arguments, run in /workspace as an unprivileged user, e.g. ["sh", "-c", "echo hi"]'),
  limits: OverridesView.optional().describe('lower limits for this run (timeoutS, cpuTimeS, memoryMb, pidsLimit, workspaceMb, tmpMb, outputLimitBytes); never above the configured ones'),
};

const FileEntry = z.union([
  z.object({ filepath: z.string().max(4096), content: z.string() }).strict(),
  z.object({ filepath: z.string().max(4096), contentBase64: z.string() }).strict(),
]);

export function registerExecuteTools(server: McpServer, ctx: AppContext): void {
  const description = 'in a network-less, non-root, read-only sandbox under memory, CPU, process, disk, output and time limits. Returns stdout, stderr (head and tail when long), the exit code, the duration and the limit hit, if any.';
  server.registerTool(
    'execute_container',
    { title: 'Run a command in a sandbox', description: `Run a command in an allowed image ${description}`, inputSchema: z.object(common), outputSchema: RunResultView },
    (input, extra) => runTool(() => executeRun(ctx, { image: input.image, command: input.command, overrides: input.limits, signal: extra.signal })),
  );
  server.registerTool(
    'execute_with_payload',
    {
      title: 'Run a command on uploaded files',
      description: `Write the given files into the sandbox's workspace (/workspace), then run a command in an allowed image ${description}`,
      inputSchema: z.object({ ...common, files: z.array(FileEntry).min(1).describe('files written under /workspace, paths relative to it') }),
      outputSchema: RunResultView,
    },
    (input, extra) =>
      runTool(async () => {
        const files = checkedChanges(ctx, input.files, 'files');
        return executeRun(ctx, { image: input.image, command: input.command, files, overrides: input.limits, signal: extra.signal });
      }),
  );
}

