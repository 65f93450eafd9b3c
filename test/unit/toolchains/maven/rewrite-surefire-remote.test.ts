/**
 * Two parts of the POM rewrite: Surefire pinned to Debian's when no POM declares it (Maven's
 * default 2.12.4 runs no JUnit 5 tests), and what a remote repository changes (plugins the offline
 * repository lacks are kept, to be fetched, instead of dropped). Against the real listing of
 * Debian's /usr/share/maven-repo used by rewrite-poms.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { child, childText, parseXml, walk } from '../../../../src/toolchains/maven/pom-rewrite/pom-xml.js';
import { parseRepoIndex } from '../../../../src/toolchains/maven/pom-rewrite/repo-index.js';
import { rewritePoms, type PomRewriteResult } from '../../../../src/toolchains/maven/pom-rewrite/rewrite-poms.js';

const INDEX = parseRepoIndex(readFileSync(fileURLToPath(new URL('../../../fixtures/maven-poms/debian-maven-repo.txt', import.meta.url)), 'utf8'));
const summary = (r: PomRewriteResult) => r.changes.map((c) => `${c.file} ${c.kind} ${c.subject} ${c.from ?? '-'} -> ${c.to ?? '-'}`);
const JUNIT5 = '<dependencies><dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.9.2</version><scope>test</scope></dependency></dependencies>';

/** The Surefire versions the POM's build names, wherever in build it sits. */
function surefireVersions(pom: string): (string | null)[] {
  const root = parseXml(pom);
  const build = child(root, 'build');
  if (build === undefined) return [];
  return [...walk(build)].filter(({ element }) => element.name === 'plugin' && childText(pom, element, 'artifactId') === 'maven-surefire-plugin').map(({ element }) => childText(pom, element, 'version'));
}

describe('a project that declares no Surefire', () => {
  it('gets the Surefire Debian ships pinned in a pluginManagement, recorded, and a second rewrite adds nothing', () => {
    const pom = `<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>x</groupId>\n  <artifactId>y</artifactId>\n  <version>1</version>\n  ${JUNIT5}\n</project>\n`;
    const result = rewritePoms(new Map([['pom.xml', pom]]), INDEX);
    expect(summary(result)).toEqual(['pom.xml plugin_version org.apache.maven.plugins:maven-surefire-plugin - -> 2.22.3']);
    expect(result.changes[0]?.reason).toContain('2.12.4');
    const rewritten = result.poms.get('pom.xml') ?? '';
    expect(surefireVersions(rewritten)).toEqual(['2.22.3']);
    expect(child(child(child(parseXml(rewritten), 'build') ?? parseXml('<x/>'), 'pluginManagement') ?? parseXml('<x/>'), 'plugins')).toBeDefined();
    // Everything before the insertion is as it was.
    expect(rewritten.startsWith(pom.slice(0, pom.indexOf('</project>')))).toBe(true);
    expect(rewritePoms(new Map([['pom.xml', rewritten]]), INDEX).changes).toEqual([]);
  });

  it('goes into the build, pluginManagement or plugins the POM already has, even an empty one', () => {
    const shapes = [
      '<build><plugins><plugin><artifactId>maven-compiler-plugin</artifactId><version>3.10.1</version></plugin></plugins></build>',
      '<build><pluginManagement><plugins><plugin><artifactId>maven-jar-plugin</artifactId><version>3.3.0</version></plugin></plugins></pluginManagement></build>',
      '<build><pluginManagement/></build>',
      '<build/>',
    ];
    for (const build of shapes) {
      const pom = `<project><groupId>x</groupId><artifactId>y</artifactId><version>1</version>${JUNIT5}${build}</project>`;
      const rewritten = rewritePoms(new Map([['pom.xml', pom]]), INDEX).poms.get('pom.xml') ?? '';
      expect(surefireVersions(rewritten), build).toEqual(['2.22.3']);
      expect(rewritten.match(/<build>/g), build).toHaveLength(1);
    }
  });

  it('is pinned once, in the POM the modules inherit from; a declared Surefire is left to the version mapping', () => {
    const parent = '<project><groupId>x</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging><modules><module>m</module></modules></project>';
    const module = `<project><parent><groupId>x</groupId><artifactId>parent</artifactId><version>1</version></parent><artifactId>m</artifactId>${JUNIT5}</project>`;
    const result = rewritePoms(new Map([['pom.xml', parent], ['m/pom.xml', module]]), INDEX);
    expect(summary(result)).toEqual(['pom.xml plugin_version org.apache.maven.plugins:maven-surefire-plugin - -> 2.22.3']);
    expect(result.poms.has('m/pom.xml')).toBe(false);

    const declared = `<project><groupId>x</groupId><artifactId>y</artifactId><version>1</version><build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId></plugin></plugins></build></project>`;
    const mapped = rewritePoms(new Map([['pom.xml', declared]]), INDEX);
    expect(summary(mapped)).toEqual(['pom.xml plugin_version org.apache.maven.plugins:maven-surefire-plugin - -> 2.22.3']);
    expect(surefireVersions(mapped.poms.get('pom.xml') ?? '')).toEqual(['2.22.3']);
  });
});

describe('with a remote repository', () => {
  const POM = `<project><groupId>x</groupId><artifactId>y</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.acme</groupId><artifactId>greeting</artifactId><version>1.0.0</version></dependency></dependencies>
  <dependencyManagement><dependencies><dependency><groupId>org.acme</groupId><artifactId>acme-bom</artifactId><version>2</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
  <build><plugins>
    <plugin><groupId>org.codehaus.mojo</groupId><artifactId>build-helper-maven-plugin</artifactId><version>3.3.0</version></plugin>
    <plugin><artifactId>maven-javadoc-plugin</artifactId><version>3.4.0</version></plugin>
    <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.0.0-M7</version></plugin>
  </plugins></build></project>`;

  it('keeps what the offline repository lacks, to fetch it, and still drops what the tests never need', () => {
    const result = rewritePoms(new Map([['pom.xml', POM]]), INDEX, { remote: true });
    expect(result.missing).toEqual([{ groupId: 'org.acme', artifactId: 'greeting', version: '1.0.0', file: 'pom.xml' }]);
    expect(result.unheld).toEqual([
      { groupId: 'org.acme', artifactId: 'acme-bom', version: '2', file: 'pom.xml' },
      { groupId: 'org.codehaus.mojo', artifactId: 'build-helper-maven-plugin', version: '3.3.0', file: 'pom.xml' },
    ]);
    expect(summary(result)).toEqual([
      'pom.xml plugin_dropped org.apache.maven.plugins:maven-javadoc-plugin 3.4.0 -> -',
      'pom.xml plugin_version org.apache.maven.plugins:maven-surefire-plugin 3.0.0-M7 -> 2.22.3',
    ]);
    const pom = result.poms.get('pom.xml') ?? '';
    expect(pom).toContain('build-helper-maven-plugin');
    expect(pom).toContain('acme-bom');
  });

  it('without one, drops them as before and lists nothing to fetch', () => {
    const result = rewritePoms(new Map([['pom.xml', POM]]), INDEX);
    expect(result.unheld).toEqual([]);
    expect(summary(result)).toEqual(expect.arrayContaining([
      'pom.xml plugin_dropped org.codehaus.mojo:build-helper-maven-plugin 3.3.0 -> -',
      'pom.xml dependency_dropped org.acme:acme-bom 2 -> -',
    ]));
  });
});
