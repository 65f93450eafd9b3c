/**
 * A real upstream source tree from a Debian source package, fetched once with apt's own client
 * through a private deb-src list (the host's apt configuration is not touched), checked against
 * the SHA-256 pinned by the test, unpacked and cached under ~/.cache/patchproof-tests. Without
 * apt or a mirror the fetch fails: under CI=true that fails the suite, elsewhere the caller skips.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { hostAptMirror } from '../../src/engine/apt-mirror.js';

const run = promisify(execFile);
const CACHE = join(homedir(), '.cache', 'patchproof-tests');

export interface DebianOrig {
  /** Source package and its version, as `apt-get source` takes them. */
  readonly pkg: string;
  readonly version: string;
  /** The upstream tarball's file name in the package, and its SHA-256. */
  readonly orig: string;
  readonly sha256: string;
  /** The folder the tarball unpacks to. */
  readonly topDir: string;
}

/** The unpacked upstream tree (a cached folder: copy it before changing anything). */
export async function debianOrig(source: DebianOrig): Promise<string> {
  const dir = join(CACHE, `${source.pkg}_${source.sha256.slice(0, 16)}`);
  const tree = join(dir, source.topDir);
  if (await exists(join(dir, '.complete'))) return tree;
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'apt', 'lists', 'partial'), { recursive: true });
  const mirror = await hostAptMirror(loadConfig({}));
  await writeFile(join(dir, 'apt', 'sources.list'), `deb-src ${mirror} bookworm main\n`);
  const apt = ['-o', `Dir::Etc::SourceList=${join(dir, 'apt', 'sources.list')}`, '-o', 'Dir::Etc::SourceParts=/dev/null', '-o', `Dir::State::Lists=${join(dir, 'apt', 'lists')}`, '-o', `Dir::Cache=${join(dir, 'apt')}`];
  await run('apt-get', [...apt, '-qq', 'update'], { timeout: 300_000 });
  // The URIs only: a source package's other parts (the Debian folder, bundled modules) are not needed.
  const { stdout } = await run('apt-get', [...apt, 'source', '--print-uris', `${source.pkg}=${source.version}`], { timeout: 60_000 });
  const line = stdout.split('\n').find((l) => l.split(' ')[1] === source.orig);
  const uri = line?.split(' ')[0]?.replace(/^'|'$/g, '');
  if (uri === undefined) throw new Error(`apt-get source --print-uris lists no ${source.orig}:\n${stdout}`);
  const tarball = join(dir, source.orig);
  await run('/usr/lib/apt/apt-helper', ['download-file', uri, tarball, `SHA256:${source.sha256}`], { timeout: 300_000 });
  const digest = createHash('sha256').update(await readFile(tarball)).digest('hex');
  if (digest !== source.sha256) throw new Error(`${source.orig} has SHA-256 ${digest}, expected ${source.sha256}`);
  await mkdir(join(dir, 'unpack'));
  await run('tar', ['-xzf', tarball, '-C', join(dir, 'unpack')]);
  await rename(join(dir, 'unpack', source.topDir), tree);
  await writeFile(join(dir, '.complete'), `${source.pkg} ${source.version}\n`);
  return tree;
}

/** The tree, or null when it cannot be fetched here (outside CI only: under CI=true it throws). */
export async function debianOrigOrSkip(source: DebianOrig): Promise<string | null> {
  try {
    return await debianOrig(source);
  } catch (error) {
    if (process.env['CI'] === 'true') throw error;
    console.warn(`skipping: ${source.pkg} could not be fetched: ${String(error)}`);
    return null;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
