/**
 * Real upstream source trees, as Debian ships them: the `.orig.tar.*` of a Debian source package
 * (upstream's own files, none of Debian's patches), found with `apt-get source --print-uris`
 * through a private sources list and state folder (the host's apt configuration is never
 * touched), downloaded with apt's own helper against the checksum apt's index gives (and the
 * SHA-256 a caller pins, when it pins one), and extracted once into the one cache every test
 * shares across runs. The tree appears by one rename, so a tree that exists is whole and two test
 * files fetching at once do not trip over each other. Returns null when it cannot be fetched (no
 * mirror): the caller skips, except under CI=true, where that is a failure.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { hostAptMirror } from '../../src/engine/apt-mirror.js';

const run = promisify(execFile);
export const SOURCES_CACHE = join(tmpdir(), 'patchproof-test-cache', 'debian-sources');

export interface DebianUpstream {
  /** Source package and its Debian version, as `apt-get source` takes them ("yamllint", "1.29.0-1"). */
  readonly pkg: string;
  readonly version: string;
  /** The upstream tarball's SHA-256, when the test pins it beside the index's checksum. */
  readonly sha256?: string;
}

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

/** A private apt state with bookworm's source index: made once per process, only when a tree is missing. */
async function sourceIndex(): Promise<string> {
  indexed ??= (async () => {
    await mkdir(SOURCES_CACHE, { recursive: true });
    const state = await mkdtemp(join(SOURCES_CACHE, 'apt-state-'));
    for (const dir of ['lists/partial', 'cache/archives/partial']) await mkdir(join(state, dir), { recursive: true });
    const mirror = await hostAptMirror(loadConfig({}));
    await writeFile(join(state, 'sources.list'), `deb-src ${mirror} bookworm main\n`);
    await run('apt-get', [...aptOptions(state), '-qq', 'update'], { timeout: 300_000 });
    return state;
  })();
  return indexed;
}

/** The cached tree's folder (a tree that exists is whole). */
export function upstreamTreePath(source: DebianUpstream): string {
  return join(SOURCES_CACHE, `${source.pkg}_${source.version}`, 'tree');
}

/** The extracted upstream tree (a cached folder: copy it before changing anything). Throws when it cannot be fetched. */
export async function fetchUpstream(source: DebianUpstream): Promise<string> {
  const tree = upstreamTreePath(source);
  if (await exists(tree)) return tree;
  const state = await sourceIndex();
  const dir = join(SOURCES_CACHE, `${source.pkg}_${source.version}`);
  await mkdir(dir, { recursive: true });
  const work = await mkdtemp(join(dir, 'fetch-'));
  try {
    const uris = (await run('apt-get', [...aptOptions(state), '--print-uris', 'source', `${source.pkg}=${source.version}`], { cwd: work, timeout: 60_000 })).stdout;
    // Only the upstream tarball: a source package's other parts (Debian's folder, bundled components) are not needed.
    const orig = /'([^']+)' (\S+\.orig\.tar\.\w+) \d+ (SHA256|MD5Sum):(\w+)/.exec(uris);
    if (orig === null) throw new Error(`no .orig tarball for ${source.pkg} ${source.version} in the source index:\n${uris}`);
    const [, uri = '', name = '', kind = '', sum = ''] = orig;
    const tarball = join(work, name);
    await run('/usr/lib/apt/apt-helper', ['download-file', uri, tarball, `${kind}:${sum}`], { timeout: 300_000 });
    const bytes = await readFile(tarball);
    if (createHash(kind === 'SHA256' ? 'sha256' : 'md5').update(bytes).digest('hex') !== sum) throw new Error(`${name}: checksum mismatch with the source index`);
    if (source.sha256 !== undefined && createHash('sha256').update(bytes).digest('hex') !== source.sha256) throw new Error(`${name}: SHA-256 is not the pinned ${source.sha256}`);
    const staging = join(work, 'staging');
    await mkdir(staging);
    await run('tar', ['-xf', tarball, '-C', staging]);
    const [top] = await readdir(staging);
    if (top === undefined) throw new Error(`${name} is empty`);
    // Another process may have won the race: its tree is as good as ours.
    await rename(join(staging, top), tree).catch(async (error: unknown) => {
      if (!(await exists(tree))) throw error;
    });
    return tree;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The tree, or null when it cannot be fetched here (outside CI only: under CI=true it throws). */
export async function upstreamSource(source: DebianUpstream): Promise<string | null> {
  try {
    return await fetchUpstream(source);
  } catch (error) {
    if (process.env['CI'] === 'true') throw error;
    process.stderr.write(`debian-upstream: ${source.pkg} ${source.version} not available (${error instanceof Error ? error.message : String(error)}); its tests are skipped\n`);
    return null;
  }
}

/** A private copy of the tree, to change freely (or null, as upstreamSource). */
export async function upstreamCopy(source: DebianUpstream, name: string): Promise<string | null> {
  const tree = await upstreamSource(source);
  if (tree === null) return null;
  const copy = join(await mkdtemp(join(tmpdir(), `patchproof-${name}-`)), name);
  await cp(tree, copy, { recursive: true });
  return copy;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
