/**
 * The dashboard's URLs, beside the API's (/v1/..., /mcp, /openapi.json): the API's bearer check
 * leaves these to the dashboard, which checks its session cookie instead (dashboard/guard.ts).
 */
const EXACT = new Set(['/', '/login', '/logout', '/fleet']);
const PREFIXES = ['/proposals/', '/projects/', '/assets/', '/live/'];

export function isDashboardPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return EXACT.has(path) || PREFIXES.some((p) => path.startsWith(p));
}

export const proposalUrl = (id: string): string => `/proposals/${encodeURIComponent(id)}`;
export const projectUrl = (name: string): string => `/projects/${encodeURIComponent(name)}`;
