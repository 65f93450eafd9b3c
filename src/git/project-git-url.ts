/**
 * The URL a git project is fetched from, checked before git sees it: a URL git reaches (file,
 * https, http, ssh, git, or scp-like `user@host:path`), never one carrying a password or token,
 * since patchproof keeps the URL in its database and would otherwise hold the secret in plain text.
 * Credentials belong to the host's git credential helper or ssh agent. Errors quote the URL only
 * with its credentials blanked out.
 */
import { InputError } from '../errors/input-error.js';

export interface ProjectGitUrl {
  readonly url: string;
  /** The host the allow-list is checked against; `file` for a local repository. */
  readonly host: string;
}

const SCHEMES = new Set(['file:', 'https:', 'http:', 'ssh:', 'git:']);
const SCP_LIKE = /^(?:([A-Za-z0-9._-]+)@)?([A-Za-z0-9.-]+):(?!\/\/)([^\s]+)$/;

export function parseProjectGitUrl(text: string, allowedHosts: readonly string[]): ProjectGitUrl {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('-')) throw refused('is not a repository URL', trimmed);
  let parsed: ProjectGitUrl;
  const scp = SCP_LIKE.exec(trimmed);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      // No cause kept: URL's TypeError carries the input, credentials included.
      throw refused('is not a valid URL', trimmed);
    }
    if (!SCHEMES.has(url.protocol)) throw refused(`uses ${url.protocol.slice(0, -1)}://, which patchproof does not fetch from (file, https, http, ssh, git)`, trimmed);
    // ssh may name a user (ssh://git@host); a password, or any user on http(s) (a token), is a credential.
    if (url.password !== '' || (url.username !== '' && (url.protocol === 'https:' || url.protocol === 'http:'))) {
      throw new InputError(
        `git URL ${redactUrl(trimmed)} carries credentials: patchproof never stores them; configure a git credential helper (git config credential.helper) or an ssh agent on this host and give the URL without them`,
        {},
        { field: 'git' },
      );
    }
    parsed = { url: trimmed, host: url.protocol === 'file:' ? 'file' : url.hostname.toLowerCase() };
  } else if (scp !== null && !trimmed.includes('::')) {
    parsed = { url: trimmed, host: (scp[2] ?? '').toLowerCase() };
  } else {
    throw refused('is neither a URL (file://, https://, ssh://, git://) nor user@host:path', trimmed);
  }
  if (allowedHosts.length > 0 && !allowedHosts.includes(parsed.host)) {
    throw new InputError(`git host "${parsed.host}" is not one projects may come from; allowed: ${allowedHosts.join(', ')} (PATCHPROOF_PROJECT_GIT_HOSTS)`, { host: parsed.host }, { field: 'git' });
  }
  return parsed;
}

/** The URL with any user and password blanked: safe for messages and logs. */
export function redactUrl(text: string): string {
  return text.replace(/(\/\/)[^\s/@]*@/g, '$1***@');
}

function refused(why: string, text: string): InputError {
  return new InputError(`git URL ${redactUrl(text)} ${why}`, {}, { field: 'git' });
}
