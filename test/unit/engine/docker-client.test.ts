import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createDockerClient, dockerOptionsFor } from '../../../src/engine/docker-client.js';
import { isInfraError } from '../../../src/errors/infra-error.js';

const files: Record<string, string> = {
  '/certs/ca.pem': 'CA',
  '/certs/cert.pem': 'CERT',
  '/certs/key.pem': 'KEY',
  '/home/u/.docker/ca.pem': 'HOME-CA',
  '/home/u/.docker/cert.pem': 'HOME-CERT',
  '/home/u/.docker/key.pem': 'HOME-KEY',
};
const readFile = (file: string): Buffer => {
  const text = files[file];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
  return Buffer.from(text);
};
const noRead = (file: string): Buffer => {
  throw new Error(`unexpected read of ${file}`);
};
const options = (config: { DOCKER_HOST?: string; DOCKER_TLS_VERIFY?: '0' | '1'; DOCKER_CERT_PATH?: string }, read = noRead) =>
  dockerOptionsFor(config, read, '/home/u');

describe('dockerOptionsFor', () => {
  it('uses the local socket when DOCKER_HOST is unset', () => {
    expect(options({})).toEqual({ socketPath: '/var/run/docker.sock' });
  });

  it('sets every connection key explicitly so docker-modem cannot fill them from the environment', () => {
    const result = options({});
    for (const key of ['host', 'port', 'protocol', 'username', 'ca', 'cert', 'key']) {
      expect(Object.keys(result)).toContain(key);
      expect(result[key as keyof typeof result]).toBeUndefined();
    }
  });

  it('uses the socket named by unix://', () => {
    expect(options({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toEqual({ socketPath: '/run/user/1000/docker.sock' });
  });

  it('falls back to the default socket for a bare unix://', () => {
    expect(options({ DOCKER_HOST: 'unix://' })).toEqual({ socketPath: '/var/run/docker.sock' });
  });

  it('uses plain HTTP for tcp:// without TLS', () => {
    expect(options({ DOCKER_HOST: 'tcp://10.0.0.5:2375' })).toEqual({ protocol: 'http', host: '10.0.0.5', port: 2375 });
  });

  it('defaults the tcp:// port to 2375', () => {
    expect(options({ DOCKER_HOST: 'tcp://engine.example' })).toEqual({ protocol: 'http', host: 'engine.example', port: 2375 });
  });

  it('ignores DOCKER_TLS_VERIFY=0', () => {
    expect(options({ DOCKER_HOST: 'tcp://h:2375', DOCKER_TLS_VERIFY: '0', DOCKER_CERT_PATH: '/certs' })).toEqual({
      protocol: 'http',
      host: 'h',
      port: 2375,
    });
  });

  it('uses HTTPS with the certificates from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY=1', () => {
    const result = options({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, readFile);
    expect(result).toMatchObject({ protocol: 'https', host: 'h', port: 2376 });
    expect(String(result.ca)).toBe('CA');
    expect(String(result.cert)).toBe('CERT');
    expect(String(result.key)).toBe('KEY');
  });

  it('defaults the TLS port to 2376 and the certificates to ~/.docker, as the docker CLI does', () => {
    const result = options({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1' }, readFile);
    expect(result).toMatchObject({ protocol: 'https', port: 2376 });
    expect(String(result.ca)).toBe('HOME-CA');
  });

  it('reports a missing certificate as ENGINE_UNREACHABLE naming the file', () => {
    let thrown: unknown;
    try {
      options({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nowhere' }, readFile);
    } catch (error) {
      thrown = error;
    }
    expect(isInfraError(thrown)).toBe(true);
    if (!isInfraError(thrown)) return;
    expect(thrown.code).toBe('ENGINE_UNREACHABLE');
    expect(thrown.context).toMatchObject({ file: '/nowhere/ca.pem' });
    expect(thrown.cause).toBeInstanceOf(Error);
  });

  it('uses HTTPS for https://, without client certificates unless DOCKER_CERT_PATH is set', () => {
    expect(options({ DOCKER_HOST: 'https://engine.example:8443' })).toEqual({ protocol: 'https', host: 'engine.example', port: 8443 });
    const withCerts = options({ DOCKER_HOST: 'https://engine.example', DOCKER_CERT_PATH: '/certs' }, readFile);
    expect(withCerts).toMatchObject({ protocol: 'https', port: 2376 });
    expect(String(withCerts.cert)).toBe('CERT');
  });

  it('treats http:// like tcp://', () => {
    expect(options({ DOCKER_HOST: 'http://h:1234' })).toEqual({ protocol: 'http', host: 'h', port: 1234 });
  });

  it('uses the SSH transport for ssh://user@host:port', () => {
    expect(options({ DOCKER_HOST: 'ssh://deploy@build.example:2222' })).toEqual({
      protocol: 'ssh',
      host: 'build.example',
      port: 2222,
      username: 'deploy',
    });
  });

  it('defaults the SSH port to 22 and leaves the user to SSH when none is given', () => {
    expect(options({ DOCKER_HOST: 'ssh://build.example' })).toEqual({ protocol: 'ssh', host: 'build.example', port: 22 });
  });
});

describe('createDockerClient', () => {
  it('connects where the Config says even when the environment says otherwise (docker-modem reads it too)', () => {
    const saved = { host: process.env.DOCKER_HOST, tls: process.env.DOCKER_TLS_VERIFY };
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    process.env.DOCKER_TLS_VERIFY = '1';
    try {
      const modem = createDockerClient(loadConfig({})).modem as unknown as Record<string, unknown>;
      expect(modem.socketPath).toBe('/var/run/docker.sock');
      expect(modem.host).toBeUndefined();
      expect(modem.protocol).toBe('http'); // unused for a socket; not the environment's https
    } finally {
      for (const [key, value] of [['DOCKER_HOST', saved.host], ['DOCKER_TLS_VERIFY', saved.tls]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
