/**
 * The hardening audit (`patchproof doctor`): is the engine usable, and does a sandbox container
 * really get what the hardened spec asks for? Both read back from the engine and from inside a
 * container opened as a validation opens one, never assumed from our own spec. An engine that
 * does not answer is an InfraError (the CLI exits 2); everything else is a check, ok or a gap.
 */
import { isIP } from 'node:net';
import type { Config } from '../config.js';
import { hostAptMirror } from '../engine/apt-mirror.js';
import { connectEngine } from '../engine/connect-engine.js';
import { InfraError } from '../errors/infra-error.js';
import { pipelineSettings } from '../pipeline/settings.js';
import { TOOLCHAINS } from '../toolchains/registry.js';
import { type Check, check, type DoctorReport } from './check.js';
import { auditSandbox } from './sandbox-audit.js';
import { baseImageCheck, engineCheck, toolchainImageChecks } from './setup-checks.js';

/** Asked inside the sandbox when the apt mirror is no name: a name that resolves wherever there is a network. */
const FALLBACK_DNS_NAME = 'deb.debian.org';

export interface DoctorOptions {
  /** The image the probe container runs; the base image (what every toolchain image is built on) by default. */
  readonly image?: string | undefined;
  /** Stops the audit early (Ctrl-C); its container is still removed, then an ABORTED InfraError is thrown. */
  readonly signal?: AbortSignal | undefined;
}

export async function runDoctor(config: Config, options: DoctorOptions = {}): Promise<DoctorReport> {
  const docker = await connectEngine(config);
  const checks: Check[] = [await engineCheck(docker)];
  const base = await baseImageCheck(docker, config.PATCHPROOF_BASE_IMAGE);
  checks.push(base, ...(await toolchainImageChecks(docker, TOOLCHAINS, base.ok)));

  const image = options.image ?? config.PATCHPROOF_BASE_IMAGE;
  if (options.image === undefined && !base.ok) {
    checks.push(check('sandbox.start', false, `a hardened container runs from ${image}`, `not tried: ${image} is missing`));
    return { image: null, checks };
  }
  // The same limits and output caps a validation gets from this configuration.
  const mirror = await hostAptMirror(config);
  const audit = await auditSandbox(docker, image, pipelineSettings(config, mirror), dnsProbeName(mirror), options.signal);
  // An interrupted audit has gaps of its own making: none of them is reported.
  if (options.signal?.aborted === true) {
    const removed = audit.checks.find((c) => c.name === 'sandbox.removed');
    const after = removed?.ok === true ? 'its container was removed' : `removing its container failed: ${removed?.actual ?? 'unknown'}`;
    throw new InfraError('ABORTED', `doctor interrupted; ${after}`);
  }
  checks.push(...audit.checks);
  return { image: audit.evidence === null ? null : image, checks };
}

/** The apt mirror's host: a name this machine is known to resolve, so "not resolved" inside means something. */
export function dnsProbeName(mirror: string): string {
  let host: string;
  try {
    host = new URL(mirror).hostname;
  } catch {
    return FALLBACK_DNS_NAME;
  }
  if (host === '' || isIP(host.replace(/^\[|\]$/g, '')) !== 0 || host === 'localhost' || !host.includes('.')) return FALLBACK_DNS_NAME;
  return host;
}
