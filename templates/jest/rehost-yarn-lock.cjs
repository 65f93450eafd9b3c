// A yarn 1 lock's tarballs fetched from the registry the image build reaches. yarn 1 downloads
// each package from the URL its lock's `resolved` line names, and only registry.yarnpkg.com and
// registry.npmjs.org URLs follow the configured registry: a lock written against a mirror
// (js-sdsl 4.1.4's has 35 registry.npmmirror.com URLs) cannot install where that mirror is not
// reached. So, in the build's copy only (never the project's files), a registry tarball URL
// (`<host>/<name>/-/<file>.tgz`) on any other host is pointed at registry.yarnpkg.com, which yarn
// maps to its configured registry. The lock's integrity (or sha1 fragment) stays, so yarn still
// verifies the very bytes the lock pinned. Other URLs (git, a file, a non-registry path) are left
// as they are. Prints, on stdout, one "<host> <count>" line per host rewritten.
'use strict';
const fs = require('node:fs');

const REGISTRY = 'https://registry.yarnpkg.com';
const FOLLOWED = new Set(['registry.yarnpkg.com', 'registry.npmjs.org']);
// `  resolved "https://host[:port]/<@scope/>name/-/<file>.tgz#sha1"`, the path kept whole.
const RESOLVED = /^(\s+resolved ")(https?):\/\/([^/"\s]+)(\/(?:@[^/"\s]+\/)?[^/@"\s]+\/-\/[^/"\s]+\.tgz(?:#[0-9a-f]+)?)"$/;

/** The lock with foreign registry hosts rewritten, and how many URLs each host had. */
function rehostYarnLock(text) {
  const hosts = new Map();
  const lines = text.split('\n').map((line) => {
    const m = RESOLVED.exec(line);
    if (m === null) return line;
    const [, head, , host, path] = m;
    if (FOLLOWED.has(host)) return line;
    hosts.set(host, (hosts.get(host) ?? 0) + 1);
    return `${head}${REGISTRY}${path}"`;
  });
  return { text: lines.join('\n'), hosts: [...hosts].map(([host, count]) => ({ host, count })).sort((a, b) => a.host.localeCompare(b.host)) };
}

module.exports = { rehostYarnLock, REGISTRY };

if (require.main === module) {
  const file = process.argv[2] ?? 'yarn.lock';
  const { text, hosts } = rehostYarnLock(fs.readFileSync(file, 'utf8'));
  if (hosts.length > 0) fs.writeFileSync(file, text);
  for (const { host, count } of hosts) process.stdout.write(`${host} ${count}\n`);
}
