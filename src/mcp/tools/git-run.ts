/** build_and_execute_from_git: a repository's branch or tag, built with our toolchain template, a command run on it in the sandbox. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { GitRef, GitUrl } from '../../app/git-clone.js';
import { buildAndExecuteFromGit } from '../../app/use-cases/git-run.js';
import { OverridesView } from '../../app/views/parts.js';
import { GitRunView } from '../../app/views/run-view.js';
import { runTool } from '../tool-result.js';

export function registerGitRunTool(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'build_and_execute_from_git',
    {
      title: 'Build a git repository and run a command in it',
      description:
        "Clone a branch or tag (https:// or git://, from a host the server allows: PATCHPROOF_GIT_HOSTS) on the server, build its image from our template for the toolchain detected in it (jest, maven, go, rspec, minitest, pytest; the repository's own Dockerfile is not used), then run a command on the project in /workspace in the network-less sandbox under the configured limits (or lower). Returns stdout, stderr, the exit code, the duration and the limit hit.",
      inputSchema: z.object({
        url: GitUrl,
        ref: GitRef.describe('a branch or tag'),
        command: z.array(z.string().max(64 * 1024)).min(1).max(1000).describe('the program and its arguments, e.g. ["python3", "-m", "pytest", "-q"]'),
        framework: z.string().min(1).max(50).optional().describe('the toolchain to build with, when detection should not choose'),
        limits: OverridesView.optional(),
      }),
      outputSchema: GitRunView,
    },
    (input, extra) => runTool(() => buildAndExecuteFromGit(ctx, { url: input.url, ref: input.ref, command: input.command, framework: input.framework, overrides: input.limits, signal: extra.signal })),
  );
}
