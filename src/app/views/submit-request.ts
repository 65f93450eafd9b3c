/**
 * What a network door accepts to submit a proposal (`POST /v1/proposals`; the MCP tools may use
 * it too): whole-file changes or a diff's text, checked again in depth by the use case (paths,
 * sizes, duplicates), so this schema is the shape and the OpenAPI, not the only check.
 */
import { z } from 'zod';
import { OverridesView } from './parts.js';

export const ChangeEntry = z.union(
  [
    z.strictObject({ filepath: z.string().min(1), content: z.string() }),
    z.strictObject({ filepath: z.string().min(1), contentBase64: z.string() }),
    z.strictObject({ filepath: z.string().min(1), delete: z.literal(true) }),
  ],
  { error: 'expected {"filepath": string} with exactly one of "content" (text), "contentBase64" (bytes) or "delete": true' },
);

export const SubmitRequest = z.strictObject({
  project: z.string().min(1).max(200),
  changes: z.array(ChangeEntry).min(1).optional(),
  patch: z.strictObject({ text: z.string().min(1), source: z.string().max(200).optional() }).optional(),
  title: z.string().max(500).nullable().optional(),
  author: z.string().max(200).nullable().optional(),
  priority: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  rerun: z.boolean().optional(),
  protectTests: z.boolean().optional(),
  strict: z.boolean().optional(),
  minChangedCoverage: z.number().min(0).max(100).optional(),
  overrides: OverridesView.optional(),
  base: z.string().min(1).max(200).optional().describe('git projects: the branch, tag or commit to judge the change on; default the project ref\'s commit at submission'),
});
export type SubmitRequest = z.infer<typeof SubmitRequest>;
