/** The dependency record an image build leaves: parsed with zod, summarised, and named when something is missing. */
import { describe, expect, it } from 'vitest';
import { capDependencyRecord, dependencySummary, missingDependenciesReason, parseDependencyRecord } from '../../../src/images/dependency-record.js';
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
