/** Which git URLs a project may come from: transports git reaches, never credentials, the allow-list. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors/input-error.js';
import { parseProjectGitUrl, redactUrl } from '../../../src/git/project-git-url.js';

function refusal(url: string, hosts: string[] = []): string {
  try {
    parseProjectGitUrl(url, hosts);
  } catch (error) {
    if (error instanceof InputError) return `${error.field ?? ''}: ${error.message}`;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe('parseProjectGitUrl', () => {
  it('takes the transports the host git reaches, with the host the allow-list checks', () => {
    expect(parseProjectGitUrl('https://github.com/o/r.git', [])).toEqual({ url: 'https://github.com/o/r.git', host: 'github.com' });
    expect(parseProjectGitUrl('ssh://git@Git.Internal:2222/r.git', []).host).toBe('git.internal');
    expect(parseProjectGitUrl('git@github.com:o/r.git', []).host).toBe('github.com');
    expect(parseProjectGitUrl('git://127.0.0.1:9418/calc.git', []).host).toBe('127.0.0.1');
    expect(parseProjectGitUrl('file:///srv/git/calc.git', ['file']).host).toBe('file');
  });

  it('refuses credentials, naming the way out and never quoting them', () => {
    for (const url of ['https://u:pw-123@h/r.git', 'https://tok-123@h/r.git', 'ssh://git:pw-123@h/r.git', 'http://u:pw-123@h/r.git']) {
      const said = refusal(url);
      expect(said).toMatch(/^git: .*carries credentials.*credential helper.*ssh agent/);
      expect(said).not.toMatch(/pw-123|tok-123/);
    }
  });

  it('refuses other transports, option-like text, and hosts off the allow-list', () => {
    expect(refusal('ext::sh -c id')).toMatch(/neither a URL/);
    expect(refusal('fd::3')).toMatch(/neither a URL/);
    expect(refusal('-uhelp')).toMatch(/not a repository URL/);
    expect(refusal('ftp://h/r.git')).toMatch(/does not fetch from/);
    expect(refusal('https://evil.example/r.git', ['github.com'])).toMatch(/git host "evil.example" is not one projects may come from; allowed: github.com \(PATCHPROOF_PROJECT_GIT_HOSTS\)/);
    expect(refusal('file:///etc', ['github.com'])).toMatch(/git host "file"/);
  });

  it('redacts user and password in text', () => {
    expect(redactUrl('fatal: https://u:p@h/r.git not found')).toBe('fatal: https://***@h/r.git not found');
  });
});
