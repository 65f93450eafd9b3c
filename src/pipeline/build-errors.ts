/**
 * Build errors the unchanged project already has never reject a change (issue 18). A toolchain
 * that can list its build's errors (tsc's `file(line,col): error TSxxxx: message`) lets the
 * baseline run its tests despite them, recording them; a change's build is then rejected only
 * for errors beyond the baseline's, compared without line and column (a change above an old
 * error moves it) and counted, so a second copy of a known error is a new one.
 */
import type { CommandResult } from '../sandbox/command-result.js';
import type { BuildError } from '../toolchains/build-error.js';
import { limitHit } from './limit-hit.js';

export type { BuildError } from '../toolchains/build-error.js';

/** The errors of a build that failed, as recorded with its validation (lines capped). */
export interface BuildErrors {
  readonly total: number;
  readonly lines: readonly string[];
}

export const KEPT_ERRORS = 1_000;
const LINE_CHARS = 500;

export function recordBuildErrors(errors: readonly BuildError[]): BuildErrors {
  return { total: errors.length, lines: errors.slice(0, KEPT_ERRORS).map((e) => (e.line.length > LINE_CHARS ? `${e.line.slice(0, LINE_CHARS)}…` : e.line)) };
}

/**
 * What the build means for the run: it passed (or there was none), it failed as any failure does,
 * its errors are all known (the tests run; `self`: this run is the baseline, whose errors are
 * known by definition), or it has errors the baseline does not.
 */
export type BuildJudgement =
  | { readonly kind: 'passed' }
  | { readonly kind: 'failed' }
  | { readonly kind: 'known'; readonly count: number }
  | { readonly kind: 'new'; readonly fresh: readonly string[]; readonly known: number };

export function judgeBuild(build: CommandResult | null, errors: readonly BuildError[] | null, baseline: 'self' | BuildErrors | null, keyOf: (line: string) => string): BuildJudgement {
  if (build === null || (build.exitCode === 0 && limitHit(build) === null)) return { kind: 'passed' };
  // A limit hit, an unreadable failure or one without listed errors is judged as any failure is.
  if (limitHit(build) !== null || errors === null || errors.length === 0 || baseline === null) return { kind: 'failed' };
  if (baseline === 'self') return { kind: 'known', count: errors.length };
  // A baseline whose list was capped cannot vouch for errors beyond its cap.
  if (baseline.total > baseline.lines.length) return { kind: 'failed' };
  const left = new Map<string, number>();
  for (const line of baseline.lines) left.set(keyOf(line), (left.get(keyOf(line)) ?? 0) + 1);
  const fresh: string[] = [];
  for (const error of errors) {
    const n = left.get(error.key) ?? 0;
    if (n > 0) left.set(error.key, n - 1);
    else fresh.push(error.line);
  }
  return fresh.length === 0 ? { kind: 'known', count: errors.length } : { kind: 'new', fresh, known: errors.length - fresh.length };
}

const SHOWN = 5;

/** The reason of a build rejected for errors the unchanged project does not have. */
export function newErrorsReason(judgement: Extract<BuildJudgement, { kind: 'new' }>): string {
  const shown = judgement.fresh.slice(0, SHOWN).join('; ');
  const more = judgement.fresh.length > SHOWN ? ` and ${judgement.fresh.length - SHOWN} more` : '';
  const known = judgement.known > 0 ? ` (${judgement.known} the unchanged project already has ${judgement.known === 1 ? 'is' : 'are'} not counted)` : '';
  const n = judgement.fresh.length;
  return `build failed: ${n} new ${n === 1 ? 'error' : 'errors'} the unchanged project does not have: ${shown}${more}${known}`;
}

/** Appended to the reason of a run whose build failed only with known errors. */
export function knownErrorsNote(judgement: BuildJudgement, isBaseline: boolean): string {
  if (judgement.kind !== 'known') return '';
  const n = `${judgement.count} build ${judgement.count === 1 ? 'error' : 'errors'}`;
  return isBaseline ? ` (the build has ${n}: recorded, and not held against changes)` : ` (${n} the unchanged project already has, not counted)`;
}
