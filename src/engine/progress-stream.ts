/**
 * Reads the JSON-lines progress stream the engine sends for pulls and imports. Used instead of
 * dockerode's modem.followProgress because that one reports success for a pull that failed (the
 * failure arrives as an `error`/`errorDetail` event inside an HTTP 200 stream), treats a stream
 * closed before its end as success, and throws from inside an event handler on a non-JSON line.
 */

export interface ProgressEvent {
  readonly status?: string;
  readonly id?: string;
  readonly progress?: string;
  readonly progressDetail?: { readonly current?: number; readonly total?: number };
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string; readonly code?: number };
}

export interface FollowOptions {
  /** Whole-stream bound. */
  readonly timeoutMs: number;
  /** Bound on silence between events (a stalled registry or upload). */
  readonly idleTimeoutMs?: number;
  readonly onEvent?: (event: ProgressEvent) => void;
}

/** Resolves with every event once the stream ends cleanly; rejects on the first error event. */
export function followProgressStream(stream: NodeJS.ReadableStream, options: FollowOptions): Promise<ProgressEvent[]> {
  return new Promise((resolve, reject) => {
    const events: ProgressEvent[] = [];
    let buffered = '';
    let settled = false;
    let idleTimer: NodeJS.Timeout | undefined;

    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      if (idleTimer) clearTimeout(idleTimer);
      stream.removeListener('data', onData);
      if (error) {
        // Stop reading: the engine sees the connection drop and abandons the pull or import.
        (stream as Partial<{ destroy(): void }>).destroy?.();
        reject(error);
      } else {
        resolve(events);
      }
    };
    const armIdle = () => {
      if (options.idleTimeoutMs === undefined) return;
      if (idleTimer) clearTimeout(idleTimer);
      const ms = options.idleTimeoutMs;
      idleTimer = setTimeout(() => finish(new Error(`no progress from the engine for ${Math.round(ms / 1000)} s`)), ms);
    };
    const totalTimer = setTimeout(
      () => finish(new Error(`not finished within ${Math.round(options.timeoutMs / 1000)} s`)),
      options.timeoutMs,
    );

    const handleLine = (line: string) => {
      const text = line.trim();
      if (text === '') return;
      let event: ProgressEvent;
      try {
        event = JSON.parse(text) as ProgressEvent;
      } catch {
        finish(new Error(`unexpected output from the engine: ${text.slice(0, 200)}`));
        return;
      }
      events.push(event);
      const failure = event.errorDetail?.message ?? event.error;
      if (failure !== undefined) {
        finish(new Error(failure));
        return;
      }
      options.onEvent?.(event);
    };
    const onData = (chunk: Buffer | string) => {
      armIdle();
      buffered += chunk.toString();
      let newline: number;
      while (!settled && (newline = buffered.indexOf('\n')) >= 0) {
        handleLine(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    };

    armIdle();
    stream.on('data', onData);
    stream.once('error', (error: Error) => finish(error));
    stream.once('end', () => {
      if (!settled) handleLine(buffered); // the last event may lack a newline
      finish();
    });
    stream.once('close', () => finish(new Error('the engine closed the progress stream before it ended')));
  });
}

/** One human line per event worth showing (byte-count ticks are skipped). */
export function describeProgressEvent(event: ProgressEvent): string | undefined {
  if (event.status === undefined) return undefined;
  if (event.progressDetail?.current !== undefined) return undefined;
  return event.id === undefined ? event.status : `${event.id}: ${event.status}`;
}
