/** What a test run may leave behind: nothing labelled as ours, container or volume. */
import type Docker from 'dockerode';
import { LABEL_OWNER } from '../../src/sandbox/labels.js';

export async function leftovers(docker: Docker): Promise<{ containers: string[]; volumes: string[] }> {
  const containers = await docker.listContainers({ all: true, filters: { label: [LABEL_OWNER] } });
  const volumes = await docker.listVolumes({ filters: { label: [LABEL_OWNER] } });
  return { containers: containers.map((c) => c.Id), volumes: (volumes.Volumes ?? []).map((v) => v.Name) };
}
