/** The dependency record an image build leaves: parsed with zod, summarised, and named when something is missing. */
import { describe, expect, it } from 'vitest';
import { capDependencyRecord, dependencySummary, missingDependenciesReason, parseDependencyRecord, withOrigin } from '../../../src/images/dependency-record.js';
import { goManifests, javascriptManifests, pythonManifests, rubyManifests } from '../../../src/images/manifest-files.js';
import type { ProjectSnapshot } from '../../../src/project/project-snapshot.js';

const record = {
  toolchain: 'python',
  installed: [
    { requirement: 'PyYAML>=5', file: 'requirements.txt', package: 'python3-yaml', version: '6.0-3', source: 'debian' },
    { requirement: 'pytest', file: 'requirements-dev.txt', package: 'pytest', version: '7.2.1', source: 'image' },
  ],
  missing: [{ requirement: 'nope==1', file: 'requirements.txt', tried: ['python3-nope'] }],
};

describe('the dependency record', () => {
  it('parses what a resolver writes and refuses what is not a record', () => {
    expect(parseDependencyRecord(JSON.stringify(record))).toEqual(record);
    expect(parseDependencyRecord('{"toolchain":"go","installed":[{"requirement":1}],"missing":[]}')).toBeNull();
    expect(parseDependencyRecord('not json')).toBeNull();
  });

  it('names what is missing, with its file and the packages tried; nothing when all was found', () => {
    expect(missingDependenciesReason(record)).toBe('build failed: declared dependency not found: nope==1 (requirements.txt; tried python3-nope)');
    const four = { ...record, missing: ['a', 'b', 'c', 'd'].map((r) => ({ requirement: r, tried: [`ruby-${r}`] })) };
    expect(missingDependenciesReason(four)).toBe('build failed: declared dependencies not found: a (tried ruby-a); b (tried ruby-b); c (tried ruby-c) and 1 more');
    expect(missingDependenciesReason({ ...record, missing: [] })).toBeNull();
  });

  it('names a lock file out of date with package.json, from the record jest\'s image writes', () => {
    const stale = parseDependencyRecord(JSON.stringify({ toolchain: 'jest', installed: [{ requirement: 'ms@2.1.3', file: 'package.json', package: 'ms', version: '2.1.3', source: 'yarn 4.9.2 from yarn.lock' }], missing: [], staleLock: { lock: 'yarn.lock', manager: 'yarn 4.9.2' } }));
    expect(stale).not.toBeNull();
    if (stale === null) return;
    expect(missingDependenciesReason(stale)).toBe('build failed: yarn.lock does not match package.json: yarn 4.9.2 refuses to install from it as it is, and installs once free to update it (a change to package.json must update yarn.lock too)');
    expect(dependencySummary(stale)).toBe('1 installed (1 yarn), yarn.lock out of date');
    // A missing package is named first: it is what the lock cannot fix.
    expect(missingDependenciesReason({ ...stale, missing: [{ requirement: 'nope@1', file: 'package.json', tried: ['nope@1 from https://registry.npmjs.org/'] }] })).toMatch(/^build failed: declared dependency not found: nope@1 /);
    expect(missingDependenciesReason({ ...stale, staleLock: null })).toBeNull();
  });

  it('is marked when a proposal\'s manifests made it, and kept so when capped', () => {
    expect(withOrigin(record, false)).toBe(record);
    expect(withOrigin(null, true)).toBeNull();
    expect(capDependencyRecord(withOrigin(record, true) ?? record).fromChanges).toBe(true);
  });

  it('summarises by source and keeps at most 200 of each list', () => {
    expect(dependencySummary(record)).toBe('2 installed (1 debian, 1 image), 1 not found');
    const many = { ...record, installed: Array.from({ length: 300 }, () => record.installed[0]!) };
    expect(capDependencyRecord(many).installed).toHaveLength(200);
  });
});

describe('manifest files', () => {
  const snapshot = (paths: string[]): ProjectSnapshot => ({
    root: '/p',
    totalBytes: 0,
    entries: new Map(paths.map((path) => [path, { path, type: 'file' as const, executable: false, size: 0, linkTarget: null, digest: '' }])),
  });
  it('are the declaring files only, never source', () => {
    const s = snapshot(['requirements.txt', 'requirements-dev.txt', 'requirements/test.txt', 'pyproject.toml', 'setup.cfg', 'src/requirements.txt', 'a.py', 'Gemfile', 'Gemfile.lock', 'x.gemspec', 'lib/x.rb', 'go.mod', 'go.sum', 'vendor/modules.txt', 'vendor/a/b.go', 'main.go']);
    expect(pythonManifests(s)).toEqual(['pyproject.toml', 'requirements-dev.txt', 'requirements.txt', 'requirements/test.txt', 'setup.cfg']);
    expect(rubyManifests(s)).toEqual(['Gemfile', 'Gemfile.lock', 'x.gemspec']);
    expect(goManifests(s)).toEqual(['go.mod', 'go.sum', 'vendor/modules.txt']);
  });
  it('for JavaScript: package.json and every lock at the top, never a nested package or node_modules', () => {
    const s = snapshot(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'packages/a/package.json', 'node_modules/ms/package.json', 'src/index.js', '.yarnrc.yml']);
    expect(javascriptManifests(s)).toEqual(['npm-shrinkwrap.json', 'package-lock.json', 'package.json', 'pnpm-lock.yaml', 'yarn.lock']);
  });
});
