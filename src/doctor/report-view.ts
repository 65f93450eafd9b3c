/** The doctor's report for people (a table and a closing line) and for programs (one JSON object). */
import { type DoctorReport, gaps } from './check.js';

export function reportTable(report: DoctorReport): string {
  const rows = report.checks.map((c) => [c.ok ? 'ok' : 'GAP', c.name, c.expected, c.actual] as const);
  const header = ['', 'check', 'expected', 'actual'] as const;
  const width = (i: 0 | 1 | 2) => Math.max(header[i].length, ...rows.map((r) => r[i].length));
  const line = (r: readonly [string, string, string, string]) =>
    `${r[0].padEnd(width(0))}  ${r[1].padEnd(width(1))}  ${r[2].padEnd(width(2))}  ${r[3]}`.trimEnd();
  return [line(header), ...rows.map(line), closingLine(report)].join('\n');
}

export function closingLine(report: DoctorReport): string {
  const missing = gaps(report);
  const total = report.checks.length;
  const named = missing.length === 0 ? '' : ` (${missing.map((c) => c.name).join(', ')})`;
  return `doctor: ${total} check${total === 1 ? '' : 's'}, ${missing.length} gap${missing.length === 1 ? '' : 's'}${named}`;
}

export function reportJson(report: DoctorReport): { ok: boolean; total: number; gaps: number; image: string | null; checks: DoctorReport['checks'] } {
  const missing = gaps(report).length;
  return { ok: missing === 0, total: report.checks.length, gaps: missing, image: report.image, checks: report.checks };
}
