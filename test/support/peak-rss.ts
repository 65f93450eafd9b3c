/**
 * Peak memory of a CLI run: NODE_OPTIONS makes the child print its own max RSS as it exits
 * (process.resourceUsage, the kernel's ru_maxrss), so no platform tool is needed.
 */
const REPORTER_CODE = 'process.on("exit", () => process.stderr.write(`\\npeak-rss-kb=${process.resourceUsage().maxRSS}\\n`));';
// Percent-encoded: NODE_OPTIONS splits on spaces and strips quotes.
const REPORTER = `data:text/javascript,${encodeURIComponent(REPORTER_CODE)}`;

export const PEAK_RSS_ENV = { NODE_OPTIONS: `--import=${REPORTER}` };

/** The peak RSS in MiB a run printed with PEAK_RSS_ENV. */
export function peakRssMib(stderr: string): number {
  const match = /peak-rss-kb=(\d+)/.exec(stderr);
  if (match === null) throw new Error(`no peak-rss line in: ${stderr.slice(-500)}`);
  return Number(match[1]) / 1024;
}
