/**
 * The one place configuration comes in. Every variable is documented, with its default, in
 * .env.example; a wrong value stops start-up with a message naming the variable.
 * Nothing else in the project reads process.env.
 */
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { warmPoolSpec } from './runtime-names.js';
import { mirrorCredentialsProblem } from './engine/apt-mirror.js';
import { InputError } from './errors/input-error.js';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const cron = z.string().refine((text) => isCronExpression(text), 'is not a cron expression (5 or 6 fields, e.g. "*/10 * * * *")');
const names = z
  .string()
  .transform((text) => text.split(',').map((name) => name.trim()).filter((name) => name !== ''))
  .pipe(z.array(z.string().min(1)).min(1, 'names no project'));

const schema = z.object({
  PATCHPROOF_DB_PATH: z.string().min(1).default('data/patchproof.sqlite'),
  PATCHPROOF_DB_BUSY_TIMEOUT_MS: int(0, 600_000).default(5_000),
  PATCHPROOF_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),

  // Unset: from the cores and memory (src/capacity/default-concurrency.ts).
  PATCHPROOF_WORKER_CONCURRENCY: int(1, 64).optional(),
  PATCHPROOF_POLL_INTERVAL_MS: int(50, 600_000).default(1_000),
  PATCHPROOF_LEASE_S: int(2, 3_600).default(60),
  PATCHPROOF_MAX_ATTEMPTS: int(1, 100).default(3),
  PATCHPROOF_RETRY_BACKOFF_S: z.coerce.number().min(0).max(86_400).default(15),
  PATCHPROOF_DRAIN_TIMEOUT_S: int(0, 86_400).default(600),

  PATCHPROOF_REVALIDATE_CRON: cron.optional(),
  PATCHPROOF_REVALIDATE_PROJECTS: names.optional(),
  PATCHPROOF_JANITOR_CRON: cron.default('*/10 * * * *'),
  PATCHPROOF_IMAGE_PRUNE_CRON: cron.default('17 3 * * *'),
  PATCHPROOF_IMAGE_MAX_IDLE_DAYS: z.coerce.number().min(0).max(3_650).default(14),
  // Issue 17: warm sandboxes (unset: the worker's concurrency; 0: off) and the project images' disk bound (unset: none).
  PATCHPROOF_WARM_SANDBOXES: int(0, 64).optional(),
  PATCHPROOF_IMAGE_DISK_MB: int(1, 10_000_000).optional(),

  DOCKER_HOST: z
    .string()
    .regex(/^(unix|tcp|ssh|http|https):\/\//, 'must start with unix://, tcp://, ssh://, http:// or https://')
    .optional(),
  DOCKER_TLS_VERIFY: z.enum(['0', '1']).optional(),
  DOCKER_CERT_PATH: z.string().min(1).optional(),
  PATCHPROOF_DOCKERD_LOG: z.string().min(1).default('/var/log/patchproof-dockerd.log'),
  PATCHPROOF_ENGINE_START_TIMEOUT_S: int(1, 600).default(60),
  PATCHPROOF_ENGINE_CALL_TIMEOUT_S: int(1, 3_600).default(120),

  PATCHPROOF_BASE_IMAGE: z.string().regex(/^[a-z0-9][a-z0-9._\/-]*:[A-Za-z0-9._-]+$/, 'must be name:tag').default('local/debian:bookworm'),
  PATCHPROOF_BASE_IMAGE_PULL: z.string().default('debian:bookworm'),
  PATCHPROOF_APT_MIRROR: z
    .string()
    .url()
    .superRefine((url, ctx) => {
      const problem = mirrorCredentialsProblem(url);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),

  PATCHPROOF_MEMORY_MB: int(32, 65_536).default(1024),
  PATCHPROOF_CPUS: z.coerce.number().min(0.05).max(64).default(1),
  PATCHPROOF_PIDS_LIMIT: int(16, 65_536).default(256),
  PATCHPROOF_WORKSPACE_MB: int(8, 65_536).default(512),
  PATCHPROOF_TMP_MB: int(8, 65_536).default(256),

  PATCHPROOF_TEST_TIMEOUT_S: int(1, 86_400).default(300),
  PATCHPROOF_CPU_TIME_S: int(1, 86_400).default(240),
  PATCHPROOF_BUILD_TIMEOUT_S: int(1, 86_400).default(300),
  PATCHPROOF_IMAGE_BUILD_TIMEOUT_S: int(10, 86_400).default(900),
  // Declared dependencies (issue 18): where image builds fetch them instead of Debian's packages.
  PATCHPROOF_PIP_INDEX_URL: z.string().url().optional(),
  PATCHPROOF_GEM_SOURCE: z.string().url().optional(),
  PATCHPROOF_GOPROXY: z.string().regex(/^(https?|file):\/\/\S+$/, 'must be an http(s):// or file:// URL').optional(),
  // Issue 18: a remote Maven repository for what Debian's does not hold (image builds only).
  PATCHPROOF_MAVEN_REPOSITORY_URL: z
    .string()
    .regex(/^https?:\/\/[^\s"'<>&]+$/, 'must be an http(s):// URL')
    .superRefine((url, ctx) => {
      const problem = mirrorCredentialsProblem(url);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem.replace('the mirror is a Docker build argument', 'the repository URL is written into the image') });
    })
    .optional(),
  PATCHPROOF_STEP_TIMEOUT_S: int(1, 3_600).default(60),

  PATCHPROOF_OUTPUT_KEEP_BYTES: int(1_024, 64 * 1024 * 1024).default(64 * 1024),
  PATCHPROOF_OUTPUT_LIMIT_BYTES: int(1_024, 1024 * 1024 * 1024).default(16 * 1024 * 1024),

  PATCHPROOF_MIN_COVERAGE: z.coerce.number().min(0).max(100).optional(),
  PATCHPROOF_FLAKY_RERUNS: int(0, 10).default(2),
  PATCHPROOF_MAX_CHANGE_FILES: int(1, 100_000).default(1_000),
  PATCHPROOF_MAX_FILE_BYTES: int(1, 1024 * 1024 * 1024).default(5 * 1024 * 1024),
  PATCHPROOF_MAX_CHANGES_BYTES: int(1, 1024 * 1024 * 1024).default(50 * 1024 * 1024),

  // The HTTP API (`patchproof serve`).
  PATCHPROOF_API_TOKENS: z
    .string()
    .transform((text) => text.split(',').map((token) => token.trim()).filter((token) => token !== ''))
    .pipe(z.array(z.string().min(16, 'each token must be at least 16 characters')).min(1, 'names no token'))
    .optional(),
  PATCHPROOF_CORS_ORIGINS: z
    .string()
    .transform((text) => text.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^\s/]+$/, 'each origin must be scheme://host[:port], no path')).min(1, 'names no origin'))
    .optional(),
  PATCHPROOF_MAX_PENDING: int(1, 10_000_000).default(10_000),
  PATCHPROOF_HTTP_MAX_WAIT_S: int(0, 3_600).default(60),
  PATCHPROOF_SSE_HEARTBEAT_S: int(1, 600).default(15),
  // Requests that hold a connection open (event streams, dashboard live streams, /mcp calls): at most this many at once, and per client address.
  PATCHPROOF_HTTP_MAX_STREAMS: int(1, 100_000).default(1_000),
  PATCHPROOF_HTTP_MAX_STREAMS_PER_CLIENT: int(1, 100_000).default(32),
  // Seconds a client has to send a whole request (headers and body; not the answer): a slow sender is cut off with 408.
  PATCHPROOF_HTTP_REQUEST_TIMEOUT_S: int(1, 3_600).default(120),
  // Connections open at once (idle keep-alive ones and streams included); past it a new one is closed unanswered.
  PATCHPROOF_HTTP_MAX_CONNECTIONS: int(2, 1_000_000).default(2_048),
  // The dashboard (`serve`, at /): how long a login lasts.
  PATCHPROOF_DASHBOARD_SESSION_S: int(60, 30 * 24 * 3600).default(12 * 3600),

  // The MCP server's tools (`patchproof mcp`, `/mcp` on serve).
  // Images the MCP execute tools may run (name:tag, comma-separated); empty: those tools refuse.
  PATCHPROOF_RUN_IMAGES: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((name) => name.trim()).filter((name) => name !== ''))
    .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9._\/:-]*:[A-Za-z0-9._-]+$/, 'names an image that is not name:tag'))),
  // Hosts build_and_execute_from_git may clone from (comma-separated host names); empty: it refuses.
  PATCHPROOF_GIT_HOSTS: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/, 'names something that is not a host name'))),

  // Runtimes (`patchproof run`, POST /v1/run, the MCP run_code tool).
  // Warm sandboxes kept ready per runtime, e.g. python:2,javascript:1; empty: every run starts cold.
  PATCHPROOF_WARM_POOL: warmPoolSpec,
  // Runs at once in this process; past it a run is refused with Retry-After (HTTP 503).
  PATCHPROOF_RUN_CONCURRENCY: int(1, 256).default(4),
  // Projects from git (`projects add NAME --git URL`).
  // Folder holding the projects' bare mirrors and their exported trees.
  PATCHPROOF_GIT_DIR: z.string().min(1).default('data/git'),
  // Hosts git projects may come from (comma-separated; `file` for file:// URLs); empty: any the host's git reaches.
  PATCHPROOF_PROJECT_GIT_HOSTS: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/, 'names something that is not a host name'))),
  // Seconds a clone or fetch of a project's repository may take.
  PATCHPROOF_GIT_TIMEOUT_S: int(5, 7200).default(600),
});

export type Config = Readonly<z.infer<typeof schema>>;


/** Variables whose values are never quoted back in an error. */
const SECRET = ['PATCHPROOF_API_TOKENS'];

/** A value quoted back in an error keeps no URL credentials: `http://***@mirror/debian`. */
function withoutCredentials(value: string): string {
  return value.replace(/(:\/\/)[^\s/@]*@/g, '$1***@');
}

/** Parses the environment once. Empty strings count as unset, as in most dotenv tooling. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const known = Object.keys(schema.shape);
  const input: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value.trim();
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const given = input[name];
      const shown = given === undefined || SECRET.includes(name) ? '' : ` (got "${withoutCredentials(given)}")`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new InputError(`invalid configuration:\n  ${lines.join('\n  ')}`, { variables: parsed.error.issues.map((i) => i.path.join('.')) });
  }
  return Object.freeze(parsed.data);
}
