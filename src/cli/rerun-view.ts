/** How the reruns of failing tests are shown (pipeline/flaky-reruns.ts): in validate --json and in text. */
import type { RerunRecord } from '../pipeline/flaky-reruns.js';
import { safeLine } from './terminal-text.js';

/** `reruns` in validate --json: null when none ran. */
export function rerunJson(record: RerunRecord | null | undefined) {
  if (record == null) return null;
  return { runs: record.runs, durationMs: record.durationMs, flaky: record.flaky.map((f) => ({ id: f.id, rerun: f.rerun })), stopped: record.stopped };
}

export function rerunLines(record: RerunRecord | null | undefined, indent: string): string[] {
  if (record == null) return [];
  const stopped = record.stopped === null ? '' : `; stopped: ${safeLine(record.stopped)}`;
  const lines = [`${indent}reruns     ${record.runs === 1 ? '1 rerun' : `${record.runs} reruns`} of the failing tests, ${(record.durationMs / 1000).toFixed(2)}s; ${record.flaky.length} flaky${stopped}`];
  for (const f of record.flaky.slice(0, 10)) lines.push(`${indent}  flaky    ${safeLine(f.id)} (passed on rerun ${f.rerun})`);
  return lines;
}
