import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  aptMirrorFrom,
  FALLBACK_APT_MIRROR,
  hostAptMirror,
  parseDeb822Sources,
  parseOneLineSources,
} from '../../../src/engine/apt-mirror.js';

// As shipped on Debian 12, with the snapshot comments some images carry.
const DEBIAN_SOURCES = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
# http://snapshot.debian.org/archive/debian-security/20250520T000000Z
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`;

describe('parseDeb822Sources', () => {
  it('reads every stanza, skipping comment lines', () => {
    expect(parseDeb822Sources(DEBIAN_SOURCES)).toEqual([
      { uri: 'http://deb.debian.org/debian', suites: ['bookworm', 'bookworm-updates'] },
      { uri: 'http://deb.debian.org/debian-security', suites: ['bookworm-security'] },
    ]);
  });

  it('skips deb-src-only and disabled stanzas, and reads continuation lines and odd field case', () => {
    const text = `# leading comment

Types: deb-src
URIs: http://src.example/debian
Suites: bookworm

Types: deb
Enabled: no
URIs: http://disabled.example/debian
Suites: bookworm

types: deb deb-src
uris: http://one.example/debian
  http://two.example/debian
suites: bookworm
`;
    expect(parseDeb822Sources(text)).toEqual([
      { uri: 'http://one.example/debian', suites: ['bookworm'] },
      { uri: 'http://two.example/debian', suites: ['bookworm'] },
    ]);
  });
});

describe('parseOneLineSources', () => {
  it('reads deb lines with options, and ignores comments, deb-src and blank lines', () => {
    const text = `# deb http://commented.example/debian bookworm main

deb-src http://src.example/debian bookworm main
deb [arch=amd64 signed-by=/usr/share/keyrings/k.gpg] http://mirror.example/debian/ bookworm main contrib # trailing
deb http://security.debian.org/debian-security bookworm-security main
`;
    expect(parseOneLineSources(text)).toEqual([
      { uri: 'http://mirror.example/debian/', suites: ['bookworm'] },
      { uri: 'http://security.debian.org/debian-security', suites: ['bookworm-security'] },
    ]);
  });
});

describe('aptMirrorFrom', () => {
  it('picks the stanza that serves the suite from a deb822 file', () => {
    expect(aptMirrorFrom({ deb822: DEBIAN_SOURCES })).toBe('http://deb.debian.org/debian');
  });

  it('does not pick the security archive even when it is listed first', () => {
    const text = DEBIAN_SOURCES.split('\n\n').reverse().join('\n\n');
    expect(aptMirrorFrom({ deb822: text })).toBe('http://deb.debian.org/debian');
  });

  it('reads the one-line format and strips the trailing slash', () => {
    expect(aptMirrorFrom({ oneLine: 'deb http://ftp.de.debian.org/debian/ bookworm main\n' })).toBe('http://ftp.de.debian.org/debian');
  });

  it('prefers deb822 over one-line when both name the suite', () => {
    expect(
      aptMirrorFrom({ deb822: DEBIAN_SOURCES, oneLine: 'deb http://other.example/debian bookworm main' }),
    ).toBe('http://deb.debian.org/debian');
  });

  it('falls back to a non-security entry of another release (same mirror, other suite)', () => {
    const trixie = 'Types: deb\nURIs: http://mirror.example/debian\nSuites: trixie trixie-updates\nComponents: main\n';
    expect(aptMirrorFrom({ deb822: trixie })).toBe('http://mirror.example/debian');
  });

  it('returns undefined when only security, cdrom or empty sources are listed', () => {
    expect(aptMirrorFrom({ oneLine: 'deb http://security.debian.org/debian-security bookworm-security main' })).toBeUndefined();
    expect(aptMirrorFrom({ oneLine: 'deb cdrom:[Debian 12]/ bookworm main' })).toBeUndefined();
    expect(aptMirrorFrom({ deb822: '', oneLine: '# nothing\n' })).toBeUndefined();
    expect(aptMirrorFrom({})).toBeUndefined();
  });
});

describe('hostAptMirror', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const files = async (deb822?: string, oneLine?: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'apt-mirror-test-'));
    dirs.push(dir);
    const paths = { deb822: path.join(dir, 'debian.sources'), oneLine: path.join(dir, 'sources.list') };
    if (deb822 !== undefined) await writeFile(paths.deb822, deb822);
    if (oneLine !== undefined) await writeFile(paths.oneLine, oneLine);
    return paths;
  };

  it('uses PATCHPROOF_APT_MIRROR over the host files', async () => {
    const paths = await files(DEBIAN_SOURCES);
    expect(await hostAptMirror({ PATCHPROOF_APT_MIRROR: 'http://override.example/debian/' }, paths)).toBe('http://override.example/debian');
  });

  it('reads the deb822 file, then sources.list', async () => {
    expect(await hostAptMirror({ PATCHPROOF_APT_MIRROR: undefined }, await files(DEBIAN_SOURCES))).toBe('http://deb.debian.org/debian');
    expect(await hostAptMirror({ PATCHPROOF_APT_MIRROR: undefined }, await files(undefined, 'deb http://list.example/debian bookworm main'))).toBe(
      'http://list.example/debian',
    );
  });

  it("falls back to Debian's CDN when neither file exists", async () => {
    expect(await hostAptMirror({ PATCHPROOF_APT_MIRROR: undefined }, await files())).toBe(FALLBACK_APT_MIRROR);
  });
});
