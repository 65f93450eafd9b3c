/**
 * Label keys on everything patchproof starts. `patchproof` alone says "ours" (the janitor and the
 * before-stop check filter on it); the others say which validation it serves and who started it.
 */
import { hostname } from 'node:os';

export const LABEL_OWNER = 'patchproof';
export const LABEL_VALIDATION = 'patchproof.validation';
export const LABEL_PROPOSAL = 'patchproof.proposal';
export const LABEL_WORKER = 'patchproof.worker';
export const LABEL_CREATED = 'patchproof.created';
/** Which database the validation is recorded in: a janitor only judges what its own store knows. */
export const LABEL_STORE = 'patchproof.store';

export interface LabelSubject {
  readonly validationId: string;
  readonly proposalId: string;
  readonly store?: string | undefined;
}

export function workerIdentity(): string {
  return `${hostname()}:${process.pid}`;
}

export function labelsFor(subject: LabelSubject, now: Date = new Date()): Record<string, string> {
  return {
    [LABEL_OWNER]: 'true',
    [LABEL_VALIDATION]: subject.validationId,
    [LABEL_PROPOSAL]: subject.proposalId,
    [LABEL_WORKER]: workerIdentity(),
    [LABEL_CREATED]: now.toISOString(),
    ...(subject.store === undefined ? {} : { [LABEL_STORE]: subject.store }),
  };
}
