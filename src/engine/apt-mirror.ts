/**
 * The Debian mirror debootstrap fetches from. No image registry is reachable on our machines, but
 * the host's own apt mirror is, so we reuse whatever the host's apt sources name.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors/input-error.js';

export const FALLBACK_APT_MIRROR = 'http://deb.debian.org/debian';

/** The files the host's apt reads, newest format first (Debian 12 ships debian.sources). */
export const HOST_APT_SOURCES = {
  deb822: '/etc/apt/sources.list.d/debian.sources',
  oneLine: '/etc/apt/sources.list',
} as const;

export interface AptSourcesText {
  /** Text in deb822 format (a *.sources file). */
  readonly deb822?: string | undefined;
  /** Text in one-line format (sources.list / *.list). */
  readonly oneLine?: string | undefined;
}

/** One `deb` entry: a base URI and the suites it serves. */
interface AptSource {
  readonly uri: string;
  readonly suites: readonly string[];
}

/**
 * Pure: the mirror URL to debootstrap `suite` from, or undefined when the sources name none.
 * Prefers an entry that serves `suite` itself; otherwise any entry that is not a security or
 * updates archive (those do not carry a full release), deb822 before one-line.
 */
export function aptMirrorFrom(sources: AptSourcesText, suite = 'bookworm'): string | undefined {
  const entries = [
    ...(sources.deb822 === undefined ? [] : parseDeb822Sources(sources.deb822)),
    ...(sources.oneLine === undefined ? [] : parseOneLineSources(sources.oneLine)),
  ].filter((entry) => /^https?:\/\//.test(entry.uri)); // what debootstrap fetches over

  const exact = entries.find((entry) => entry.suites.includes(suite));
  const release = entries.find((entry) => entry.suites.some((s) => !/[-/](security|updates|backports)$/.test(s)));
  const found = exact ?? release;
  return found === undefined ? undefined : found.uri.replace(/\/+$/, '');
}

/** deb822: blank-line separated stanzas of `Field: value`, continuation lines indented, `#` comments. */
export function parseDeb822Sources(text: string): AptSource[] {
  const result: AptSource[] = [];
  const stanzas = text.split(/\n[ \t]*(?:\n|$)/);
  for (const stanza of stanzas) {
    const fields = new Map<string, string>();
    let current: string | undefined;
    for (const line of stanza.split('\n')) {
      if (line.trimStart().startsWith('#')) continue;
      if (/^[ \t]/.test(line)) {
        if (current !== undefined) fields.set(current, `${fields.get(current) ?? ''} ${line.trim()}`);
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      current = line.slice(0, colon).trim().toLowerCase();
      fields.set(current, line.slice(colon + 1).trim());
    }
    const words = (name: string) => (fields.get(name) ?? '').split(/\s+/).filter((w) => w !== '');
    if (!words('types').includes('deb')) continue;
    if ((fields.get('enabled') ?? 'yes').toLowerCase() === 'no') continue;
    for (const uri of words('uris')) result.push({ uri, suites: words('suites') });
  }
  return result;
}

/** One-line: `deb [opt=val ...] URI suite [component ...]`, `#` starts a comment. */
export function parseOneLineSources(text: string): AptSource[] {
  const result: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    // Options may contain spaces inside the brackets; drop them before splitting.
    const words = line.replace(/\[[^\]]*\]/, ' ').split(/\s+/).filter((w) => w !== '');
    if (words[0] !== 'deb' || words.length < 3) continue;
    result.push({ uri: words[1] as string, suites: [words[2] as string] });
  }
  return result;
}

/**
 * Why a mirror URL cannot be used, or null. A URL with a user or password would be kept by every
 * image built from it: the mirror is a build argument, and `docker history` shows the build
 * arguments of each RUN step even when the step deletes every file it wrote. Use a mirror that
 * needs no credentials (a local proxy such as apt-cacher-ng) instead.
 */
export function mirrorCredentialsProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null; // not a URL at all: the config schema says so
  }
  if (parsed.username === '' && parsed.password === '') return null;
  return 'must not carry credentials (user:password@): the mirror is a Docker build argument, and every image built with it keeps it in its history (docker history), where anyone who can run the image can read it; use a mirror or proxy that needs no credentials';
}

/** The mirror to use on this host: PATCHPROOF_APT_MIRROR, else the host's apt sources, else Debian's CDN. */
export async function hostAptMirror(
  // The config's key, typed here so that config.ts (which checks mirrors with this file) is not imported back.
  config: { readonly PATCHPROOF_APT_MIRROR?: string | undefined },
  files: { readonly deb822: string; readonly oneLine: string } = HOST_APT_SOURCES,
  suite = 'bookworm',
): Promise<string> {
  if (config.PATCHPROOF_APT_MIRROR !== undefined) return config.PATCHPROOF_APT_MIRROR.replace(/\/+$/, '');
  const read = (file: string) => readFile(file, 'utf8').catch(() => undefined); // a missing file is normal
  const [deb822, oneLine] = await Promise.all([read(files.deb822), read(files.oneLine)]);
  const found = aptMirrorFrom({ deb822, oneLine }, suite);
  const problem = found === undefined ? null : mirrorCredentialsProblem(found);
  if (problem !== null) {
    // The URL itself is not repeated: it holds the credentials.
    throw new InputError(`the host's apt mirror (${files.deb822} or ${files.oneLine}) ${problem}; set PATCHPROOF_APT_MIRROR to one without`, { files });
  }
  return found ?? FALLBACK_APT_MIRROR;
}
