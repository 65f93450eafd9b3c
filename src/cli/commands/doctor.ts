/**
 * `patchproof doctor [--json] [--image <ref>]`: audits the sandbox's hardening as the engine
 * really applies it. Exit 0 when every check passes, 1 on any gap; an engine that cannot be
 * reached (InfraError) or bad usage ends in exit 2 through main.
 */
import type { Config } from '../../config.js';
import { gaps } from '../../doctor/check.js';
import { reportJson, reportTable } from '../../doctor/report-view.js';
import { runDoctor } from '../../doctor/run-doctor.js';
import { UsageError } from '../../errors/usage-error.js';
import { parseCommandArgs } from '../cli-args.js';

export async function doctorCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('doctor', args, { json: { type: 'boolean', default: false }, image: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`doctor: unexpected argument "${positionals[0]}"`);
  if (values.image !== undefined && values.image.trim() === '') throw new UsageError('doctor: --image needs an image reference');
  // The audit's container dies with this process only through a janitor's next sweep: Ctrl-C
  // stops the audit and waits for the removal; a second Ctrl-C leaves at once.
  const aborter = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(`\ninterrupted: removing the doctor's container (Ctrl-C again to leave at once)\n`);
    aborter.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const report = await runDoctor(config, { image: values.image, signal: aborter.signal }).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  process.stdout.write(values.json ? `${JSON.stringify(reportJson(report))}\n` : `${reportTable(report)}\n`);
  return gaps(report).length === 0 ? 0 : 1;
}
