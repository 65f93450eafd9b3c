/**
 * A project that declares no Surefire gets Maven's default binding, maven-surefire-plugin 2.12.4,
 * which predates JUnit 5. Debian's repository happens to relocate 2.12.4 to the Surefire it ships,
 * but a relocation is a warning Maven may stop honouring and a package image may lack it; so the
 * version Debian ships is written in explicitly (pluginManagement of each POM that inherits from
 * no other project POM), and recorded, as mh_patchpoms pins plugin versions.
 */
import { child, type Edit, encode, walk, type XmlElement } from './pom-xml.js';
import { pickVersion, type RepoIndex } from './repo-index.js';
import type { PomDoc } from './pom-model.js';

export const SUREFIRE = 'maven-surefire-plugin';
const MAVEN_DEFAULT = '2.12.4';

/** Whether any of the project's POMs names Surefire in a build's plugins or pluginManagement. */
export function declaresSurefire(docs: readonly PomDoc[]): boolean {
  return docs.some((doc) => [...walk(doc.root)].some(({ element, path }) =>
    element.name === 'plugin' && path.at(-1) === 'plugins' && !path.includes('reporting') && element.children.some((c) => c.name === 'artifactId' && doc.text.slice(c.innerStart, c.innerEnd).trim() === SUREFIRE)));
}

export interface SurefirePin {
  readonly edit: Edit;
  readonly version: string;
  readonly reason: string;
}

/** The edit pinning Surefire in this (root) POM; null when the repository holds no Surefire. */
export function pinSurefire(doc: PomDoc, index: RepoIndex): SurefirePin | null {
  const version = pickVersion(index.versions('org.apache.maven.plugins', SUREFIRE), null, 'plugin');
  if (version === null) return null;
  const plugin = `<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>${SUREFIRE}</artifactId><version>${encode(version)}</version></plugin>`;
  const reason = `no POM declares Surefire, so Maven would use its default ${MAVEN_DEFAULT}, which runs no JUnit 5 tests; pinned to the version the image's Maven repository ships`;
  return { edit: insertion(doc.root, plugin), version, reason };
}

/** Into the deepest of build > pluginManagement > plugins that exists, wrapped in what does not. */
function insertion(root: XmlElement, plugin: string): Edit {
  const build = child(root, 'build');
  const management = build === undefined ? undefined : child(build, 'pluginManagement');
  const plugins = management === undefined ? undefined : child(management, 'plugins');
  if (plugins !== undefined) return into(plugins, plugin);
  if (management !== undefined) return into(management, `<plugins>${plugin}</plugins>`);
  if (build !== undefined) return into(build, `<pluginManagement><plugins>${plugin}</plugins></pluginManagement>`);
  return { start: root.innerEnd, end: root.innerEnd, replacement: `  <build><pluginManagement><plugins>${plugin}</plugins></pluginManagement></build>\n` };
}

/** At the start of the element's content; an empty `<x/>` is written out as `<x>…</x>`. */
function into(element: XmlElement, xml: string): Edit {
  if (element.innerStart === element.end) return { start: element.start, end: element.end, replacement: `<${element.name}>${xml}</${element.name}>` };
  return { start: element.innerStart, end: element.innerStart, replacement: xml };
}
