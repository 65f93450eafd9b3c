// What install-project-deps.sh installed, as JSON on stdout in the record every toolchain's image
// keeps (src/images/dependency-record.ts): each package the project declares, with the version now
// in node_modules and where it came from (the tool and the lock it followed).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const pkg = readJson('package.json') ?? {};
const declared = {};
for (const key of ['dependencies', 'devDependencies', 'optionalDependencies']) {
  const deps = pkg[key];
  if (deps !== null && typeof deps === 'object') for (const [name, range] of Object.entries(deps)) declared[name] = String(range);
}

const packages = [];
for (const name of Object.keys(declared).sort()) {
  const installed = readJson(path.join('node_modules', name, 'package.json'));
  packages.push({ name, range: declared[name], version: installed !== null && typeof installed.version === 'string' ? installed.version : null });
}

const manager = process.env.MANAGER ?? 'none';
// REHOSTED: "<host> <count>" lines from rehost-yarn-lock.cjs, the lock's mirror URLs fetched from the registry.
const rehosted = (process.env.REHOSTED ?? '').split('\n').filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s+/));
const moved = rehosted.length === 0 ? '' : ` (${rehosted.map(([host, count]) => `${count} resolved URL(s) of ${host}`).join(', ')} fetched from the registry instead, same integrity)`;
const source = process.env.LOCK === undefined || process.env.LOCK === 'none' ? `${manager} (no lock file: versions resolved at image build)` : `${manager} from ${process.env.LOCK}${moved}`;
const installed = packages.slice(0, 2000).map((p) => ({ requirement: `${p.name}@${p.range}`.slice(0, 500), file: 'package.json', package: p.name.slice(0, 500), version: p.version === null ? null : p.version.slice(0, 200), source }));
// STALE_LOCK: the lock's tool refused it as it is and installed once free to update it.
const staleLock = process.env.STALE_LOCK === '1' ? { staleLock: { lock: String(process.env.LOCK).slice(0, 200), manager: manager.slice(0, 200) } } : {};
process.stdout.write(`${JSON.stringify({ toolchain: 'jest', installed, missing: [], ...staleLock })}\n`);
