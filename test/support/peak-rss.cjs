// Preloaded into a CLI run (NODE_OPTIONS=--require ...): on exit, writes the process's peak
// resident set size in KiB to the file named by PEAK_RSS_FILE, so a test can bound memory.
const { writeFileSync } = require('node:fs');
const out = process.env.PEAK_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
