/** What the routes of one server share: the app context and the server's own bookkeeping. */
import type { AppContext } from '../app/context.js';
import type { StreamLimits } from './stream-limits.js';

export interface ServerState {
  readonly ctx: AppContext;
  /** Requests that wait on a proposal (event streams, ?wait): aborted when the server closes. */
  readonly waiting: Set<AbortController>;
  /** How many requests may hold a connection open, in all and per client. */
  readonly streams: StreamLimits;
  /** Identities of the workers running in this process (serve --workers N). */
  readonly inProcessWorkers: () => readonly string[];
}

const STATES = new WeakMap<object, ServerState>();

export function rememberState(app: object, state: ServerState): void {
  STATES.set(app, state);
}

/** How many event streams and ?wait requests are following a proposal now (0 once all ended). */
export function openWaits(app: object): number {
  return STATES.get(app)?.waiting.size ?? 0;
}

/** An AbortController registered in `waiting` until `release` (idempotent). */
export function waitSlot(state: ServerState): { readonly controller: AbortController; release(): void } {
  const controller = new AbortController();
  state.waiting.add(controller);
  return { controller, release: () => state.waiting.delete(controller) };
}
