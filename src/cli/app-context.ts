/** The CLI's one application context per command run, closed however the command ends. */
import { createContext, type AppContext } from '../app/context.js';
import type { Config } from '../config.js';

export async function withContext<T>(config: Config, run: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = createContext(config);
  try {
    return await run(ctx);
  } finally {
    await ctx.close();
  }
}
