/** A proposal's change as lines to read (app/use-cases/proposal-diff.ts). */
import { z } from 'zod';

export const DiffLine = z.object({ kind: z.enum(['add', 'del', 'ctx', 'hunk', 'meta']), text: z.string() });
export type DiffLine = z.infer<typeof DiffLine>;

export const DiffView = z.object({
  /** `patch`: the unified diff as submitted; `files`: whole files compared with the folder now. */
  source: z.enum(['patch', 'files']),
  files: z.array(z.object({ path: z.string(), lines: z.array(DiffLine) })),
  omittedFiles: z.number().int(),
  omittedLines: z.number().int(),
});
export type DiffView = z.infer<typeof DiffView>;
