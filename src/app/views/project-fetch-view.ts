/** What `projects fetch` did: the refs that moved (null: appeared or went away) and where the project's ref is now. */
import { z } from 'zod';

export const ProjectFetchView = z.object({
  project: z.string(),
  ref: z.string(),
  commit: z.string(),
  tree: z.string(),
  moved: z.array(z.object({ ref: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
});
export type ProjectFetchView = z.infer<typeof ProjectFetchView>;
