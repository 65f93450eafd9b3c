/** The runtimes' names, apart from their definitions: configuration parses against these. */
import { z } from 'zod';

export const RUNTIME_NAMES = ['python', 'javascript', 'typescript', 'ruby', 'go', 'java', 'bash', 'rust', 'php'] as const;
export type RuntimeName = (typeof RUNTIME_NAMES)[number];
export const RuntimeNameSchema = z.enum(RUNTIME_NAMES);

/** `python:2,javascript:1`: how many warm sandboxes each runtime keeps ready. */
export const warmPoolSpec = z
  .string()
  .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part !== ''))
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[a-z]+:\d+$/, 'each entry must be runtime:count, e.g. python:2')
        .transform((part) => {
          const [name = '', count = ''] = part.split(':');
          return { name, count: Number(count) };
        })
        .pipe(z.object({ name: RuntimeNameSchema, count: z.number().int().min(0).max(32) })),
    ),
  )
  .transform((entries) => {
    const counts: Partial<Record<RuntimeName, number>> = {};
    for (const { name, count } of entries) counts[name] = count;
    return counts;
  })
  .optional();
