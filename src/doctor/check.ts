/**
 * One line of the doctor's audit: what the sandbox should apply and what was read back. A check
 * that is not ok is a gap. `actual` is always what was observed (the engine's field, a probe's
 * output), never our own spec restated.
 */
export interface Check {
  /** Stable dotted id, grouped by where the evidence comes from: engine, image, container, inside. */
  readonly name: string;
  readonly ok: boolean;
  readonly expected: string;
  readonly actual: string;
}

export function check(name: string, ok: boolean, expected: string, actual: string): Check {
  return { name, ok, expected, actual };
}

export interface DoctorReport {
  /** The image the probe container ran (null when none could be started). */
  readonly image: string | null;
  readonly checks: readonly Check[];
}

export function gaps(report: DoctorReport): readonly Check[] {
  return report.checks.filter((c) => !c.ok);
}

const MIB = 1024 * 1024;

/** 1073741824 → "1024 MiB"; anything not a whole MiB in bytes. */
export function bytesText(bytes: number): string {
  return bytes !== 0 && bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}
