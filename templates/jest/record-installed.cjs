// What install-project-deps.sh installed, as JSON on stdout: the tool, the lock it followed, the
// version now in node_modules of each package the project declares, and how many packages in all.
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

// Every package folder under node_modules, nested ones included (scoped names are one folder deeper).
let total = 0;
function count(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      count(full);
      continue;
    }
    if (fs.existsSync(path.join(full, 'package.json'))) total += 1;
    count(path.join(full, 'node_modules'));
  }
}
count('node_modules');

process.stdout.write(`${JSON.stringify({ manager: process.env.MANAGER ?? 'none', lockFile: process.env.LOCK === 'none' ? null : process.env.LOCK, packages, total })}\n`);
