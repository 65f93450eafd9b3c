/**
 * Recognises a Maven project: a pom.xml at the project root, as Maven itself requires (a POM in
 * a subfolder is a module of something, or not ours to build).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectSnapshot } from '../../project/project-snapshot.js';
import type { Detection } from '../toolchain.js';
import { pomCoordinates } from './pom-coordinates.js';

export const POM = 'pom.xml';

export function detectMaven(snapshot: ProjectSnapshot): Detection | null {
  if (snapshot.entries.get(POM)?.type !== 'file') return null;
  let coordinates: string | null = null;
  try {
    coordinates = pomCoordinates(readFileSync(join(snapshot.root, POM), 'utf8'));
  } catch {
    // Unreadable now: still a Maven project; the build will say what is wrong with it.
  }
  return { evidence: [coordinates === null ? POM : `${POM} (${coordinates})`] };
}
