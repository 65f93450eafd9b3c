/**
 * A real upstream source tree: the orig tarball of a Debian source package, fetched with
 * `apt-get source --download-only` through a private sources list (deb-src on the host's mirror,
 * its own lists folder: the host's apt is not touched) and cached under the system's temporary
 * folder, so a second run fetches nothing. Returns the extracted folder, or null when it could
 * not be fetched; under CI=true a failed fetch is an error instead.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { hostAptMirror } from '../../src/engine/apt-mirror.js';

const run = promisify(execFile);
const CACHE = join(tmpdir(), 'patchproof-debian-sources');

export async function debianUpstreamSource(pkg: string, version: string): Promise<string | null> {
  const tree = join(CACHE, `${pkg}-${version}`);
  if (existsSync(tree)) return tree;
  try {
    await mkdir(join(CACHE, 'lists', 'partial'), { recursive: true });
    const mirror = await hostAptMirror(loadConfig({}));
    await writeFile(join(CACHE, 'sources.list'), `deb-src ${mirror} bookworm main\n`);
    const apt = ['-q', '-o', `Dir::Etc::SourceList=${join(CACHE, 'sources.list')}`, '-o', 'Dir::Etc::SourceParts=/dev/null', '-o', `Dir::State::Lists=${join(CACHE, 'lists')}`, '-o', `Dir::Cache=${join(CACHE, 'cache')}`];
    await run('apt-get', [...apt, 'update'], { timeout: 300_000 });
    // The Debian packaging files may be missing from a caching mirror: only the upstream tarball is needed.
    await run('apt-get', [...apt, 'source', '--download-only', `${pkg}=${version}-1`], { cwd: CACHE, timeout: 300_000 }).catch(() => undefined);
    const orig = (await readdir(CACHE)).find((name) => name.startsWith(`${pkg}_${version}.orig.tar`));
    if (orig === undefined) throw new Error(`apt-get source ${pkg}=${version}-1 left no ${pkg}_${version}.orig.tar.*`);
    await run('tar', ['-xf', join(CACHE, orig), '-C', CACHE]);
    if (!existsSync(tree)) throw new Error(`${orig} holds no ${pkg}-${version}/`);
    return tree;
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    return null;
  }
}
