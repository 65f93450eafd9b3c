/**
 * PATCHPROOF_MAVEN_REPOSITORY_URL: a Maven project's dependency that Debian neither holds nor
 * packages, resolved at image build from a remote Maven repository, then the tests run offline
 * (network none). The repository is a real Maven layout served on loopback by this test (image
 * builds use the host network), holding two made-up artifacts made here: `greeting`, which the
 * project declares, and `salutation`, which only greeting's POM declares (resolved by Maven, not
 * by us). The project declares no Surefire at all (Maven's default 2.12.4 would run no JUnit 5
 * test): the rewrite pins Debian's. An artifact the repository lacks is build_failed naming it,
 * and asked for again by the next validation (the failed resolution is not kept); a repository
 * that does not answer is ours (an infrastructure error), not the project's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DependencySources } from '../../src/images/dependency-sources.js';
import { mavenToolchain } from '../../src/toolchains/maven/maven-toolchain.js';
import { docker, validate } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { writeProject } from '../support/write-project.js';

const GROUP = 'org/patchproof/test';

/** A jar holding one text resource, written by the host's python3 (a jar is a zip). */
async function makeJar(dir: string, name: string, resource: string, text: string): Promise<Buffer> {
  const script = [
    'import sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1], "w")',
    'z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\\r\\n\\r\\n")',
    'z.writestr(sys.argv[2], sys.argv[3])',
    'z.close()',
  ].join('\n');
  execFileSync('python3', ['-c', script, join(dir, name), resource, text]);
  return readFile(join(dir, name));
}

const pom = (artifactId: string, dependencies = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.patchproof.test</groupId>\n  <artifactId>${artifactId}</artifactId>\n  <version>1.0.0</version>\n  <packaging>jar</packaging>${dependencies}\n</project>\n`;

const dependency = (groupId: string, artifactId: string, version: string, scope = '') => `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version>${scope === '' ? '' : `<scope>${scope}</scope>`}</dependency>\n`;

/** The project: no <build> at all, JUnit 5 (Debian's), greeting (the remote's), and maybe one nobody has. */
function project(withAbsent: boolean): Promise<string> {
  const deps = dependency('org.junit.jupiter', 'junit-jupiter', '5.9.2', 'test') + dependency('org.patchproof.test', 'greeting', '1.0.0') + (withAbsent ? dependency('org.patchproof.test', 'absent', '2.0.0') : '');
  return writeProject('greeter', {
    'pom.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.example</groupId>\n  <artifactId>greeter</artifactId>\n  <version>1.0</version>\n  <properties>\n    <maven.compiler.release>17</maven.compiler.release>\n    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n  </properties>\n  <dependencies>\n${deps}  </dependencies>\n</project>\n`,
    'src/main/java/com/example/greeter/Greeter.java': 'package com.example.greeter;\n\nimport java.io.IOException;\nimport java.io.InputStream;\nimport java.nio.charset.StandardCharsets;\n\npublic final class Greeter {\n    private Greeter() {}\n\n    public static String read(String resource) throws IOException {\n        try (InputStream in = Greeter.class.getResourceAsStream(resource)) {\n            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);\n        }\n    }\n}\n',
    'src/test/java/com/example/greeter/GreeterTest.java': 'package com.example.greeter;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\nimport org.junit.jupiter.api.Test;\n\nclass GreeterTest {\n    @Test\n    void readsTheDeclaredArtifact() throws Exception {\n        assertEquals("hello from the remote", Greeter.read("/org/patchproof/greeting.txt"));\n    }\n\n    @Test\n    void readsItsOwnDependency() throws Exception {\n        assertEquals("and its dependency", Greeter.read("/org/patchproof/salutation.txt"));\n    }\n}\n',
  });
}

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

describe('declared Maven dependencies from a remote repository', () => {
  let server: Server;
  let url: string;
  const asked: string[] = [];
  const files = new Map<string, Buffer>();

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patchproof-m2-'));
    files.set(`/maven2/${GROUP}/greeting/1.0.0/greeting-1.0.0.pom`, Buffer.from(pom('greeting', `\n  <dependencies>\n${dependency('org.patchproof.test', 'salutation', '1.0.0')}  </dependencies>`)));
    files.set(`/maven2/${GROUP}/greeting/1.0.0/greeting-1.0.0.jar`, await makeJar(dir, 'greeting.jar', 'org/patchproof/greeting.txt', 'hello from the remote'));
    files.set(`/maven2/${GROUP}/salutation/1.0.0/salutation-1.0.0.pom`, Buffer.from(pom('salutation')));
    files.set(`/maven2/${GROUP}/salutation/1.0.0/salutation-1.0.0.jar`, await makeJar(dir, 'salutation.jar', 'org/patchproof/salutation.txt', 'and its dependency'));
    server = createServer((req, res) => {
      asked.push(`${req.method ?? ''} ${req.url ?? ''}`);
      const body = files.get(req.url ?? '');
      if (body === undefined) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(req.method === 'HEAD' ? undefined : body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/maven2`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const sources = (): DependencySources => ({ pipIndexUrl: null, gemSource: null, goProxy: null, mavenRepositoryUrl: url });
  const askedFor = (path: string) => asked.filter((a) => a === `GET /maven2/${GROUP}/${path}`).length;

  it('names what the repository lacks as build_failed, before any project image, and asks again next time', { timeout: 1_200_000 }, async () => {
    const absent = await project(true);
    const failed = await validate(absent, [], { dependencySources: sources() }, { toolchains: [mavenToolchain] });
    expect({ outcome: failed.outcome, code: failed.code, image: failed.image, container: failed.containerId }).toEqual({ outcome: 'rejected', code: 'build_failed', image: null, container: null });
    expect(failed.reason).toContain('org.patchproof.test:absent:2.0.0');
    expect(failed.reason).toContain(url);
    expect(failed.reason).not.toContain('org.patchproof.test:greeting');
    expect(askedFor('absent/2.0.0/absent-2.0.0.pom')).toBe(1);

    const again = await validate(absent, [], { dependencySources: sources() }, { toolchains: [mavenToolchain] });
    expect(again.code).toBe('build_failed');
    expect(askedFor('absent/2.0.0/absent-2.0.0.pom')).toBe(2);
  });

  it('takes a repository that does not answer as an infrastructure error (retried), never the project\'s build failing', { timeout: 1_200_000 }, async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const silent: DependencySources = { ...sources(), mavenRepositoryUrl: `http://127.0.0.1:${port}/maven2` };
    const result = await validate(await project(false), [], { dependencySources: silent }, { toolchains: [mavenToolchain] });
    expect({ outcome: result.outcome, code: result.code, container: result.containerId }).toEqual({ outcome: 'error', code: 'infra:IMAGE_BUILD_FAILED', container: null });
    expect(result.reason).toContain(`the Maven repository http://127.0.0.1:${port}/maven2 did not answer`);
  });

  it('resolves the declared artifact and its own dependency at image build; the tests then run offline, JUnit 5 under Debian\'s Surefire', { timeout: 1_200_000 }, async () => {
    const fine = await project(false);
    const result = await validate(fine, [], { dependencySources: sources() }, { toolchains: [mavenToolchain] });
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.report?.cases.map((c) => `${c.suite}#${c.name}:${c.status}`).sort()).toEqual([
      'com.example.greeter.GreeterTest#readsItsOwnDependency:passed',
      'com.example.greeter.GreeterTest#readsTheDeclaredArtifact:passed',
    ]);
    expect(askedFor('greeting/1.0.0/greeting-1.0.0.jar')).toBeGreaterThanOrEqual(1);
    expect(askedFor('salutation/1.0.0/salutation-1.0.0.jar')).toBeGreaterThanOrEqual(1);
    expect(result.test?.stdout).toContain('maven-surefire-plugin:2.22.3:test');
    expect((result.imageRewrites ?? []).map((r) => `${r.kind} ${r.subject} ${r.from ?? '-'} -> ${r.to ?? '-'}`)).toEqual([
      'remote_resolved org.patchproof.test:greeting 1.0.0 -> 1.0.0',
      'plugin_version org.apache.maven.plugins:maven-surefire-plugin - -> 2.22.3',
    ]);
    expect(result.imageRewrites?.[0]?.reason).toContain(url);
  });
});
