/** What the rewrite reads of a POM besides its elements: its properties, resolved as Maven would. */
import { child, textOf, type XmlElement } from './pom-xml.js';

export interface PomDoc {
  /** The POM's path in the project. */
  readonly file: string;
  readonly text: string;
  readonly root: XmlElement;
}

/** The POM's own properties over its project ancestors' (nearest wins), plus project.* coordinates. */
export function collectProperties(doc: PomDoc, ancestors: readonly PomDoc[]): ReadonlyMap<string, string> {
  const props = new Map<string, string>();
  for (const d of [...ancestors].reverse().concat(doc)) {
    for (const p of child(d.root, 'properties')?.children ?? []) props.set(p.name, textOf(d.text, p) ?? '');
  }
  const parent = child(doc.root, 'parent');
  const version = textOf(doc.text, child(doc.root, 'version')) ?? (parent === undefined ? null : textOf(doc.text, child(parent, 'version')));
  const groupId = textOf(doc.text, child(doc.root, 'groupId')) ?? (parent === undefined ? null : textOf(doc.text, child(parent, 'groupId')));
  for (const [key, value] of [['version', version], ['groupId', groupId]] as const) {
    if (value !== null) {
      props.set(`project.${key}`, value);
      props.set(`pom.${key}`, value);
    }
  }
  return props;
}

/** `${x}` references replaced by their values, a few levels deep; unknown ones are left as written. */
export function resolveValue(value: string, props: ReadonlyMap<string, string>): string {
  let out = value;
  for (let round = 0; round < 5 && out.includes('${'); round++) {
    out = out.replace(/\$\{([^}]+)\}/g, (whole, name: string) => props.get(name) ?? whole);
  }
  return out;
}

/** "1.5", "1.7", "6", "7" are below 8; "1.8", "8", "11", "${x}" are not. */
export function javaLevelBelow8(value: string): boolean {
  const match = /^(?:1\.)?(\d+)$/.exec(value.trim());
  return match !== null && Number(match[1]) < 8;
}
