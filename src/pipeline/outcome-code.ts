/**
 * Every code a validation can end with, typed. The values are the ones stored and shown (a
 * verdict code "tests_failed", "fault:PATH_THROUGH_SYMLINK", "infra:BASELINE_FAILED"): the
 * prefixed ones are built here only, from the error families' own codes.
 */
import type { InfraCode } from '../errors/infra-error.js';
import type { FaultCode } from '../errors/proposal-fault.js';
import type { RelativeVerdictCode, VerdictCode } from './grade.js';

/** A failure that is not one of ours by type: still ours (an error), never a rejection. */
export type UnexpectedCode = 'UNEXPECTED';

export type FaultOutcomeCode = `fault:${FaultCode}`;
export type InfraOutcomeCode = `infra:${InfraCode | UnexpectedCode}`;
/** The project could not be read as stored (gone, no tests any more): refused before anything ran. */
export type RefusalCode = 'project_unusable';
export type OutcomeCode = VerdictCode | RelativeVerdictCode | FaultOutcomeCode | InfraOutcomeCode | RefusalCode;

/** A dependency found nowhere is a build that cannot succeed: said as the verdict code people know. */
export function faultOutcome(code: FaultCode): FaultOutcomeCode | 'build_failed' {
  return code === 'DEPENDENCY_UNAVAILABLE' ? 'build_failed' : `fault:${code}`;
}

export function infraOutcome(code: InfraCode | UnexpectedCode): InfraOutcomeCode {
  return `infra:${code}`;
}
