/**
 * The execute runs this process has going, by container id: stop_container marks a run stopped
 * before it removes the container, so the run's own answer says so whatever the engine showed it
 * in the moment (an exec cut off, a kill's exit code, a container half removed). Runs of another
 * process are told apart afterwards by their container being gone (execute-run.ts).
 */
const running = new Map<string, { stopped: boolean }>();

export interface RunMark {
  readonly stopped: boolean;
  release(): void;
}

export function registerRun(containerId: string): RunMark {
  const entry = { stopped: false };
  running.set(containerId, entry);
  return {
    get stopped() {
      return entry.stopped;
    },
    release: () => void running.delete(containerId),
  };
}

/** Marks this process's run in that container stopped; false when it is not one of ours here. */
export function markStopped(containerId: string): boolean {
  const entry = running.get(containerId);
  if (entry === undefined) return false;
  entry.stopped = true;
  return true;
}
