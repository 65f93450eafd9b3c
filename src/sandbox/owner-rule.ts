/**
 * Whether a labelled container or volume outlived its owner, by the owner's kind. A leased kind
 * (validation, baseline) is alive while its lease is held in this store; a process-owned kind
 * (warm, run, job, doctor) while the process named by its worker label runs. A process on another
 * host cannot be asked, so its sandboxes are left to that host's janitor. Labels written before
 * owner kinds existed are judged as validations.
 */
import { hostname } from 'node:os';
import { isOwnerKind, LABEL_OWNER_KIND, LABEL_OWNER_ID, LABEL_STORE, LABEL_VALIDATION, LABEL_WORKER, LEASED_KINDS } from './labels.js';

export interface OwnerFacts {
  /** This janitor's store label: leases elsewhere are not its to judge. */
  readonly store: string;
  /** Lease owners (validation ids) holding a lease right now in this store. */
  readonly liveLeases: ReadonlySet<string>;
  /** Whether a process of this host runs; process.kill(pid, 0) unless a test supplies one. */
  readonly processAlive?: (pid: number) => boolean;
}

export function outlivedOwner(labels: Readonly<Record<string, string>>, facts: OwnerFacts): boolean {
  const kind = labels[LABEL_OWNER_KIND];
  if (!isOwnerKind(kind) || LEASED_KINDS.has(kind)) {
    if (labels[LABEL_STORE] !== facts.store) return false;
    return !facts.liveLeases.has(labels[LABEL_OWNER_ID] ?? labels[LABEL_VALIDATION] ?? '');
  }
  const worker = /^(.*):(\d+)$/.exec(labels[LABEL_WORKER] ?? '');
  if (worker === null || worker[1] !== hostname()) return false;
  return !(facts.processAlive ?? processAlive)(Number(worker[2]));
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
