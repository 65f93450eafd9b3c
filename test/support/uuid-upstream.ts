/**
 * github.com/google/uuid 1.3.0 as Debian's source package ships it (golang-github-google-uuid): a
 * small real Go module with no dependencies whose tests run offline, attacked by the forged-report
 * cases of test/security/. Shared so they name one tree, one image and one change.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Change } from '../../src/changes/change.js';
import type { AttackTarget } from '../security/attack-harness.js';
import { upstreamSource } from './debian-upstream.js';
import { write } from './run-validation.js';

export const UUID = { pkg: 'golang-github-google-uuid', version: '1.3.0-1' } as const;

/** The attack target, or null when the source cannot be fetched here. Go's own counts for it: gotestsum's "DONE 32 tests, 1 skipped". */
export async function uuidTarget(): Promise<AttackTarget | null> {
  const tree = await upstreamSource(UUID);
  return tree === null ? null : { fixture: 'uuid', dir: tree, passing: '31 of 32 tests passed, 1 skipped; 87.3% of lines covered', limits: { tmpMb: 256, memoryMb: 512 } };
}

/** Version() off by a bit: TestUUID, TestRandomUUID, TestRandomUUID_Pooled, TestNew, TestVersion1 and TestDCE fail. */
export async function breakVersion(project: string): Promise<Change> {
  const source = await readFile(join(project, 'uuid.go'), 'utf8');
  return write('uuid.go', source.replace('return Version(uuid[6] >> 4)', 'return Version(uuid[6] >> 3)'));
}
