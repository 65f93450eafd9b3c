// After a failed install (install-project-deps.sh): whose fault was it? Every package the
// project declares (package.json: dependencies, devDependencies, optionalDependencies) with a
// registry range is looked up with `npm view --json`, and npm's own answer decides, never its
// prose: E404 (no such package), ETARGET or an empty answer (no version in the range) is the
// declaration's fault, written to stdout as the dependency record with those packages missing
// (the image is built and the validation rejected as build_failed, naming them); any other
// failure (the registry unreachable, refusing, erring) exits 1: an infrastructure error, retried.
// When every declared package is there, it exits 3 (install-project-deps.sh then asks the lock).
'use strict';
const fs = require('node:fs');
const { execFile } = require('node:child_process');

/** npm's error code from `npm view --json` output, or null when there is none. */
function errorCode(stdout) {
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return null;
  }
  const error = parsed !== null && typeof parsed === 'object' ? parsed.error : undefined;
  return error !== null && typeof error === 'object' && typeof error.code === 'string' ? error.code : null;
}

/**
 * Pure: what `npm view --json <name>@<range> version` answered. exit 0 with a version (or a
 * list of them): found; exit 0 with nothing: no version in the range (missing); exit non-zero
 * with E404 or ETARGET: missing; anything else (ENOTFOUND, ECONNREFUSED, E503, no JSON): failed.
 */
function classifyView(exitCode, stdout) {
  if (exitCode === 0) return stdout.trim() === '' ? { kind: 'missing', code: 'ETARGET' } : { kind: 'found' };
  const code = errorCode(stdout);
  if (code === 'E404' || code === 'ETARGET') return { kind: 'missing', code };
  return { kind: 'failed', code: code ?? `exit ${exitCode}` };
}

/**
 * Pure: the package and range npm looks up for a declared spec, or null when it is not a
 * registry spec (a path, a URL, git, a workspace): those are not judged here.
 */
function registrySpec(name, spec) {
  const alias = /^npm:((?:@[^/@\s]+\/)?[^/@\s]+)(?:@(.*))?$/.exec(spec);
  if (alias !== null) return { name: alias[1], range: alias[2] === undefined || alias[2] === '' ? 'latest' : alias[2] };
  if (/^(file|link|portal|patch|workspace|git|git\+[a-z]+|github|gitlab|bitbucket|gist|https?):/.test(spec)) return null;
  // "user/repo" (GitHub shorthand) and relative or absolute paths.
  if (/^[./~]/.test(spec) || /^[^@\s/]+\/[^\s]+$/.test(spec)) return null;
  return { name, range: spec === '' ? 'latest' : spec };
}

/** Pure: the declared packages of a package.json, sorted by name. */
function declared(pkg) {
  const found = new Map();
  for (const key of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const deps = pkg !== null && typeof pkg === 'object' ? pkg[key] : undefined;
    if (deps !== null && typeof deps === 'object') for (const [name, spec] of Object.entries(deps)) if (typeof spec === 'string') found.set(name, spec);
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, spec]) => ({ name, spec }));
}

function view(name, range) {
  return new Promise((resolve) => {
    execFile('npm', ['view', '--json', `${name}@${range}`, 'version'], { timeout: 60_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout) => {
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve(classifyView(exitCode, String(stdout)));
    });
  });
}

async function main() {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const registry = await new Promise((resolve) => execFile('npm', ['config', 'get', 'registry'], (e, out) => resolve(e === null ? String(out).trim() : 'the npm registry')));
  const lookups = declared(pkg).flatMap((d) => {
    const spec = registrySpec(d.name, d.spec);
    return spec === null ? [] : [{ ...d, lookup: spec }];
  });
  const results = new Array(lookups.length);
  let next = 0;
  // A few at a time: a project declares tens, sometimes hundreds.
  await Promise.all(Array.from({ length: Math.min(8, lookups.length) }, async () => {
    while (next < lookups.length) {
      const i = next++;
      results[i] = await view(lookups[i].lookup.name, lookups[i].lookup.range);
    }
  }));
  const failed = lookups.flatMap((d, i) => (results[i].kind === 'failed' ? [`${d.name} (${results[i].code})`] : []));
  if (failed.length > 0) {
    process.stderr.write(`the registry did not answer for ${failed.join(', ')}: not the project's fault\n`);
    process.exit(1);
  }
  const missing = lookups.filter((_, i) => results[i].kind === 'missing');
  if (missing.length === 0) {
    process.stderr.write('the install failed, yet the registry has every declared package\n');
    process.exit(3);
  }
  const record = {
    toolchain: 'jest',
    installed: [],
    missing: missing.slice(0, 2000).map((d) => ({ requirement: `${d.name}@${d.spec}`.slice(0, 500), file: 'package.json', tried: [`${d.lookup.name}@${d.lookup.range} from ${registry}`.slice(0, 500)] })),
  };
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

module.exports = { classifyView, registrySpec, declared };
