/**
 * Label keys on everything patchproof starts. `patchproof` alone says "ours" (the janitor and the
 * before-stop check filter on it). Every sandbox has an owner, a kind and an id: the kind says how
 * a janitor tells a live owner from a dead one (owner-rule.ts), so warm pools, runs, jobs, baselines
 * and doctor's audit can own containers without pretending to be a validation.
 */
import { hostname } from 'node:os';

export const LABEL_OWNER = 'patchproof';
export const LABEL_OWNER_KIND = 'patchproof.owner-kind';
export const LABEL_OWNER_ID = 'patchproof.owner-id';
/** Leased kinds only: the validation (= lease owner) and the proposal it serves. */
export const LABEL_VALIDATION = 'patchproof.validation';
export const LABEL_PROPOSAL = 'patchproof.proposal';
/** The process that started it, `host:pid`: a process-owned sandbox dies with it. */
export const LABEL_WORKER = 'patchproof.worker';
export const LABEL_CREATED = 'patchproof.created';
/** Which database the owner is recorded in: a janitor only judges leases its own store knows. */
export const LABEL_STORE = 'patchproof.store';

export const OWNER_KINDS = ['validation', 'baseline', 'warm', 'run', 'job', 'doctor'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** Owned by a leased proposal row: alive while the lease is. Every other kind belongs to its process. */
export const LEASED_KINDS: ReadonlySet<OwnerKind> = new Set<OwnerKind>(['validation', 'baseline']);

export type SandboxOwner =
  | { readonly kind: 'validation' | 'baseline'; readonly id: string; readonly proposalId: string; readonly store?: string | undefined }
  | { readonly kind: 'warm' | 'run' | 'job' | 'doctor'; readonly id: string; readonly store?: string | undefined };

export function workerIdentity(): string {
  return `${hostname()}:${process.pid}`;
}

export function ownerLabels(owner: SandboxOwner, now: Date = new Date()): Record<string, string> {
  return {
    [LABEL_OWNER]: 'true',
    [LABEL_OWNER_KIND]: owner.kind,
    [LABEL_OWNER_ID]: owner.id,
    ...('proposalId' in owner ? { [LABEL_VALIDATION]: owner.id, [LABEL_PROPOSAL]: owner.proposalId } : {}),
    [LABEL_WORKER]: workerIdentity(),
    [LABEL_CREATED]: now.toISOString(),
    ...(owner.store === undefined ? {} : { [LABEL_STORE]: owner.store }),
  };
}

export function isOwnerKind(value: string | undefined): value is OwnerKind {
  return value !== undefined && (OWNER_KINDS as readonly string[]).includes(value);
}
