/**
 * A client for an engine that must already run (validate, proposals): it pings once and, when
 * nothing answers, says how to start one instead of installing anything behind the user's back.
 */
import type Docker from 'dockerode';
import type { Config } from '../config.js';
import { InfraError } from '../errors/infra-error.js';
import { createDockerClient, describeDockerHost } from './docker-client.js';
import { withDeadline } from './engine-deadline.js';

export async function connectEngine(config: Config): Promise<Docker> {
  const docker = createDockerClient(config);
  try {
    // An engine that accepts the connection and never answers is as absent as one that refuses it.
    await withDeadline('answering a ping', config.PATCHPROOF_ENGINE_CALL_TIMEOUT_S * 1000, () => docker.ping());
  } catch (cause) {
    throw new InfraError(
      'ENGINE_UNREACHABLE',
      `no Docker engine answers at ${describeDockerHost(config)}; run \`npx patchproof setup\` (it starts one) or set DOCKER_HOST`,
      { host: describeDockerHost(config) },
      { cause },
    );
  }
  return docker;
}
