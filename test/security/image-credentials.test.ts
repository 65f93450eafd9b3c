/**
 * Mirror credentials in images: a Debian mirror URL with a user or password would be kept by
 * every image built from it (a build argument is shown by `docker history`, and the templates
 * once left /etc/apt/sources.list in place). Such a URL is refused, without being repeated; the
 * images patchproof builds keep no sources list and no credentials in their history.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { hostAptMirror } from '../../src/engine/apt-mirror.js';
import { InputError } from '../../src/errors/input-error.js';
import { IMAGE_REPOSITORY } from '../../src/images/image-tag.js';
import { ownerLabels } from '../../src/sandbox/labels.js';
import { docker } from '../support/run-validation.js';
import { Attack } from './attack-harness.js';

const SECRET = `pw-${randomUUID()}`;
const WITH_CREDENTIALS = `http://builder:${SECRET}@mirror.example.internal/debian`;
/** user:password@ in any URL. */
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^\s/@:]+:[^\s/@]*@/i;

/** Every file under `dir` in an image, read through a container that is created, never started. */
async function filesIn(image: string, dir: string): Promise<Map<string, string>> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['true'],
    Labels: ownerLabels({ kind: 'validation', id: randomUUID(), proposalId: randomUUID() }),
    HostConfig: { NetworkMode: 'none' },
  });
  try {
    const archive = await container.getArchive({ path: dir });
    const files = new Map<string, string>();
    const reader = tar.extract();
    reader.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (header.type === 'file') files.set(header.name, Buffer.concat(chunks).toString('utf8'));
        next();
      });
    });
    await new Promise<void>((resolve, reject) => {
      reader.on('finish', resolve);
      reader.on('error', reject);
      archive.pipe(reader);
    });
    return files;
  } finally {
    await container.remove({ force: true });
  }
}

describe('apt mirror credentials', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('are refused in PATCHPROOF_APT_MIRROR, saying why and without repeating them', () => {
    let thrown: unknown;
    try {
      loadConfig({ PATCHPROOF_APT_MIRROR: WITH_CREDENTIALS });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const message = thrown instanceof Error ? thrown.message : '';
    expect(message).toContain('PATCHPROOF_APT_MIRROR: must not carry credentials (user:password@)');
    expect(message).toContain('docker history');
    expect(message).not.toContain(SECRET);
    expect(message).toContain('(got "http://***@mirror.example.internal/debian")');
    expect(loadConfig({ PATCHPROOF_APT_MIRROR: 'http://mirror.example.internal/debian' }).PATCHPROOF_APT_MIRROR).toBe('http://mirror.example.internal/debian');
  });

  it('are refused when the host apt sources name a mirror with them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patchproof-sources-'));
    const files = { deb822: join(dir, 'debian.sources'), oneLine: join(dir, 'sources.list') };
    await writeFile(files.oneLine, `deb ${WITH_CREDENTIALS} bookworm main\n`);
    const refused = await hostAptMirror({ PATCHPROOF_APT_MIRROR: undefined }, files).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(InputError);
    const message = refused instanceof Error ? refused.message : '';
    expect(message).toMatch(/^the host's apt mirror \(.*\) must not carry credentials/);
    expect(message).not.toContain(SECRET);
  });

  it('are in no image patchproof builds: no sources list left, nothing in any image history', async () => {
    // A validation builds (or reuses) the python image from the current template.
    const result = await attack.run([]);
    expect(result.outcome, result.reason).toBe('executed');
    const image = result.image ?? '';
    expect(image.startsWith(`${IMAGE_REPOSITORY}/`) || image.startsWith(IMAGE_REPOSITORY)).toBe(true);
    const apt = await filesIn(image, '/etc/apt');
    expect([...apt.keys()].filter((name) => /sources\.list$|\.sources$|\.list$/.test(name))).toEqual([]);
    for (const [name, content] of apt) expect(content, name).not.toMatch(URL_CREDENTIALS);

    // Every image of ours in the engine, whichever template and whenever built.
    const ours = (await docker.listImages({ filters: { label: ['patchproof'] } })).map((i) => i.Id);
    expect(ours.length).toBeGreaterThan(0);
    for (const id of ours) {
      const history = await docker.getImage(id).history();
      for (const step of history) expect(String(step.CreatedBy), id).not.toMatch(URL_CREDENTIALS);
    }
  });
});
