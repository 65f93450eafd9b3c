import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { InputError } from '../../src/errors/input-error.js';

const ENV_EXAMPLE = new URL('../../.env.example', import.meta.url);

/** The variables in the schema that have no default, so loadConfig({}) leaves them out. */
const OPTIONAL_WITHOUT_DEFAULT = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'PATCHPROOF_APT_MIRROR', 'PATCHPROOF_MIN_COVERAGE', 'PATCHPROOF_DATABASE_URL', 'PATCHPROOF_REVALIDATE_CRON', 'PATCHPROOF_REVALIDATE_PROJECTS', 'PATCHPROOF_API_TOKENS', 'PATCHPROOF_CORS_ORIGINS'];

/** Every variable name loadConfig looks up in the environment it is given. */
function variablesRead(): Set<string> {
  const read = new Set<string>();
  const spy = new Proxy<Record<string, string | undefined>>(
    {},
    {
      get(_target, key) {
        if (typeof key === 'string') read.add(key);
        return undefined;
      },
    },
  );
  loadConfig(spy);
  return read;
}

function schemaKeys(): Set<string> {
  return new Set([...Object.keys(loadConfig({})), ...OPTIONAL_WITHOUT_DEFAULT, ...variablesRead()]);
}

/** Names in .env.example written as `NAME=value` (documented with a default) or `# NAME=...`. */
function documented(): { withDefault: Map<string, string>; commented: Set<string> } {
  const withDefault = new Map<string, string>();
  const commented = new Set<string>();
  for (const line of readFileSync(ENV_EXAMPLE, 'utf8').split('\n')) {
    const set = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (set?.[1] !== undefined) withDefault.set(set[1], set[2] ?? '');
    const mention = /^#\s*([A-Z][A-Z0-9_]*)=/.exec(line);
    if (mention?.[1] !== undefined) commented.add(mention[1]);
  }
  return { withDefault, commented };
}

function usageErrorOf(env: Record<string, string>): InputError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      PATCHPROOF_DB_PATH: 'data/patchproof.sqlite',
      PATCHPROOF_DB_BUSY_TIMEOUT_MS: 5000,
      PATCHPROOF_DOCKERD_LOG: '/var/log/patchproof-dockerd.log',
      PATCHPROOF_ENGINE_START_TIMEOUT_S: 60,
      PATCHPROOF_FLAKY_RERUNS: 2,
      PATCHPROOF_ENGINE_CALL_TIMEOUT_S: 120,
      PATCHPROOF_BASE_IMAGE: 'local/debian:bookworm',
      PATCHPROOF_BASE_IMAGE_PULL: 'debian:bookworm',
      PATCHPROOF_MEMORY_MB: 1024,
      PATCHPROOF_CPUS: 1,
      PATCHPROOF_PIDS_LIMIT: 256,
      PATCHPROOF_WORKSPACE_MB: 512,
      PATCHPROOF_TMP_MB: 256,
      PATCHPROOF_TEST_TIMEOUT_S: 300,
      PATCHPROOF_CPU_TIME_S: 240,
      PATCHPROOF_BUILD_TIMEOUT_S: 300,
      PATCHPROOF_IMAGE_BUILD_TIMEOUT_S: 900,
      PATCHPROOF_STEP_TIMEOUT_S: 60,
      PATCHPROOF_OUTPUT_KEEP_BYTES: 65536,
      PATCHPROOF_OUTPUT_LIMIT_BYTES: 16777216,
      PATCHPROOF_MAX_CHANGE_FILES: 1000,
      PATCHPROOF_MAX_FILE_BYTES: 5242880,
      PATCHPROOF_MAX_CHANGES_BYTES: 52428800,
      PATCHPROOF_MAX_PENDING: 10000,
      PATCHPROOF_HTTP_MAX_WAIT_S: 60,
      PATCHPROOF_SSE_HEARTBEAT_S: 15,
      PATCHPROOF_HTTP_MAX_STREAMS: 1000,
      PATCHPROOF_HTTP_MAX_STREAMS_PER_CLIENT: 32,
      PATCHPROOF_HTTP_REQUEST_TIMEOUT_S: 120,
      PATCHPROOF_HTTP_MAX_CONNECTIONS: 2048,
      PATCHPROOF_DASHBOARD_SESSION_S: 43200,
      PATCHPROOF_RUN_IMAGES: [],
      PATCHPROOF_GIT_HOSTS: [],
      PATCHPROOF_RUN_CONCURRENCY: 4,
      PATCHPROOF_GIT_DIR: 'data/git',
      PATCHPROOF_PROJECT_GIT_HOSTS: [],
      PATCHPROOF_GIT_TIMEOUT_S: 600,
      PATCHPROOF_POLL_INTERVAL_MS: 1000,
      PATCHPROOF_LEASE_S: 60,
      PATCHPROOF_MAX_ATTEMPTS: 3,
      PATCHPROOF_RETRY_BACKOFF_S: 15,
      PATCHPROOF_DRAIN_TIMEOUT_S: 600,
      PATCHPROOF_JANITOR_CRON: '*/10 * * * *',
      PATCHPROOF_IMAGE_PRUNE_CRON: '17 3 * * *',
      PATCHPROOF_IMAGE_MAX_IDLE_DAYS: 14,
    });
  });

  it('checks cron expressions and project lists, naming the variable', () => {
    expect(() => loadConfig({ PATCHPROOF_REVALIDATE_CRON: 'every night' })).toThrow(/PATCHPROOF_REVALIDATE_CRON: is not a cron expression.*\(got "every night"\)/);
    expect(() => loadConfig({ PATCHPROOF_JANITOR_CRON: '61 * * * *' })).toThrow(/PATCHPROOF_JANITOR_CRON/);
    expect(loadConfig({ PATCHPROOF_REVALIDATE_CRON: '*/5 * * * * *' }).PATCHPROOF_REVALIDATE_CRON).toBe('*/5 * * * * *');
    expect(loadConfig({ PATCHPROOF_REVALIDATE_PROJECTS: ' calc, web ,' }).PATCHPROOF_REVALIDATE_PROJECTS).toEqual(['calc', 'web']);
    expect(() => loadConfig({ PATCHPROOF_REVALIDATE_PROJECTS: ' , ' })).toThrow(/PATCHPROOF_REVALIDATE_PROJECTS: names no project/);
  });

  it('reads the run images as a list of name:tag, naming the variable when one is not', () => {
    expect(loadConfig({ PATCHPROOF_RUN_IMAGES: ' local/debian:bookworm, python:3.12-slim ,' }).PATCHPROOF_RUN_IMAGES).toEqual(['local/debian:bookworm', 'python:3.12-slim']);
    expect(() => loadConfig({ PATCHPROOF_RUN_IMAGES: 'ubuntu' })).toThrow(/PATCHPROOF_RUN_IMAGES/);
    expect(loadConfig({ PATCHPROOF_GIT_HOSTS: 'GitHub.com, 127.0.0.1' }).PATCHPROOF_GIT_HOSTS).toEqual(['github.com', '127.0.0.1']);
    expect(() => loadConfig({ PATCHPROOF_GIT_HOSTS: 'https://github.com' })).toThrow(/PATCHPROOF_GIT_HOSTS/);
  });

  it('takes only postgres URLs for the database', () => {
    expect(loadConfig({ PATCHPROOF_DATABASE_URL: 'postgres://u:p@db:5432/pp' }).PATCHPROOF_DATABASE_URL).toBe('postgres://u:p@db:5432/pp');
    expect(() => loadConfig({ PATCHPROOF_DATABASE_URL: 'mysql://db/pp' })).toThrow(/PATCHPROOF_DATABASE_URL: must be a postgres/);
  });

  it('leaves optional variables without a default undefined when unset', () => {
    const config = loadConfig({});
    for (const key of OPTIONAL_WITHOUT_DEFAULT) expect(config, key).not.toHaveProperty(key);
  });

  it('turns numeric strings into numbers, trimming surrounding spaces', () => {
    const config = loadConfig({
      PATCHPROOF_MEMORY_MB: '2048',
      PATCHPROOF_CPUS: '0.5',
      PATCHPROOF_MIN_COVERAGE: ' 80 ',
      PATCHPROOF_TEST_TIMEOUT_S: '  42',
    });
    expect(config.PATCHPROOF_MEMORY_MB).toBe(2048);
    expect(config.PATCHPROOF_CPUS).toBe(0.5);
    expect(config.PATCHPROOF_MIN_COVERAGE).toBe(80);
    expect(config.PATCHPROOF_TEST_TIMEOUT_S).toBe(42);
  });

  it('keeps valid string values as given', () => {
    const config = loadConfig({ DOCKER_HOST: 'tcp://build-host:2376', DOCKER_TLS_VERIFY: '1', PATCHPROOF_DB_PATH: '/srv/pp.sqlite' });
    expect(config.DOCKER_HOST).toBe('tcp://build-host:2376');
    expect(config.DOCKER_TLS_VERIFY).toBe('1');
    expect(config.PATCHPROOF_DB_PATH).toBe('/srv/pp.sqlite');
  });

  it('treats empty and blank strings as unset, so defaults apply and optional ones stay absent', () => {
    const config = loadConfig({ PATCHPROOF_MEMORY_MB: '', PATCHPROOF_CPUS: '   ', DOCKER_HOST: '', PATCHPROOF_MIN_COVERAGE: ' ', PATCHPROOF_DB_PATH: '' });
    expect(config.PATCHPROOF_MEMORY_MB).toBe(1024);
    expect(config.PATCHPROOF_CPUS).toBe(1);
    expect(config.PATCHPROOF_DB_PATH).toBe('data/patchproof.sqlite');
    expect(config).not.toHaveProperty('DOCKER_HOST');
    expect(config).not.toHaveProperty('PATCHPROOF_MIN_COVERAGE');
  });

  it('ignores variables that are not its own', () => {
    const config = loadConfig({ HOME: '/root', PATCHPROOF_UNKNOWN: 'x' });
    expect(config).not.toHaveProperty('HOME');
    expect(config).not.toHaveProperty('PATCHPROOF_UNKNOWN');
  });

  it.each([
    ['PATCHPROOF_MEMORY_MB', 'lots'],
    ['PATCHPROOF_MEMORY_MB', '1.5'],
    ['PATCHPROOF_MEMORY_MB', '16'],
    ['PATCHPROOF_CPUS', '0'],
    ['PATCHPROOF_CPUS', '-1'],
    ['DOCKER_HOST', 'foo://x'],
    ['DOCKER_HOST', '/var/run/docker.sock'],
    ['DOCKER_TLS_VERIFY', 'yes'],
    ['PATCHPROOF_MIN_COVERAGE', '101'],
    ['PATCHPROOF_MIN_COVERAGE', '-0.1'],
    ['PATCHPROOF_BASE_IMAGE', 'Debian'],
    ['PATCHPROOF_APT_MIRROR', 'not a url'],
  ])('refuses %s=%s with a InputError naming the variable and the value', (name, value) => {
    const error = usageErrorOf({ [name]: value });
    expect(error.message).toContain(name);
    expect(error.message).toContain(`"${value}"`);
    expect(error.context).toEqual({ variables: [name] });
  });

  it('names every wrong variable at once, each on its own line', () => {
    const error = usageErrorOf({ PATCHPROOF_MEMORY_MB: 'lots', PATCHPROOF_CPUS: '0', PATCHPROOF_DB_PATH: 'ok.sqlite' });
    const lines = error.message.split('\n');
    expect(lines.some((l) => l.includes('PATCHPROOF_MEMORY_MB') && l.includes('"lots"'))).toBe(true);
    expect(lines.some((l) => l.includes('PATCHPROOF_CPUS') && l.includes('"0"'))).toBe(true);
    expect(error.message).not.toContain('PATCHPROOF_DB_PATH');
    expect(error.context['variables']).toEqual(expect.arrayContaining(['PATCHPROOF_MEMORY_MB', 'PATCHPROOF_CPUS']));
  });

  it('reads API tokens and CORS origins as lists, and never quotes a refused token back', () => {
    const config = loadConfig({ PATCHPROOF_API_TOKENS: ' aaaaaaaaaaaaaaaa1 , bbbbbbbbbbbbbbbb2 ', PATCHPROOF_CORS_ORIGINS: 'https://ui.example:8443' });
    expect(config.PATCHPROOF_API_TOKENS).toEqual(['aaaaaaaaaaaaaaaa1', 'bbbbbbbbbbbbbbbb2']);
    expect(config.PATCHPROOF_CORS_ORIGINS).toEqual(['https://ui.example:8443']);
    const error = usageErrorOf({ PATCHPROOF_API_TOKENS: 'short-secret' });
    expect(error.message).toContain('PATCHPROOF_API_TOKENS');
    expect(error.message).not.toContain('short-secret');
    expect(usageErrorOf({ PATCHPROOF_CORS_ORIGINS: 'https://ui.example/path' }).message).toContain('PATCHPROOF_CORS_ORIGINS');
  });

  it('returns a frozen object that cannot be changed afterwards', () => {
    const config = loadConfig({ PATCHPROOF_MEMORY_MB: '2048' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { PATCHPROOF_MEMORY_MB: number }).PATCHPROOF_MEMORY_MB = 1;
    }).toThrow(TypeError);
    expect(config.PATCHPROOF_MEMORY_MB).toBe(2048);
  });
});

describe('.env.example', () => {
  it('is checked against every variable loadConfig looks up, optional ones included', () => {
    const read = variablesRead();
    for (const key of [...Object.keys(loadConfig({})), ...OPTIONAL_WITHOUT_DEFAULT]) expect(read.has(key), key).toBe(true);
  });

  it('documents every variable of the configuration schema', () => {
    const { withDefault, commented } = documented();
    const missing = [...schemaKeys()].filter((key) => !withDefault.has(key) && !commented.has(key));
    expect(missing).toEqual([]);
  });

  it('documents no variable the schema does not know', () => {
    const { withDefault, commented } = documented();
    const keys = schemaKeys();
    expect([...withDefault.keys(), ...commented].filter((name) => !keys.has(name))).toEqual([]);
  });

  it('shows, for each variable set in it, exactly the default loadConfig uses', () => {
    const defaults: Record<string, unknown> = loadConfig({});
    const { withDefault } = documented();
    expect(withDefault.size).toBeGreaterThan(0);
    for (const [name, value] of withDefault) expect(String(defaults[name]), name).toBe(value);
  });

  it('comments out exactly the variables that have no default', () => {
    const defaults: Record<string, unknown> = loadConfig({});
    const { commented } = documented();
    for (const name of commented) expect(defaults[name], name).toBeUndefined();
    for (const name of schemaKeys()) if (defaults[name] === undefined) expect(commented.has(name), name).toBe(true);
  });
});
