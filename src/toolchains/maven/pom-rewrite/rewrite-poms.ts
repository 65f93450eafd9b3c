/**
 * Rewrites a project's POMs to what an offline Maven repository holds, as Debian's mh_patchpoms
 * does before building upstream code: dependency and plugin versions mapped to held ones (a
 * dependency to Debian's `debian` alias when there is one), plugins that are not needed to run
 * the tests or are not held dropped, an external parent (its plugins cannot resolve offline)
 * replaced by the coordinates it lent, Java levels below 8 raised. Pure: POM texts and a
 * repository index in, changed texts, what changed and why, and what is missing out. Only the
 * ranges it changes are touched; everything else in a POM stays byte for byte.
 */
import { applyEdits, child, childText, encode, type Edit, parseXml, removal, textOf, walk, type XmlElement } from './pom-xml.js';
import { pickVersion, type RepoIndex } from './repo-index.js';
import { collectProperties, javaLevelBelow8, resolveValue, type PomDoc } from './pom-model.js';
import { declaresSurefire, pinSurefire } from './surefire-default.js';

export type PomChangeKind = 'plugin_dropped' | 'plugin_version' | 'dependency_version' | 'dependency_dropped' | 'parent_replaced' | 'java_level' | 'packaging' | 'extension_dropped';

export interface PomChange {
  /** The POM's path in the project. */
  readonly file: string;
  readonly kind: PomChangeKind;
  /** groupId:artifactId, or the element or property changed. */
  readonly subject: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly reason: string;
}

export interface MissingArtifact {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string | null;
  readonly file: string;
}

export interface PomRewriteResult {
  /** Only the POMs that changed, by path. */
  readonly poms: ReadonlyMap<string, string>;
  readonly changes: readonly PomChange[];
  /** Dependencies the build needs that the repository does not hold. */
  readonly missing: readonly MissingArtifact[];
  /** With a remote repository: plugins (and imported BOMs) kept though not held, to fetch from it. */
  readonly unheld: readonly MissingArtifact[];
}

export interface RewriteOptions {
  /**
   * A remote repository resolves at image build what the offline one lacks: plugins, plugin
   * dependencies, extensions and imported BOMs it does not hold are then kept (and listed in
   * `unheld`) instead of dropped. Plugins never needed for the tests are dropped all the same.
   */
  readonly remote?: boolean;
}

/** Plugins never needed to compile and run tests, dropped even when held (coverage is measured by us). */
export const UNNEEDED_PLUGINS: ReadonlySet<string> = new Set([
  'maven-javadoc-plugin', 'maven-source-plugin', 'maven-gpg-plugin', 'maven-enforcer-plugin', 'animal-sniffer-maven-plugin',
  'maven-bundle-plugin', 'japicmp-maven-plugin', 'jacoco-maven-plugin', 'maven-release-plugin', 'maven-site-plugin',
  'maven-checkstyle-plugin', 'maven-pmd-plugin', 'spotbugs-maven-plugin', 'apache-rat-plugin', 'maven-failsafe-plugin',
]);

export function rewritePoms(sources: ReadonlyMap<string, string>, index: RepoIndex, options: RewriteOptions = {}): PomRewriteResult {
  const docs = [...sources].map(([file, text]) => ({ file, text, root: parseXml(text) }) satisfies PomDoc);
  const own = new Set(docs.map((d) => coordinatesOf(d)).filter((c): c is string => c !== null));
  const managed = new Set(docs.flatMap((d) => managedKeys(d)));
  const poms = new Map<string, string>();
  const changes: PomChange[] = [];
  const missing: MissingArtifact[] = [];
  const unheld: MissingArtifact[] = [];
  const pinsSurefire = !declaresSurefire(docs);
  for (const doc of docs) {
    const one = rewriteOne(doc, docs, { index, own, managed, remote: options.remote === true, pinsSurefire });
    if (one.edits.length > 0) poms.set(doc.file, applyEdits(doc.text, one.edits));
    changes.push(...one.changes);
    missing.push(...one.missing);
    unheld.push(...one.unheld);
  }
  return { poms, changes, missing, unheld };
}

interface Shared {
  readonly index: RepoIndex;
  /** groupId:artifactId of the project's own POMs (reactor artifacts: never looked up). */
  readonly own: ReadonlySet<string>;
  /** groupId:artifactId managed by a dependencyManagement of the project. */
  readonly managed: ReadonlySet<string>;
  readonly remote: boolean;
  /** No project POM declares Surefire: the POMs that inherit from no project POM get it pinned. */
  readonly pinsSurefire: boolean;
}

function coordinatesOf(doc: PomDoc): string | null {
  const parent = child(doc.root, 'parent');
  const groupId = childText(doc.text, doc.root, 'groupId') ?? (parent === undefined ? null : childText(doc.text, parent, 'groupId'));
  const artifactId = childText(doc.text, doc.root, 'artifactId');
  return groupId === null || artifactId === null ? null : `${groupId}:${artifactId}`;
}

function managedKeys(doc: PomDoc): string[] {
  const props = collectProperties(doc, []);
  const keys: string[] = [];
  for (const { element, path } of walk(doc.root)) {
    if (element.name !== 'dependency' || !path.includes('dependencyManagement')) continue;
    keys.push(`${resolveValue(childText(doc.text, element, 'groupId') ?? '', props)}:${resolveValue(childText(doc.text, element, 'artifactId') ?? '', props)}`);
  }
  return keys;
}

function rewriteOne(doc: PomDoc, all: readonly PomDoc[], shared: Shared): { edits: Edit[]; changes: PomChange[]; missing: MissingArtifact[]; unheld: MissingArtifact[] } {
  const { text, root, file } = doc;
  const edits: Edit[] = [];
  const changes: PomChange[] = [];
  const missing: MissingArtifact[] = [];
  const unheld: MissingArtifact[] = [];
  const note = (kind: PomChangeKind, subject: string, from: string | null, to: string | null, reason: string) => changes.push({ file, kind, subject, from, to, reason });
  const ancestors = projectAncestors(doc, all);
  const props = collectProperties(doc, ancestors);
  const removed: XmlElement[] = [];
  const inRemoved = (e: XmlElement) => removed.some((r) => e.start >= r.start && e.end <= r.end);
  const remove = (e: XmlElement) => {
    removed.push(e);
    edits.push(removal(text, e));
  };
  const setText = (e: XmlElement, value: string) => edits.push({ start: e.innerStart, end: e.innerEnd, replacement: encode(value) });

  replaceExternalParent(doc, ancestors, shared, edits, note, removed);
  if (shared.pinsSurefire && ancestors.length === 0) {
    const pin = pinSurefire(doc, shared.index);
    if (pin !== null) {
      edits.push(pin.edit);
      note('plugin_version', 'org.apache.maven.plugins:maven-surefire-plugin', null, pin.version, pin.reason);
    }
  }

  const packaging = child(root, 'packaging');
  if (textOf(text, packaging) === 'bundle' && packaging !== undefined) {
    setText(packaging, 'jar');
    note('packaging', 'packaging', 'bundle', 'jar', 'bundle packaging needs maven-bundle-plugin, which is dropped; the tests need only the jar lifecycle');
  }

  for (const { element, path } of walk(root)) {
    if (path.includes('reporting') || inRemoved(element)) continue;
    const last = path.at(-1);
    if (element.name === 'plugin' && last === 'plugins') {
      const groupId = resolveValue(childText(text, element, 'groupId') ?? 'org.apache.maven.plugins', props);
      const artifactId = resolveValue(childText(text, element, 'artifactId') ?? '', props);
      const key = `${groupId}:${artifactId}`;
      const held = shared.index.versions(groupId, artifactId);
      const versionEl = child(element, 'version');
      const wanted = versionEl === undefined ? null : resolveValue(textOf(text, versionEl) ?? '', props);
      if (held.length === 0 && shared.remote && !UNNEEDED_PLUGINS.has(artifactId)) {
        unheld.push({ groupId, artifactId, version: wanted, file });
        continue;
      }
      if (UNNEEDED_PLUGINS.has(artifactId) || held.length === 0) {
        remove(element);
        const why = UNNEEDED_PLUGINS.has(artifactId) ? 'not needed to compile and run the tests' : 'not in the image\'s Maven repository';
        note('plugin_dropped', key, wanted, null, why);
        continue;
      }
      const pick = pickVersion(held, wanted, 'plugin');
      if (pick !== null && pick !== wanted) {
        if (versionEl !== undefined) setText(versionEl, pick);
        else edits.push(insertAfter(text, child(element, 'artifactId') ?? element, `<version>${encode(pick)}</version>`));
        note('plugin_version', key, wanted, pick, `the image's Maven repository holds ${artifactId} ${held.filter((v) => v !== 'debian').join(', ')}`);
      }
      if (artifactId === 'maven-compiler-plugin') raiseLevels(text, child(element, 'configuration'), setText, note);
    } else if (element.name === 'extension' && last === 'extensions') {
      const groupId = resolveValue(childText(text, element, 'groupId') ?? '', props);
      const artifactId = resolveValue(childText(text, element, 'artifactId') ?? '', props);
      if (shared.index.versions(groupId, artifactId).length === 0 && shared.remote) {
        unheld.push({ groupId, artifactId, version: childText(text, element, 'version'), file });
      } else if (shared.index.versions(groupId, artifactId).length === 0) {
        remove(element);
        note('extension_dropped', `${groupId}:${artifactId}`, childText(text, element, 'version'), null, 'not in the image\'s Maven repository');
      }
    } else if (element.name === 'dependency' && last === 'dependencies') {
      dependency(element, path);
    } else if (element.name === 'properties' && last === 'project') {
      for (const p of element.children) {
        if (/^maven\.compiler\.(test)?(source|target|release)$/.test(p.name)) raiseOne(text, p, p.name, setText, note);
      }
    }
  }
  return { edits, changes, missing, unheld };

  function dependency(element: XmlElement, path: readonly string[]): void {
    const groupId = resolveValue(childText(text, element, 'groupId') ?? '', props);
    const artifactId = resolveValue(childText(text, element, 'artifactId') ?? '', props);
    const key = `${groupId}:${artifactId}`;
    if (groupId.includes('${') || artifactId.includes('${') || shared.own.has(key)) return;
    if (childText(text, element, 'scope') === 'system') return;
    const versionEl = child(element, 'version');
    const wanted = versionEl === undefined ? null : resolveValue(textOf(text, versionEl) ?? '', props);
    const held = shared.index.versions(groupId, artifactId);
    const isManaged = path.includes('dependencyManagement');
    const ofPlugin = path.includes('plugin');
    if (held.length === 0) {
      if (shared.remote && (ofPlugin || (isManaged && childText(text, element, 'scope') === 'import'))) {
        unheld.push({ groupId, artifactId, version: wanted, file });
      } else if (isManaged && childText(text, element, 'scope') === 'import') {
        remove(element);
        note('dependency_dropped', key, wanted, null, 'an imported BOM the image\'s Maven repository does not hold; versions come from the repository instead');
      } else if (ofPlugin) {
        remove(element);
        note('dependency_dropped', key, wanted, null, 'a plugin dependency the image\'s Maven repository does not hold');
      } else if (!isManaged && !path.includes('profile')) {
        // Managed entries resolve only when used; a profile's only when it is active.
        missing.push({ groupId, artifactId, version: wanted, file });
      }
      return;
    }
    const pick = pickVersion(held, wanted, 'dependency');
    if (pick === null || pick === wanted) return;
    if (versionEl !== undefined) setText(versionEl, pick);
    else if (isManaged || shared.managed.has(key)) return;
    else edits.push(insertAfter(text, child(element, 'artifactId') ?? element, `<version>${encode(pick)}</version>`));
    note('dependency_version', key, wanted, pick, pick === 'debian' ? 'mapped to Debian\'s alias for the version it packages' : `the image's Maven repository holds ${held.join(', ')}`);
  }
}

/** The project's own POMs this one inherits from, nearest first (by parent coordinates). */
function projectAncestors(doc: PomDoc, all: readonly PomDoc[]): PomDoc[] {
  const chain: PomDoc[] = [];
  let current: PomDoc | undefined = doc;
  while (current !== undefined && chain.length < 20) {
    const parent = child(current.root, 'parent');
    if (parent === undefined) break;
    const key: string = `${childText(current.text, parent, 'groupId')}:${childText(current.text, parent, 'artifactId')}`;
    const from: PomDoc = current;
    current = all.find((d) => d !== from && coordinatesOf(d) === key);
    if (current !== undefined) chain.push(current);
  }
  return chain;
}

/**
 * An external parent is replaced by nothing (Maven's super POM): its plugins and their executions
 * cannot resolve offline, and what a child needs of it for compiling and testing are its
 * coordinates, which are written in; versions it managed come from the repository instead.
 */
function replaceExternalParent(doc: PomDoc, ancestors: readonly PomDoc[], shared: Shared, edits: Edit[], note: (kind: PomChangeKind, subject: string, from: string | null, to: string | null, reason: string) => void, removed: XmlElement[]): void {
  const parent = child(doc.root, 'parent');
  if (parent === undefined || ancestors.length > 0) return;
  const { text } = doc;
  const groupId = childText(text, parent, 'groupId') ?? '';
  const artifactId = childText(text, parent, 'artifactId') ?? '';
  const version = childText(text, parent, 'version');
  if (shared.own.has(`${groupId}:${artifactId}`)) return;
  const lent: string[] = [];
  if (child(doc.root, 'groupId') === undefined) lent.push(`<groupId>${encode(groupId)}</groupId>`);
  if (child(doc.root, 'version') === undefined && version !== null) lent.push(`<version>${encode(version)}</version>`);
  const indent = indentOf(text, parent);
  edits.push({ start: parent.start, end: parent.end, replacement: lent.length === 0 ? `<!-- parent ${groupId}:${artifactId} removed by patchproof -->` : lent.join(`\n${indent}`) });
  removed.push(parent);
  const held = shared.index.versions(groupId, artifactId).length > 0;
  note('parent_replaced', `${groupId}:${artifactId}`, version, null, `${held ? 'its build plugins cannot resolve offline' : 'not in the image\'s Maven repository'}; replaced by Maven's super POM${lent.length > 0 ? ', its groupId/version written into the POM' : ''}`);
}

function raiseLevels(text: string, configuration: XmlElement | undefined, setText: (e: XmlElement, v: string) => void, note: (kind: PomChangeKind, subject: string, from: string | null, to: string | null, reason: string) => void): void {
  if (configuration === undefined) return;
  for (const c of configuration.children) {
    if (/^(test)?(source|target|release)$/i.test(c.name)) raiseOne(text, c, `maven-compiler-plugin ${c.name}`, setText, note);
  }
}

function raiseOne(text: string, element: XmlElement, subject: string, setText: (e: XmlElement, v: string) => void, note: (kind: PomChangeKind, subject: string, from: string | null, to: string | null, reason: string) => void): void {
  const value = textOf(text, element);
  if (value === null || !javaLevelBelow8(value)) return;
  setText(element, '8');
  note('java_level', subject, value, '8', 'the image\'s JDK 17 refuses Java levels below 7 and deprecates 7; raised to 8');
}

function indentOf(text: string, element: XmlElement): string {
  const lineStart = text.lastIndexOf('\n', element.start - 1) + 1;
  const before = text.slice(lineStart, element.start);
  return /^[ \t]*$/.test(before) ? before : '';
}

function insertAfter(text: string, element: XmlElement, xml: string): Edit {
  const indent = indentOf(text, element);
  return { start: element.end, end: element.end, replacement: indent === '' ? xml : `\n${indent}${xml}` };
}
