/**
 * `projects show` says what the image build installed of a project's declared dependencies and
 * from where, after a worker validated a proposal of it (real CLI processes, SQLite file, engine).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectView } from '../../src/app/views/project-view.js';
import { confProject, CONF_SOURCE } from '../support/python-deps-project.js';
import { runCli } from '../support/run-cli.js';
import { writeProject } from '../support/write-project.js';

describe('projects show and declared dependencies', () => {
  it('names each requirement, the package that met it, its version and its source', { timeout: 900_000 }, async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-cli-deps-'));
    const env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100' };
    const project = await writeProject('conf', confProject());
    expect((await runCli(['projects', 'add', 'conf', project], env)).code).toBe(0);

    const before = ProjectView.parse(JSON.parse((await runCli(['projects', 'show', 'conf', '--json'], env)).stdout));
    expect(before.dependencies).toBeNull();

    const changes = join(work, 'change.json');
    await writeFile(changes, JSON.stringify([{ filepath: 'conf/__init__.py', content: CONF_SOURCE.replace('return 1', 'return 2') }]));
    expect((await runCli(['propose', 'conf', '--changes', changes, '--json'], env)).code).toBe(0);
    const worker = await runCli(['worker', '--until-idle', '--no-schedules'], env);
    expect(worker.code, worker.stderr).toBe(0);

    const shown = ProjectView.parse(JSON.parse((await runCli(['projects', 'show', 'conf', '--json'], env)).stdout));
    expect(shown.dependencies?.record.installed.map((i) => `${i.requirement} <- ${i.package} from ${i.source}`)).toEqual([
      'requests>=2 <- python3-requests from debian',
      'PyYAML>=5.0 <- python3-yaml from debian',
    ]);
    const text = await runCli(['projects', 'show', 'conf'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`  dependencies 2 installed (2 debian), as of validation ${shown.dependencies?.validationId}\n`);
    expect(text.stdout).toMatch(/\n {4}PyYAML>=5\.0 \(requirements\.txt\) <- python3-yaml \d\S* from debian\n/);
  });
});
