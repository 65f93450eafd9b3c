/**
 * What the local machine is, as far as setting up an engine goes: patchproof installs packages
 * and starts daemons itself only when it is root on a Debian-family system, and never guesses
 * elsewhere.
 */
import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';

/** Where Debian puts programs. Used instead of $PATH because root's PATH often lacks the sbin
 * directories (e.g. after `su` without `-`), where dockerd and debootstrap live. */
export const STANDARD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface HostFacts {
  readonly isRoot: boolean;
  /** Debian or a derivative (apt-get and Debian's package names are available). */
  readonly isDebian: boolean;
  /** PRETTY_NAME from /etc/os-release, for messages. */
  readonly osName: string;
}

/** Pure: reads ID / ID_LIKE / PRETTY_NAME from the text of /etc/os-release. */
export function parseOsRelease(text: string): { isDebian: boolean; osName: string } {
  const fields = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    fields.set(line.slice(0, eq), line.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2'));
  }
  const ids = [fields.get('ID') ?? '', ...(fields.get('ID_LIKE') ?? '').split(/\s+/)];
  return {
    isDebian: ids.includes('debian'),
    osName: fields.get('PRETTY_NAME') ?? fields.get('NAME') ?? 'unknown OS',
  };
}

export async function hostFacts(): Promise<HostFacts> {
  // getuid is absent on Windows, where we never set anything up.
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let text = '';
  try {
    text = await readFile('/etc/os-release', 'utf8');
  } catch {
    // No os-release: not a system we know how to set up.
  }
  return { isRoot, ...parseOsRelease(text) };
}

/** The absolute path of an executable in the standard directories, or undefined. */
export async function findExecutable(name: string): Promise<string | undefined> {
  for (const dir of STANDARD_PATH.split(':')) {
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The environment for programs we start: the inherited one with the standard PATH first, since
 * dockerd needs iptables/containerd and dpkg's maintainer scripts refuse to run without sbin.
 */
export function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: STANDARD_PATH, ...extra };
}
