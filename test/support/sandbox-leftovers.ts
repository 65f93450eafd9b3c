/**
 * What a test may leave behind: nothing labelled as ours. By default only what this test process
 * started is looked at (label patchproof.worker), so test runs going on beside it (another
 * developer's, a helper's) cannot make it fail; `everyone` looks at all of ours.
 */
import type Docker from 'dockerode';
import { LABEL_OWNER, LABEL_STORE, LABEL_WORKER, workerIdentity } from '../../src/sandbox/labels.js';

/** `{ store }`: everything recorded in one database, whichever process (a CLI run) started it. */
export async function leftovers(docker: Docker, scope: 'this-process' | 'everyone' | { store: string } = 'this-process'): Promise<{ containers: string[]; volumes: string[] }> {
  const label = scope === 'everyone' ? [LABEL_OWNER] : scope === 'this-process' ? [`${LABEL_WORKER}=${workerIdentity()}`] : [`${LABEL_OWNER}=true`, `${LABEL_STORE}=${scope.store}`];
  const containers = await docker.listContainers({ all: true, filters: { label } });
  const volumes = await docker.listVolumes({ filters: { label } });
  return { containers: containers.map((c) => c.Id), volumes: (volumes.Volumes ?? []).map((v) => v.Name) };
}
