/**
 * `patchproof mcp [--workers N]`: the MCP server over stdio. stdout carries only the protocol:
 * logs go to stderr, and console.log/info/debug are pointed there too, so no stray print can
 * corrupt a message. --workers (default 1) runs worker slots in this process so
 * validate_proposal's verdict comes without a separate `patchproof worker`; 0 leaves the queue
 * to workers elsewhere (validate_proposal then waits at most its waitSeconds). The server ends
 * when the client closes stdin, or on SIGTERM/SIGINT: running validations are stopped and their
 * proposals queued again (after PATCHPROOF_DRAIN_TIMEOUT_S at most, at once when the client left).
 * The runtimes' warm pools (PATCHPROOF_WARM_POOL) start with it, as with `serve`, and stop with
 * it: job runs going are stopped, the warm sandboxes and the used ones removed before it exits.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { type AppContext, createContext } from '../../app/context.js';
import { stopJobs } from '../../app/job-service.js';
import { startRuntimePools, stopRuntimes } from '../../app/runtime-service.js';
import { startInProcessWorkers, type InProcessWorkers } from '../../../workers/in-process-workers.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { mcpMessageLimit } from '../../mcp/message-limit.js';
import { createMcpServer } from '../../mcp/server.js';
import { parseCommandArgs } from '../cli-args.js';
import { safeLine } from '../terminal-text.js';

const flags = z.object({ workers: z.coerce.number().int().min(0).max(64).default(1) });

export async function mcpCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('mcp', args, { workers: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`mcp: unexpected argument "${positionals[0]}"`);
  const parsed = flags.safeParse({ workers: values.workers });
  if (!parsed.success) throw new UsageError(`mcp: --workers ${parsed.error.issues[0]?.message ?? 'is invalid'} (0 to 64)`, {}, { field: 'workers' });
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} mcp ${process.pid}: ${safeLine(line)}\n`);

  const ctx = createContext(config);
  let slots: InProcessWorkers | null = null;
  try {
    startRuntimePools(ctx);
    if (parsed.data.workers > 0) {
      try {
        slots = await startInProcessWorkers(ctx, parsed.data.workers, { schedules: false, log });
      } catch (error) {
        // Reads (get/list) still work without an engine; validate_proposal will wait and say so.
        log(`no in-process worker: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const server = createMcpServer(ctx);
    const transport = new StdioServerTransport(process.stdin, process.stdout, { maxBufferSize: mcpMessageLimit(ctx) });
    const closed = new Promise<'client'>((resolve) => (transport.onclose = () => resolve('client')));
    let signalled: (signal: NodeJS.Signals) => void = () => undefined;
    const signal = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
    process.on('SIGINT', signalled);
    process.on('SIGTERM', signalled);
    await server.connect(transport);
    // stdin's end is the client leaving; the SDK's transport only reports errors on it.
    process.stdin.once('end', () => void transport.close());
    log(`serving MCP over stdio with ${slots === null ? 'no' : parsed.data.workers} in-process worker slot(s)${slots === null ? '' : ` as ${slots.identity}`}`);
    const why = await Promise.race([closed, signal]);
    log(why === 'client' ? 'client closed the connection: stopping' : `${why}: stopping`);
    await server.close().catch(() => undefined);
    // A signal while stopping (a client's SIGTERM after it closed stdin) stops running
    // validations now; the handlers stay until they are stopped, or the default would kill us
    // with their containers still up.
    const now = () => slots?.abort();
    process.on('SIGINT', now);
    process.on('SIGTERM', now);
    try {
      await Promise.all([slots?.stop(why === 'client' ? 0 : config.PATCHPROOF_DRAIN_TIMEOUT_S * 1000), stopRunsAndPools(ctx)]);
    } finally {
      for (const handler of [signalled, now]) {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      }
    }
  } finally {
    await stopRunsAndPools(ctx); // a no-op when done above
    await ctx.close();
  }
  return 0;
}

/** Jobs first: their runs hold sandboxes that the runtimes' stop then waits to see removed, with the warm ones. */
async function stopRunsAndPools(ctx: AppContext): Promise<void> {
  await stopJobs(ctx);
  await stopRuntimes(ctx);
}
