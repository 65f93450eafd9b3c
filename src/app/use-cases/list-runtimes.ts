/** Each runtime and its warm pool's state: ready (how many), starting, stopped, unavailable (why), or cold (no pool). */
import { RUNTIMES } from '../../runtimes/registry.js';
import type { AppContext } from '../context.js';
import { runtimeService } from '../runtime-service.js';
import type { RuntimesView } from '../views/run-code-view.js';

export function listRuntimes(ctx: AppContext): RuntimesView {
  const service = runtimeService(ctx);
  return {
    runtimes: RUNTIMES.map((runtime) => {
      const state = service.status(runtime);
      return {
        name: runtime.name,
        mainFile: runtime.mainFile,
        compiled: runtime.compile !== null,
        testFrameworks: (runtime.tests ?? []).map((f) => f.name),
        state: state.state,
        ready: state.ready,
        starting: state.starting,
        target: state.target,
        reason: state.state === 'unavailable' ? state.reason : null,
        retryAt: state.state === 'unavailable' ? state.retryAt : null,
      };
    }),
  };
}
