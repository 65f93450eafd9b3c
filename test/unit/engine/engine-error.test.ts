import { describe, expect, it } from 'vitest';
import { engineFailure, engineInfraError, statusCode } from '../../../src/engine/engine-error.js';
import { InfraError } from '../../../src/errors/infra-error.js';

/** Errors shaped as docker-modem makes them: an HTTP status, or a socket error's code. */
const answered = (status: number) => Object.assign(new Error(`(HTTP code ${status})`), { statusCode: status });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code, syscall: 'connect' });

describe('engineFailure', () => {
  it('tells missing (404) and conflict (409) from any other answer', () => {
    expect([404, 409, 500, 400].map((s) => engineFailure(answered(s)))).toEqual(['missing', 'conflict', 'other', 'other']);
  });

  it('reads a refused, absent or cut connection as unreachable', () => {
    expect(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EACCES'].map((c) => engineFailure(socketError(c)))).toEqual(['unreachable', 'unreachable', 'unreachable', 'unreachable']);
    expect(engineFailure(socketError('EWHATEVER'))).toBe('other');
  });

  it('keeps our own verdicts: a deadline is a timeout, an unreachable engine stays so', () => {
    expect(engineFailure(new InfraError('ENGINE_TIMEOUT', 'late'))).toBe('timeout');
    expect(engineFailure(new InfraError('ENGINE_UNREACHABLE', 'gone'))).toBe('unreachable');
    expect(engineFailure(new InfraError('CONTAINER_FAILED', 'x'))).toBe('other');
  });

  it('decides nothing from message text', () => {
    expect(engineFailure(new Error('no such image: 404 ECONNREFUSED'))).toBe('other');
    expect(engineFailure('ECONNREFUSED')).toBe('other');
    expect(statusCode(new Error('HTTP code 404'))).toBeNull();
  });
});

describe('engineInfraError', () => {
  it('is ENGINE_UNREACHABLE for a dead engine, the caller’s code otherwise, an InfraError itself unchanged', () => {
    const dead = engineInfraError(socketError('ECONNREFUSED'), 'IMAGE_BUILD_FAILED', 'could not look up', { tag: 't' });
    expect(dead).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: 'could not look up', context: { tag: 't' } });
    expect(dead.cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(engineInfraError(answered(500), 'IMAGE_BUILD_FAILED', 'x').code).toBe('IMAGE_BUILD_FAILED');
    const late = new InfraError('ENGINE_TIMEOUT', 'late');
    expect(engineInfraError(late, 'IMAGE_BUILD_FAILED', 'x')).toBe(late);
  });
});
