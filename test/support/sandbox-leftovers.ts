/**
 * What a test may leave behind: nothing labelled as ours. By default only what this test process
 * started is looked at (label patchproof.worker), so test runs going on beside it (another
 * developer's, a helper's) cannot make it fail; `everyone` looks at all of ours.
 */
import type Docker from 'dockerode';
import { LABEL_OWNER, LABEL_WORKER, workerIdentity } from '../../src/sandbox/labels.js';

export async function leftovers(docker: Docker, scope: 'this-process' | 'everyone' = 'this-process'): Promise<{ containers: string[]; volumes: string[] }> {
  const label = scope === 'everyone' ? [LABEL_OWNER] : [`${LABEL_WORKER}=${workerIdentity()}`];
  const containers = await docker.listContainers({ all: true, filters: { label } });
  const volumes = await docker.listVolumes({ filters: { label } });
  return { containers: containers.map((c) => c.Id), volumes: (volumes.Volumes ?? []).map((v) => v.Name) };
}
