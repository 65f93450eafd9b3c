/**
 * One sandbox container opened exactly as a validation opens its own (Sandbox.open: the hardened
 * spec, the configured limits, labels as ours), read back from the engine and probed from inside,
 * then removed in a finally, however the audit ended. It is owned by this process (kind
 * `doctor`): a janitor on this host removes it only once the doctor is gone.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { PipelineSettings } from '../pipeline/settings.js';
import { Releasers } from '../sandbox/releasers.js';
import { InfraError } from '../errors/infra-error.js';
import { LABEL_OWNER_ID, ownerLabels } from '../sandbox/labels.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { type Check, check } from './check.js';
import { engineChecks } from './engine-checks.js';
import { insideChecks } from './inside-checks.js';
import { type ProbeResults, runProbes } from './inside-probes.js';

/** Each probe is a one-line read; anything slower is stuck. */
const PROBE_TIMEOUT_MS = 15_000;

export interface SandboxEvidence {
  /** The engine's description of the container (GET /containers/{id}/json). */
  readonly inspect: unknown;
  readonly probes: ProbeResults;
}

export interface SandboxAudit {
  readonly checks: readonly Check[];
  /** What the checks were judged from; null when no container could be started. */
  readonly evidence: SandboxEvidence | null;
}

export async function auditSandbox(docker: Docker, image: string, settings: PipelineSettings, dnsName: string, signal?: AbortSignal): Promise<SandboxAudit> {
  const validationId = `doctor-${randomUUID()}`;
  const releasers = new Releasers();
  let audit: SandboxAudit | undefined;
  try {
    audit = await openAndProbe(docker, image, validationId, settings, dnsName, releasers, signal);
  } finally {
    const removed = await removedCheck(docker, validationId, await releasers.releaseAll());
    if (audit !== undefined) audit = { ...audit, checks: [...audit.checks, removed] };
  }
  return audit;
}

async function openAndProbe(
  docker: Docker,
  image: string,
  validationId: string,
  settings: PipelineSettings,
  dnsName: string,
  releasers: Releasers,
  signal: AbortSignal | undefined,
): Promise<SandboxAudit> {
  const name = `patchproof-${validationId}`;
  const expected = `a hardened container runs from ${image}`;
  const started = Date.now();
  let sandbox: Sandbox;
  try {
    sandbox = await Sandbox.open(
      docker,
      { image, name, limits: settings.limits, caps: settings.caps, labels: ownerLabels({ kind: 'doctor', id: validationId }), engineTimeoutMs: settings.engineTimeoutMs },
      releasers,
    );
  } catch (error) {
    if (!(error instanceof InfraError) || error.code !== 'CONTAINER_FAILED') throw error;
    return { checks: [check('sandbox.start', false, expected, describe(error))], evidence: null };
  }
  const start = check('sandbox.start', true, expected, `${name} started in ${Date.now() - started} ms`);
  // Ctrl-C kills the container: the probes left fail at once and the finally removes it.
  const onAbort = () => void sandbox.kill().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  releasers.add('abort listener', async () => signal?.removeEventListener('abort', onAbort));
  if (signal?.aborted === true) onAbort();
  let inspect: unknown;
  try {
    inspect = await sandbox.container.inspect();
  } catch (cause) {
    throw new InfraError('CONTAINER_FAILED', `could not inspect the doctor's container ${name}`, { containerId: sandbox.id }, { cause });
  }
  const probes = await runProbes((command) => sandbox.run(command, PROBE_TIMEOUT_MS), dnsName);
  return { checks: [start, ...engineChecks(inspect, settings.limits), ...insideChecks(probes, settings.limits)], evidence: { inspect, probes } };
}

/** Read back too: nothing labelled with this audit's validation id is left on the engine. */
async function removedCheck(docker: Docker, validationId: string, failures: readonly Error[]): Promise<Check> {
  const filters = { label: [`${LABEL_OWNER_ID}=${validationId}`] };
  const [containers, volumes] = await Promise.all([docker.listContainers({ all: true, filters }), docker.listVolumes({ filters })]);
  const left = [...containers.map((c) => `container ${c.Names[0] ?? c.Id}`), ...(volumes.Volumes ?? []).map((v) => `volume ${v.Name}`)];
  const problems = [...failures.map((f) => f.message), ...left.map((l) => `${l} left behind`)];
  return check('sandbox.removed', problems.length === 0, 'container and workspace volume removed', problems.length === 0 ? 'both gone' : problems.join('; '));
}

function describe(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
