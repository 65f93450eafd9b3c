/** The proposals page's filters from its query string (zod at the edge): empty fields mean "any". */
import { z } from 'zod';
import { queryWholeNumber } from '../app/views/query-number.js';
import { MAX_LIMIT } from '../app/paging-cursor.js';
import { PROPOSAL_STATUS_VALUES } from '../app/views/proposal-list-view.js';

const blankless = z.string().trim().max(200).transform((v) => (v === '' ? undefined : v)).optional();

export const ListFilters = z.object({
  project: blankless,
  status: z.union([z.enum(PROPOSAL_STATUS_VALUES), z.literal('').transform(() => undefined)]).optional(),
  author: blankless,
  text: blankless,
  cursor: z.string().max(500).optional(),
  limit: queryWholeNumber(1, MAX_LIMIT).optional(),
});
export type ListFilters = z.infer<typeof ListFilters>;

/** The filters and page size as a query string (without the cursor), for links and the live stream. */
export function filterQuery(f: ListFilters): string {
  const q = new URLSearchParams();
  for (const key of ['project', 'status', 'author', 'text', 'limit'] as const) {
    const v = f[key];
    if (v !== undefined) q.set(key, String(v));
  }
  return q.toString();
}
