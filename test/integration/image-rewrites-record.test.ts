/**
 * What the image build rewrote (Maven POMs) is recorded with the validation, through the
 * migration that adds its column, and shown by the real CLI: `proposals show` per validation,
 * `projects show` from the project's latest validation that recorded it.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ImageRewritesView } from '../../src/app/views/image-rewrite-view.js';
import { loadConfig } from '../../src/config.js';
import { resultWithoutRun } from '../../src/pipeline/validation-result.js';
import { openStorage } from '../../src/storage/storage.js';
import { runCli } from '../support/run-cli.js';

const REWRITES = [
  { file: 'pom.xml', kind: 'package_installed', subject: 'libgoogle-gson-java', from: null, to: null, reason: 'Debian package holding com.google.code.gson:gson' },
  { file: 'pom.xml', kind: 'plugin_dropped', subject: 'com.github.siom79.japicmp:japicmp-maven-plugin', from: '0.15.7', to: null, reason: 'not needed to compile and run the tests' },
  { file: 'pom.xml', kind: 'dependency_version', subject: 'com.google.code.gson:gson', from: '2.9.1', to: 'debian', reason: "mapped to Debian's alias" },
];

describe('recorded image rewrites', () => {
  let env: Record<string, string>;
  let proposalId: string;

  beforeAll(async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-rewrites-'));
    const dir = join(work, 'project');
    await mkdir(dir);
    await writeFile(join(dir, 'pom.xml'), '<project><groupId>org.x</groupId><artifactId>y</artifactId><version>1</version></project>\n');
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite') };
    const storage = await openStorage(loadConfig(env));
    try {
      const project = await storage.projects.add('upstream', dir);
      const older = await storage.proposals.create({ projectId: project.id, title: null, author: null, changes: [], patch: null, contentKey: 'k0', priority: 0, status: 'running', leaseOwner: 'v0', leaseExpiresAt: Date.now() + 60_000 });
      await storage.proposals.recordValidation(older.id, 'v0', { ...resultWithoutRun('v0', { outcome: 'executed', code: 'passed', reason: 'ok' }), imageRewrites: [REWRITES[0] ?? REWRITES[1]], startedAt: new Date(Date.now() - 60_000) }, { status: 'executed' }, 'w');
      const proposal = await storage.proposals.create({ projectId: project.id, title: null, author: null, changes: [], patch: null, contentKey: 'k1', priority: 0, status: 'running', leaseOwner: 'v1', leaseExpiresAt: Date.now() + 60_000 });
      proposalId = proposal.id;
      await storage.proposals.recordValidation(proposal.id, 'v1', { ...resultWithoutRun('v1', { outcome: 'executed', code: 'passed', reason: 'ok' }), imageRewrites: REWRITES }, { status: 'executed' }, 'w');
    } finally {
      await storage.close();
    }
  });

  it('proposals show lists them with the validation, as JSON and as text', async () => {
    const json = await runCli(['proposals', 'show', proposalId, '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    const shown = z.object({ validations: z.array(z.object({ imageRewrites: ImageRewritesView })) }).parse(JSON.parse(json.stdout));
    expect(shown.validations[0]?.imageRewrites).toEqual(REWRITES);
    const text = await runCli(['proposals', 'show', proposalId], env);
    expect(text.stdout).toContain('    rewritten pom.xml: package_installed libgoogle-gson-java (Debian package holding com.google.code.gson:gson)');
    expect(text.stdout).toContain('pom.xml: plugin_dropped com.github.siom79.japicmp:japicmp-maven-plugin 0.15.7 (not needed to compile and run the tests)');
    expect(text.stdout).toContain('pom.xml: dependency_version com.google.code.gson:gson 2.9.1 -> debian');
  });

  it("projects show says what the project's latest validation rewrote", async () => {
    const json = await runCli(['projects', 'show', 'upstream', '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    expect(z.object({ imageRewrites: ImageRewritesView }).parse(JSON.parse(json.stdout)).imageRewrites).toEqual(REWRITES);
    const text = await runCli(['projects', 'show', 'upstream'], env);
    expect(text.stdout).toContain('  rewritten pom.xml: package_installed libgoogle-gson-java (Debian package holding com.google.code.gson:gson)');
    expect(text.stdout.split('\n').filter((l) => l.includes('pom.xml:'))).toHaveLength(3);
  });
});
