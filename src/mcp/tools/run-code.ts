/** run_code and list_runtimes: the run use case (app/use-cases/run-code.ts) as MCP tools. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { listRuntimes } from '../../app/use-cases/list-runtimes.js';
import { runCode } from '../../app/use-cases/run-code.js';
import { RunCompletedView, RunFile, RuntimesView } from '../../app/views/run-code-view.js';
import { RUNTIMES } from '../../runtimes/registry.js';
import { RuntimeNameSchema } from '../../runtime-names.js';
import { runTool } from '../tool-result.js';

/** "framework pytest for python, node:test for javascript, ...": from the registry, never stale. */
const STEP_FRAMEWORKS = `framework ${RUNTIMES.filter((r) => (r.tests ?? []).length > 0).map((r) => `${(r.tests ?? []).map((f) => f.name).join(' or ')} for ${r.name}`).join(', ')}`;

export function registerRunCodeTools(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'run_code',
    {
      title: 'Run code in a language runtime',
      description:
        `Run a program (python, javascript, typescript, ruby, go, java, bash, rust, php) in a fresh network-less, non-root sandbox under memory, CPU, process, output and time limits; compiled languages compile first. Returns stdout, stderr, the exit code, the duration, the limit hit, and the error mapped to the user's file and line. With \`tests\` (${STEP_FRAMEWORKS}), the code is saved as the runtime's main file beside the test files and per-test results are returned.`,
      inputSchema: z.object({
        language: RuntimeNameSchema,
        code: z.string().max(1024 * 1024).optional().describe("the program, saved as the runtime's main file (main.py, main.js, Main.java, ...)"),
        files: z.array(RunFile).min(1).max(100).optional().describe("or several files, the runtime's main file among them"),
        stdin: z.string().max(1024 * 1024).optional(),
        timeout: z.number().positive().max(86_400).optional().describe('seconds, at most the configured limit'),
        tests: z.object({ framework: z.string().max(50), files: z.array(RunFile).min(1).max(100) }).strict().optional(),
      }),
      outputSchema: RunCompletedView,
    },
    (input, extra) =>
      runTool(async () => {
        const view = await runCode(ctx, { ...input, wait: true }, { signal: extra.signal });
        // Waiting, a run always completes; `starting` only answers wait: false.
        if (view.status !== 'completed') throw new Error(view.reason);
        return view;
      }),
  );
  server.registerTool(
    'list_runtimes',
    { title: 'List the language runtimes', description: "Each runtime (its main file, whether it compiles, its step test frameworks) and its warm pool's state: ready (how many warm), starting, stopped, unavailable (why), or cold.", inputSchema: z.object({}), outputSchema: RuntimesView },
    () => runTool(async () => listRuntimes(ctx)),
  );
}
