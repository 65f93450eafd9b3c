/**
 * Every call to the engine ends: it is given an AbortSignal (dockerode passes `abortSignal` to the
 * HTTP request, which then closes the connection) and raced against its deadline, so a call the
 * engine never answers, or a stream it never ends, returns as an InfraError ENGINE_TIMEOUT naming
 * the call, whatever dockerode does with the signal. A stream obtained inside the call is the
 * call's to close: `closeStream` in a finally, on every exit path, because an engine streaming
 * into a connection nobody reads keeps the container locked (kill and remove then block).
 */
import { InfraError } from '../errors/infra-error.js';

export async function withDeadline<T>(call: string, timeoutMs: number, run: (signal: AbortSignal) => Promise<T>, context: Readonly<Record<string, unknown>> = {}): Promise<T> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new InfraError('ENGINE_TIMEOUT', `the engine did not finish ${call} within ${seconds(timeoutMs)}`, { ...context, call, timeoutMs });
      abort.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const running = run(abort.signal);
  // Once the deadline has won, the abandoned call's late answer is closed if it is a stream.
  running.then((late) => abort.signal.aborted && closeStream(late), () => undefined);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Stops reading and closes the connection under a stream; safe to call twice or on anything. */
export function closeStream(stream: unknown): void {
  if (typeof stream === 'object' && stream !== null && 'destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
