/**
 * A client for an engine that must already run (validate, proposals): it pings once and, when
 * nothing answers, says how to start one instead of installing anything behind the user's back.
 */
import type Docker from 'dockerode';
import type { Config } from '../config.js';
import { InfraError } from '../errors/infra-error.js';
import { createDockerClient, describeDockerHost } from './docker-client.js';

export async function connectEngine(config: Config): Promise<Docker> {
  const docker = createDockerClient(config);
  try {
    await docker.ping();
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
