/**
 * Real upstream source trees, as Debian ships them: the `.orig.tar.*` of a Debian source package
 * (upstream's own files, none of Debian's patches), fetched with `apt-get source --download-only`
 * through a private sources list and state folder (the host's apt configuration is never
 * touched), checked against the checksum apt's index gives, and extracted once into a cache the
 * tests reuse across runs. Returns null when it cannot be fetched (no network): the caller skips,
 * except under CI=true, where that is a failure.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { hostAptMirror } from '../../src/engine/apt-mirror.js';

const run = promisify(execFile);
export const SOURCES_CACHE = join(tmpdir(), 'patchproof-test-cache', 'debian-sources');

function aptOptions(state: string): string[] {
  return [
    '-o', `Dir::Etc::SourceList=${join(state, 'sources.list')}`,
    '-o', 'Dir::Etc::SourceParts=/dev/null',
    '-o', `Dir::State::Lists=${join(state, 'lists')}`,
    '-o', `Dir::Cache=${join(state, 'cache')}`,
    '-o', 'Debug::NoLocking=1',
    '-o', 'APT::Sandbox::User=root',
  ];
}

let indexed: Promise<string> | null = null;

/** A private apt state with bookworm's source index, made once per process. */
async function sourceIndex(): Promise<string> {
  indexed ??= (async () => {
    const state = join(SOURCES_CACHE, 'apt-state');
    for (const dir of ['lists/partial', 'cache/archives/partial']) await mkdir(join(state, dir), { recursive: true });
    const mirror = await hostAptMirror(loadConfig({}));
    await writeFile(join(state, 'sources.list'), `deb-src ${mirror} bookworm main\n`);
    await run('apt-get', [...aptOptions(state), '-qq', 'update'], { timeout: 120_000 });
    return state;
  })();
  return indexed;
}

/** The extracted upstream tree of `pkg` (version as bookworm has it), or null when it cannot be fetched. */
export async function upstreamSource(pkg: string, version: string): Promise<string | null> {
  const dir = join(SOURCES_CACHE, `${pkg}_${version}`);
  const tree = join(dir, 'tree');
  if (await exists(join(dir, 'extracted'))) return tree;
  try {
    const state = await sourceIndex();
    const download = join(dir, 'download');
    await rm(dir, { recursive: true, force: true });
    await mkdir(download, { recursive: true });
    const uris = (await run('apt-get', [...aptOptions(state), '--print-uris', 'source', `${pkg}=${version}`], { cwd: download })).stdout;
    const orig = /'[^']+' (\S+\.orig\.tar\.\w+) (\d+) (?:MD5Sum|SHA256):(\w+)/.exec(uris);
    if (orig === null) throw new Error(`no .orig tarball for ${pkg} ${version} in the source index`);
    const [, name = '', , sum = ''] = orig;
    // The whole source package is asked for; Debian's own files may fail where the orig does not.
    await run('apt-get', [...aptOptions(state), '-qq', '--download-only', 'source', `${pkg}=${version}`], { cwd: download, timeout: 300_000 }).catch(() => undefined);
    const bytes = await readFile(join(download, name));
    const algorithm = sum.length === 64 ? 'sha256' : 'md5';
    if (createHash(algorithm).update(bytes).digest('hex') !== sum) throw new Error(`${name}: checksum mismatch`);
    const staging = join(dir, 'staging');
    await mkdir(staging, { recursive: true });
    await run('tar', ['-xf', join(download, name), '-C', staging]);
    const [top] = await readdir(staging);
    if (top === undefined) throw new Error(`${name} is empty`);
    await rename(join(staging, top), tree);
    await rm(download, { recursive: true, force: true });
    await writeFile(join(dir, 'extracted'), `${name}\n`);
    return tree;
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    process.stderr.write(`debian-sources: ${pkg} ${version} not available (${error instanceof Error ? error.message : String(error)}); its tests are skipped\n`);
    return null;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
