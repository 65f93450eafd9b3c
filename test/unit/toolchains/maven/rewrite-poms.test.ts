/**
 * The POM rewrite on real upstream POMs (jsoup 1.15.3, commons-csv 1.9.0, as their .orig tarballs
 * ship them) against a real listing of Debian's /usr/share/maven-repo (the toolchain image plus
 * gson, jetty 9, jsr305, commons-parent, hamcrest, mockito, h2, commons-io, commons-lang3).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageFor } from '../../../../src/toolchains/maven/pom-rewrite/package-map.js';
import { projectPoms } from '../../../../src/toolchains/maven/pom-rewrite/project-poms.js';
import { applyEdits, childText, parseXml, PomSyntaxError, removal } from '../../../../src/toolchains/maven/pom-rewrite/pom-xml.js';
import { compareVersions, parseRepoIndex, pickVersion } from '../../../../src/toolchains/maven/pom-rewrite/repo-index.js';
import { rewritePoms, type PomRewriteResult } from '../../../../src/toolchains/maven/pom-rewrite/rewrite-poms.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../fixtures/maven-poms/${name}`, import.meta.url)), 'utf8');
const LISTING = fixture('debian-maven-repo.txt');
const INDEX = parseRepoIndex(LISTING);
const JSOUP = fixture('jsoup-1.15.3.pom.xml');
const CSV = fixture('commons-csv-1.9.0.pom.xml');

const summary = (r: PomRewriteResult) => r.changes.map((c) => `${c.kind} ${c.subject} ${c.from ?? '-'} -> ${c.to ?? '-'}`);

describe('rewriting jsoup 1.15.3 (JUnit 5, gson, jetty)', () => {
  const result = rewritePoms(new Map([['pom.xml', JSOUP]]), INDEX);
  const pom = result.poms.get('pom.xml') ?? '';

  it('maps versions to held ones, drops what cannot or need not run, and misses nothing', () => {
    expect(summary(result)).toEqual([
      'plugin_dropped org.codehaus.mojo:animal-sniffer-maven-plugin 1.21 -> -',
      'plugin_dropped org.apache.maven.plugins:maven-javadoc-plugin 3.4.0 -> -',
      'plugin_dropped org.apache.maven.plugins:maven-source-plugin 3.2.1 -> -',
      'plugin_version org.apache.maven.plugins:maven-jar-plugin 3.2.2 -> 3.3.0',
      'plugin_dropped org.apache.felix:maven-bundle-plugin 5.1.8 -> -',
      'plugin_dropped org.apache.maven.plugins:maven-release-plugin 2.5.3 -> -',
      'plugin_version org.apache.maven.plugins:maven-surefire-plugin 3.0.0-M7 -> 2.22.3',
      'plugin_dropped org.apache.maven.plugins:maven-failsafe-plugin 3.0.0-M7 -> -',
      'plugin_dropped com.github.siom79.japicmp:japicmp-maven-plugin 0.15.7 -> -',
      'plugin_dropped org.apache.maven.plugins:maven-gpg-plugin - -> -',
      'plugin_dropped org.apache.maven.plugins:maven-failsafe-plugin 3.0.0-M7 -> -',
      'dependency_version org.junit.jupiter:junit-jupiter 5.9.0 -> debian',
      'dependency_version com.google.code.gson:gson 2.9.1 -> debian',
      'dependency_version org.eclipse.jetty:jetty-server 9.4.48.v20220622 -> 9.4.57.v20241219',
      'dependency_version org.eclipse.jetty:jetty-servlet 9.4.48.v20220622 -> 9.4.57.v20241219',
      'dependency_version com.google.code.findbugs:jsr305 3.0.2 -> debian',
    ]);
    expect(result.missing).toEqual([]);
    expect(result.changes.every((c) => c.file === 'pom.xml' && c.reason.length > 10)).toBe(true);
  });

  it('leaves a well-formed POM that keeps everything it did not change, byte for byte', () => {
    const root = parseXml(pom);
    expect(childText(pom, root, 'artifactId')).toBe('jsoup');
    expect(pom).toContain('<version>1.15.3</version><!-- remember to update previous version below for japicmp -->');
    expect(pom).toContain('<argLine>-Xss256k</argLine>');
    expect(pom).not.toContain('japicmp-maven-plugin');
    expect(pom).not.toContain('animal-sniffer');
    // Up to the first change, the text is the original's.
    const first = JSOUP.indexOf('<plugin>', JSOUP.indexOf('animal-sniffer') - 200);
    expect(pom.slice(0, first)).toBe(JSOUP.slice(0, first));
    // Rewriting the rewritten POM changes nothing more.
    expect(rewritePoms(new Map([['pom.xml', pom]]), INDEX).changes).toEqual([]);
  });

  it('names what the repository lacks, and the Debian package that holds it', () => {
    const withoutGson = parseRepoIndex(LISTING.split('\n').filter((l) => !l.startsWith('com/google/code/gson/')).join('\n'));
    const lacking = rewritePoms(new Map([['pom.xml', JSOUP]]), withoutGson);
    expect(lacking.missing).toEqual([{ groupId: 'com.google.code.gson', artifactId: 'gson', version: '2.9.1', file: 'pom.xml' }]);
    expect(lacking.missing.map((m) => packageFor(m.groupId, m.artifactId))).toEqual(['libgoogle-gson-java']);
    expect(packageFor('org.eclipse.jetty', 'jetty-servlet')).toBe('libjetty9-java');
    expect(packageFor('org.example', 'nowhere')).toBeNull();
  });
});

describe('rewriting commons-csv 1.9.0 (an external parent)', () => {
  const result = rewritePoms(new Map([['pom.xml', CSV]]), INDEX);
  const pom = result.poms.get('pom.xml') ?? '';
  const root = parseXml(pom);

  it('replaces commons-parent by the coordinates it lent, keeping the project its own', () => {
    expect(summary(result)[0]).toBe('parent_replaced org.apache.commons:commons-parent 52 -> -');
    expect(root.children.find((c) => c.name === 'parent')).toBeUndefined();
    expect(childText(pom, root, 'groupId')).toBe('org.apache.commons');
    expect(childText(pom, root, 'artifactId')).toBe('commons-csv');
    expect(childText(pom, root, 'version')).toBe('1.9.0');
  });

  it("maps a plugin version the dropped parent's property named, and drops the quality plugins", () => {
    expect(summary(result)).toContain('plugin_version org.apache.maven.plugins:maven-compiler-plugin ${commons.compiler.version} -> 3.10.1');
    expect(summary(result)).toEqual(expect.arrayContaining([
      'plugin_dropped com.github.spotbugs:spotbugs-maven-plugin 4.3.0 -> -',
      'dependency_version org.mockito:mockito-core 3.11.2 -> debian',
      'dependency_version com.h2database:h2 1.4.200 -> debian',
    ]));
    // Held exactly: left alone.
    expect(summary(result).some((s) => s.includes('commons-io:commons-io') || s.includes('org.hamcrest:hamcrest '))).toBe(false);
    expect(result.missing).toEqual([]);
  });
});

describe('rewriting what upstream POMs also do', () => {
  const MODULE_PARENT = `<?xml version="1.0"?>
<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.acme</groupId>
  <artifactId>acme-parent</artifactId>
  <version>2.0</version>
  <packaging>pom</packaging>
  <modules>
    <module>core</module>
  </modules>
  <properties>
    <maven.compiler.source>1.6</maven.compiler.source>
    <junit.version>4.12</junit.version>
  </properties>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <configuration><source>1.5</source><target>1.8</target></configuration>
      </plugin>
    </plugins>
  </build>
</project>
`;
  const MODULE = `<project>
  <parent>
    <groupId>org.acme</groupId>
    <artifactId>acme-parent</artifactId>
    <version>2.0</version>
  </parent>
  <artifactId>acme-core</artifactId>
  <packaging>bundle</packaging>
  <dependencies>
    <dependency>
      <groupId>org.acme</groupId>
      <artifactId>acme-api</artifactId>
      <version>2.0</version>
    </dependency>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>\${junit.version}</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.hamcrest</groupId>
      <artifactId>hamcrest</artifactId>
    </dependency>
    <dependency>
      <groupId>org.example</groupId>
      <artifactId>nowhere</artifactId>
      <version>1.0</version>
    </dependency>
  </dependencies>
</project>
`;
  const API = '<project><parent><groupId>org.acme</groupId><artifactId>acme-parent</artifactId><version>2.0</version></parent><artifactId>acme-api</artifactId></project>';
  const files = new Map([['pom.xml', MODULE_PARENT], ['core/pom.xml', MODULE], ['api/pom.xml', API]]);

  it('finds the modules a POM lists, and the in-project parent a module names', () => {
    expect([...projectPoms((p) => files.get(p) ?? null).keys()]).toEqual(['pom.xml', 'core/pom.xml']);
  });

  it('raises Java levels below 8, keeps in-project parents, resolves properties from them, adds missing versions', () => {
    const result = rewritePoms(files, INDEX);
    expect(summary(result)).toEqual([
      // No POM declares Surefire: the root (the modules inherit from it) gets Debian's pinned.
      'plugin_version org.apache.maven.plugins:maven-surefire-plugin - -> 2.22.3',
      'java_level maven.compiler.source 1.6 -> 8',
      'plugin_version org.apache.maven.plugins:maven-compiler-plugin - -> 3.10.1',
      'java_level maven-compiler-plugin source 1.5 -> 8',
      'packaging packaging bundle -> jar',
      // junit4 installs 4.13.2 and 4.x, no `debian` alias: the highest release.
      'dependency_version junit:junit 4.12 -> 4.13.2',
      'dependency_version org.hamcrest:hamcrest - -> debian',
    ]);
    expect(result.missing).toEqual([{ groupId: 'org.example', artifactId: 'nowhere', version: '1.0', file: 'core/pom.xml' }]);
    const core = result.poms.get('core/pom.xml') ?? '';
    expect(core).toContain('<parent>\n    <groupId>org.acme</groupId>');
    expect(core).toContain('<artifactId>hamcrest</artifactId>\n      <version>debian</version>');
    expect(core).toContain('<version>4.13.2</version>\n      <scope>test</scope>');
    expect(result.poms.get('pom.xml')).toContain('<configuration><source>8</source><target>1.8</target></configuration>');
    expect(result.poms.has('api/pom.xml')).toBe(false);
  });
});

describe('the XML it edits and the versions it picks', () => {
  it('skips comments, CDATA and processing instructions, and refuses broken XML', () => {
    const text = '<?xml version="1.0"?><!-- <b> --><a x="1>2"><b><![CDATA[<c>]]></b><d/></a>';
    const root = parseXml(text);
    expect(root.children.map((c) => c.name)).toEqual(['b', 'd']);
    expect(childText(text, root, 'b')).toBe('<c>');
    expect(() => parseXml('<a><b></a>')).toThrow(PomSyntaxError);
    expect(() => parseXml('<a>')).toThrow(PomSyntaxError);
  });

  it('removes an element with its own line, and nothing around it', () => {
    const text = '<a>\n  <b>1</b>\n  <c>2</c>\n</a>\n';
    const b = parseXml(text).children[0];
    if (b === undefined) throw new Error('no b');
    expect(applyEdits(text, [removal(text, b)])).toBe('<a>\n  <c>2</c>\n</a>\n');
  });

  it('orders versions as Maven does and prefers what is held', () => {
    expect(['3.0.0-M7', '2.22.3', '2.12.4', '3.0.0'].sort(compareVersions)).toEqual(['2.12.4', '2.22.3', '3.0.0-M7', '3.0.0']);
    expect(pickVersion(['2.22.3', '2.17'], '2.17', 'plugin')).toBe('2.17');
    expect(pickVersion(['1.0', 'debian', '1.x'], '0.9', 'dependency')).toBe('debian');
    expect(pickVersion(['1.0', 'debian', '1.x'], '0.9', 'plugin')).toBe('1.0');
    expect(pickVersion([], '1', 'dependency')).toBeNull();
    expect(INDEX.versions('org.apache.maven.plugins', 'maven-surefire-plugin')).toEqual(['2.12.4', '2.17', '2.22.3']);
  });
});
