/**
 * Recognises a jest project from its files alone: jest named in package.json (as a dependency,
 * a "jest" config key or the test script) or a jest.config file. Each signal found is evidence.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProjectSnapshot } from '../../project/project-snapshot.js';
import type { Detection } from '../toolchain.js';

const CONFIG_FILES = ['jest.config.js', 'jest.config.ts', 'jest.config.cjs', 'jest.config.mjs', 'jest.config.json'];
const TEST_SCRIPT = /^jest(\s|$)/;

const Dependencies = z.record(z.string(), z.unknown());
const PackageJson = z.looseObject({
  dependencies: Dependencies.optional().catch(undefined),
  devDependencies: Dependencies.optional().catch(undefined),
  scripts: z.record(z.string(), z.unknown()).optional().catch(undefined),
});

function isFile(snapshot: ProjectSnapshot, path: string): boolean {
  return snapshot.entries.get(path)?.type === 'file';
}

function readPackageJson(snapshot: ProjectSnapshot): z.infer<typeof PackageJson> | null {
  if (!isFile(snapshot, 'package.json')) return null;
  try {
    const parsed = PackageJson.safeParse(JSON.parse(readFileSync(join(snapshot.root, 'package.json'), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    // Unreadable or not JSON: npm could not use it either, so it is no signal.
    return null;
  }
}

export function isTypeScriptProject(snapshot: ProjectSnapshot): boolean {
  return isFile(snapshot, 'tsconfig.json');
}

export function detectJest(snapshot: ProjectSnapshot): Detection | null {
  const evidence: string[] = [];
  const pkg = readPackageJson(snapshot);
  if (pkg !== null) {
    if (pkg.devDependencies?.['jest'] !== undefined) evidence.push('package.json lists jest in devDependencies');
    if (pkg.dependencies?.['jest'] !== undefined) evidence.push('package.json lists jest in dependencies');
    if (pkg['jest'] !== undefined) evidence.push('package.json has a "jest" config key');
    const test = pkg.scripts?.['test'];
    if (typeof test === 'string' && TEST_SCRIPT.test(test.trim())) evidence.push(`package.json's test script runs jest ("${test.trim()}")`);
  }
  for (const name of CONFIG_FILES) {
    if (isFile(snapshot, name)) evidence.push(name);
  }
  if (evidence.length === 0) return null;
  if (isTypeScriptProject(snapshot)) evidence.push('tsconfig.json (TypeScript: type-checked with tsc before the tests)');
  return { evidence };
}
