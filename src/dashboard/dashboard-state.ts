/** What the dashboard's routes share: the server's state (app context, open waits) and the session guard. */
import type { ServerState } from '../http/server-state.js';
import type { Guard } from './guard.js';

export interface DashboardState {
  readonly server: ServerState;
  readonly guard: Guard;
}
