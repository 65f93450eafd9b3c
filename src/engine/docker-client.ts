/**
 * The dockerode client, built from Config alone. docker-modem also reads DOCKER_HOST,
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH from process.env and merges them *under* the options
 * given, so every connection option is set here explicitly (undefined when unused) so that the
 * Config, not the environment, decides where we connect.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import type { Config } from '../config.js';
import { InfraError } from '../errors/infra-error.js';

export const DEFAULT_SOCKET_PATH = '/var/run/docker.sock';

export type DockerConnectionConfig = Pick<Config, 'DOCKER_HOST' | 'DOCKER_TLS_VERIFY' | 'DOCKER_CERT_PATH'>;

/** Every connection key, so none is filled in from the environment by docker-modem. */
const NOTHING = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  protocol: undefined,
  username: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
} as const satisfies Docker.DockerOptions;

/**
 * Pure apart from readFile (injected for tests): the dockerode options for a DOCKER_HOST.
 *  - unset            → the local socket
 *  - unix:///path     → that socket
 *  - tcp:// / http:// → plain HTTP, or HTTPS with client certificates when DOCKER_TLS_VERIFY=1
 *  - https://         → HTTPS (client certificates from DOCKER_CERT_PATH when given)
 *  - ssh://user@host  → docker-modem's SSH transport (it runs `docker system dial-stdio` remotely)
 * Ports default as the docker CLI does: 2375 plain, 2376 TLS, 22 SSH.
 */
export function dockerOptionsFor(
  config: DockerConnectionConfig,
  readFile: (file: string) => Buffer = readFileSync,
  homeDir: string = os.homedir(),
): Docker.DockerOptions {
  const hostSetting = config.DOCKER_HOST;
  if (hostSetting === undefined) return { ...NOTHING, socketPath: DEFAULT_SOCKET_PATH };

  let url: URL;
  try {
    url = new URL(hostSetting);
  } catch (cause) {
    throw new InfraError('ENGINE_UNREACHABLE', `DOCKER_HOST "${hostSetting}" is not a valid URL`, { dockerHost: hostSetting }, { cause });
  }

  switch (url.protocol) {
    case 'unix:':
      // unix:///var/run/docker.sock parses with an empty host and the socket as the pathname.
      return { ...NOTHING, socketPath: decodeURIComponent(url.pathname) || DEFAULT_SOCKET_PATH };
    case 'ssh:':
      return {
        ...NOTHING,
        protocol: 'ssh',
        host: url.hostname,
        port: url.port === '' ? 22 : Number(url.port),
        username: url.username === '' ? undefined : decodeURIComponent(url.username),
      };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = config.DOCKER_TLS_VERIFY === '1' || url.protocol === 'https:';
      const options: Docker.DockerOptions = {
        ...NOTHING,
        protocol: tls ? 'https' : 'http',
        host: url.hostname,
        port: url.port === '' ? (tls ? 2376 : 2375) : Number(url.port),
      };
      // With DOCKER_TLS_VERIFY=1 the certificates are required (the docker CLI's default place is
      // ~/.docker); for a bare https:// URL they are used only when DOCKER_CERT_PATH names them.
      const certDir = config.DOCKER_CERT_PATH ?? (config.DOCKER_TLS_VERIFY === '1' ? path.join(homeDir, '.docker') : undefined);
      if (tls && certDir !== undefined) {
        const read = (name: string): Buffer => {
          const file = path.join(certDir, name);
          try {
            return readFile(file);
          } catch (cause) {
            throw new InfraError(
              'ENGINE_UNREACHABLE',
              `cannot read TLS file ${file} for DOCKER_HOST ${hostSetting} (set DOCKER_CERT_PATH to the directory holding ca.pem, cert.pem and key.pem)`,
              { dockerHost: hostSetting, certPath: certDir, file },
              { cause },
            );
          }
        };
        options.ca = read('ca.pem');
        options.cert = read('cert.pem');
        options.key = read('key.pem');
      }
      return options;
    }
    default:
      throw new InfraError('ENGINE_UNREACHABLE', `DOCKER_HOST "${hostSetting}" has an unsupported scheme`, { dockerHost: hostSetting }, {
        cause: new Error(`unsupported scheme ${url.protocol}`),
      });
  }
}

/** A human-readable name for where the client connects, for messages. */
export function describeDockerHost(config: DockerConnectionConfig): string {
  return config.DOCKER_HOST ?? `unix://${DEFAULT_SOCKET_PATH}`;
}

export function createDockerClient(config: Config): Docker {
  return new Docker(dockerOptionsFor(config));
}
