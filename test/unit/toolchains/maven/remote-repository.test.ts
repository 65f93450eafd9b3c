/**
 * The remote Maven repository's edges: the configuration refuses a URL carrying credentials (it is
 * written into an image) and never quotes them back; the settings the image build uses; and what
 * Maven's output says was not found or could not be fetched (Maven 3.8.7's own wording).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config.js';
import { InputError } from '../../../../src/errors/input-error.js';
import { remoteSettings } from '../../../../src/toolchains/maven/image/remote-repository.js';
import { readResolutionLog } from '../../../../src/toolchains/maven/image/resolution-log.js';
import { childText, parseXml, walk } from '../../../../src/toolchains/maven/pom-rewrite/pom-xml.js';

function refusal(url: string): InputError {
  try {
    loadConfig({ PATCHPROOF_MAVEN_REPOSITORY_URL: url });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe('PATCHPROOF_MAVEN_REPOSITORY_URL', () => {
  it('takes an http(s) URL', () => {
    expect(loadConfig({ PATCHPROOF_MAVEN_REPOSITORY_URL: 'https://maven.internal/repository/public' }).PATCHPROOF_MAVEN_REPOSITORY_URL).toBe('https://maven.internal/repository/public');
    expect(loadConfig({}).PATCHPROOF_MAVEN_REPOSITORY_URL).toBeUndefined();
  });

  it('refuses credentials in it, without repeating them, and what is not an http(s) URL', () => {
    const error = refusal('https://deploy:s3cret@maven.internal/repo');
    expect(error.message).toContain('PATCHPROOF_MAVEN_REPOSITORY_URL');
    expect(error.message).toContain('must not carry credentials');
    expect(error.message).not.toContain('s3cret');
    expect(refusal('https://token@maven.internal/repo').message).toContain('must not carry credentials');
    expect(refusal('file:///srv/m2').message).toContain('must be an http(s):// URL');
    expect(refusal('http://maven.internal/a&b').message).toContain('PATCHPROOF_MAVEN_REPOSITORY_URL');
  });
});

describe('the settings of the image build', () => {
  it('keep Debian\'s repository as the local one and mirror every repository to the remote', () => {
    const xml = remoteSettings('http://127.0.0.1:8081/maven2');
    const root = parseXml(xml);
    expect(childText(xml, root, 'localRepository')).toBe('/usr/share/maven-repo');
    const mirror = [...walk(root)].find(({ element }) => element.name === 'mirror')?.element;
    expect(mirror === undefined ? null : [childText(xml, mirror, 'mirrorOf'), childText(xml, mirror, 'url')]).toEqual(['*', 'http://127.0.0.1:8081/maven2']);
    expect(xml).not.toContain('<offline>');
  });
});

describe('Maven\'s account of the resolution', () => {
  it('names what the repository does not have as groupId:artifactId:version, once each', () => {
    const log = [
      '[INFO] Scanning for projects...',
      '[WARNING] The POM for org.acme:absent:jar:2.0.0 is missing, no dependency information available',
      '\u001b[1;31m[ERROR]\u001b[m Failed to execute goal on project calc: Could not resolve dependencies for project com.example:calc:jar:1.0: The following artifacts could not be resolved: org.acme:absent:jar:2.0.0, org.acme:kit:jar:tests:1.1: Could not find artifact org.acme:absent:jar:2.0.0 in patchproof-remote (http://127.0.0.1:8081/maven2) -> [Help 1]',
      '[ERROR] Plugin org.codehaus.mojo:build-helper-maven-plugin:3.3.0 or one of its dependencies could not be resolved: Failure to find org.codehaus.mojo:build-helper-maven-plugin:jar:3.3.0 in http://127.0.0.1:8081/maven2 was cached in the local repository',
      '[ERROR] Could not find artifact org.acme:kit:jar:tests:1.1 in patchproof-remote (http://127.0.0.1:8081/maven2)',
    ].join('\n');
    const read = readResolutionLog(log);
    expect(read.notFound).toEqual(['org.acme:absent:2.0.0', 'org.codehaus.mojo:build-helper-maven-plugin:3.3.0', 'org.acme:kit:1.1']);
    expect(read.unreachable).toEqual([]);
    expect(read.firstError).toMatch(/^\[ERROR\] Failed to execute goal on project calc/);
  });

  it('tells a repository that did not answer from one that answered "not found"', () => {
    const read = readResolutionLog('[ERROR] Failed to execute goal on project calc: Could not resolve dependencies for project com.example:calc:jar:1.0: Could not transfer artifact org.acme:greeting:jar:1.0.0 from/to patchproof-remote (http://127.0.0.1:9/maven2): Connection refused -> [Help 1]\n');
    expect(read).toEqual({ notFound: [], unreachable: ['org.acme:greeting:1.0.0'], firstError: expect.stringContaining('Connection refused') });
    expect(readResolutionLog('[INFO] BUILD SUCCESS\n')).toEqual({ notFound: [], unreachable: [], firstError: null });
  });
});
