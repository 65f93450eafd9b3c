/** `patchproof stats [--project <name>] [--json]`: outcomes, phase times and pass rates (app/use-cases/stats.ts). */
import { stats as statsOf } from '../../app/use-cases/stats.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { withContext } from '../app-context.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine, safeLine } from '../terminal-text.js';

export async function statsCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('stats', args, { project: { type: 'string' }, json: { type: 'boolean', default: false } });
  if (positionals.length > 0) throw new UsageError(`stats: unexpected argument "${positionals[0]}"`);
  const stats = await withContext(config, (ctx) => statsOf(ctx, { project: values.project }));
  if (values.json) {
    process.stdout.write(`${jsonLine(stats)}\n`);
    return 0;
  }
  const out = [
    `proposals    ${entries(stats.proposals)}`,
    `validations  ${entries(stats.validations)}`,
    'phase        p50       p95     (count)',
    ...Object.entries(stats.phases).map(([phase, t]) => `  ${phase.padEnd(10)} ${seconds(t.p50Ms).padStart(8)} ${seconds(t.p95Ms).padStart(9)}   (${t.count})`),
    'pass rate per project (executed of judged proposals)',
    ...stats.projects.map((p) => `  ${safeLine(p.name).padEnd(24)} ${p.passRate === null ? '-' : `${p.passRate}%`}  (${p.executed} executed, ${p.rejected} rejected; against baselines: ${p.broken} tests broken, ${p.fixed} fixed)`),
  ];
  if (stats.changedOnRevalidation.length > 0) {
    out.push('verdicts changed on revalidation');
    for (const c of stats.changedOnRevalidation) out.push(`  ${c.proposalId}  ${c.from} -> ${c.to}  ${c.at}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function entries(counts: Record<string, number>): string {
  const list = Object.entries(counts);
  return list.length === 0 ? 'none' : list.map(([k, n]) => `${n} ${k}`).join(', ');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
