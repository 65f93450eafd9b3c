/**
 * The physical floor: the project's test command exec'd in a container of its image that is
 * already running with the project copied, each time with a distinct change written first
 * (outside the timing). Nothing of patchproof in between: one exec, read to its end.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { Releasers } from '../../sandbox/releasers.js';
import { copyProject } from '../../sandbox/project-copy.js';
import { ownerLabels } from '../../sandbox/labels.js';
import { Sandbox } from '../../sandbox/sandbox.js';
import type { PipelineSettings } from '../../pipeline/settings.js';
import { changeArchive } from '../../sandbox/change-archive.js';
import { distinctChange } from './bench-changes.js';

export async function measureFloor(docker: Docker, image: string, settings: PipelineSettings, testCommand: readonly string[], samples: number, first: number): Promise<number[]> {
  const releasers = new Releasers();
  const id = randomUUID();
  try {
    const sandbox = await Sandbox.open(docker, { image, name: `patchproof-bench-floor-${id}`, limits: settings.limits, caps: settings.caps, labels: ownerLabels({ kind: 'job', id }), engineTimeoutMs: settings.engineTimeoutMs }, releasers);
    await copyProject(sandbox, settings.stepTimeoutMs);
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      await sandbox.upload(await changeArchive(distinctChange(first + i)));
      const started = performance.now();
      const exitCode = await execToEnd(sandbox.container, testCommand);
      times.push(performance.now() - started);
      if (exitCode !== 0) throw new Error(`the floor's test command exited ${exitCode ?? 'without a code'}`);
    }
    return times;
  } finally {
    await releasers.releaseAll();
  }
}

async function execToEnd(container: Docker.Container, command: readonly string[]): Promise<number | null> {
  const exec = await container.exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true, User: '1000:1000', WorkingDir: '/workspace' });
  const stream = await exec.start({ hijack: true, stdin: false });
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
    stream.resume();
  });
  return (await exec.inspect()).ExitCode;
}
