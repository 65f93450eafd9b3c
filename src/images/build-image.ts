/**
 * Builds one image through the Engine API and fails with the engine's own words when a step
 * fails. dockerode's followProgress calls a failed build a success, so every event is read for
 * `error`. Builds use the host network: that is the only way to Debian's mirror and npm here.
 * The request has the build's deadline too (an engine that never answers it), and the context
 * stream is closed however the build ends.
 */
import type Docker from 'dockerode';
import { z } from 'zod';
import { closeStream, withDeadline } from '../engine/engine-deadline.js';
import { InfraError } from '../errors/infra-error.js';
import { LABEL_OWNER } from '../sandbox/labels.js';

export interface BuildRequest {
  readonly tag: string;
  readonly context: NodeJS.ReadableStream;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** The deadline of the engine's other calls (the image inspect that confirms the build). */
  readonly engineTimeoutMs: number;
  readonly onProgress: (line: string) => void;
}

const eventSchema = z.looseObject({
  stream: z.string().optional(),
  status: z.string().optional(),
  error: z.string().optional(),
  errorDetail: z.looseObject({ message: z.string().optional() }).optional(),
});

const KEPT_LINES = 30;

export async function buildImage(docker: Docker, request: BuildRequest): Promise<void> {
  try {
    await build(docker, request);
  } finally {
    closeStream(request.context);
  }
}

async function build(docker: Docker, request: BuildRequest): Promise<void> {
  let response: NodeJS.ReadableStream;
  try {
    response = await withDeadline(`starting the build of ${request.tag}`, request.timeoutMs, (abortSignal) => docker.buildImage(request.context, {
      t: request.tag,
      networkmode: 'host',
      buildargs: { ...request.buildArgs },
      labels: { [LABEL_OWNER]: 'true', ...request.labels },
      rm: true,
      // A failed RUN step would otherwise leave its container behind.
      forcerm: true,
      abortSignal,
    }));
  } catch (cause) {
    if (cause instanceof InfraError) throw cause;
    throw new InfraError('IMAGE_BUILD_FAILED', `the engine refused to build ${request.tag}`, { tag: request.tag }, { cause });
  }

  const lastLines: string[] = [];
  let failure: string | null = null;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    // Closing the request cancels the build in the engine.
    if ('destroy' in response && typeof response.destroy === 'function') response.destroy();
  }, request.timeoutMs);

  try {
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        response,
        (err: Error | null) => (err !== null && !timedOut ? reject(err) : resolve()),
        (raw: unknown) => {
          const event = eventSchema.safeParse(raw);
          if (!event.success) return;
          const text = (event.data.stream ?? event.data.status ?? '').replace(/\s+$/, '');
          if (text !== '') {
            for (const line of text.split('\n')) {
              lastLines.push(line);
              if (lastLines.length > KEPT_LINES) lastLines.shift();
              request.onProgress(line);
            }
          }
          const message = event.data.errorDetail?.message ?? event.data.error;
          if (message !== undefined && failure === null) failure = message;
        },
      );
    });
  } catch (cause) {
    throw new InfraError('IMAGE_BUILD_FAILED', `building ${request.tag} broke off: ${String(cause)}`, { tag: request.tag, log: lastLines }, { cause });
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) {
    throw new InfraError('IMAGE_BUILD_FAILED', `building ${request.tag} took longer than ${Math.round(request.timeoutMs / 1000)} s`, { tag: request.tag, log: lastLines });
  }
  if (failure !== null) {
    throw new InfraError('IMAGE_BUILD_FAILED', `building ${request.tag} failed: ${failure}`, { tag: request.tag, log: lastLines });
  }
  // The stream can end cleanly without an image (engine restarted mid-build): check for it.
  try {
    await withDeadline('inspecting the built image', request.engineTimeoutMs, () => docker.getImage(request.tag).inspect(), { tag: request.tag });
  } catch (cause) {
    if (cause instanceof InfraError) throw cause;
    throw new InfraError('IMAGE_BUILD_FAILED', `building ${request.tag} reported success but the image does not exist`, { tag: request.tag, log: lastLines }, { cause });
  }
}
