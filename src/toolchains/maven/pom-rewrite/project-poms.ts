/**
 * The project's own POMs: the root pom.xml, its modules (recursively, profiles' modules too) and
 * the in-project parents they name by relativePath. Paths are project-relative; a module or
 * parent outside the project, or missing, is not ours to rewrite and is left to Maven.
 */
import { posix } from 'node:path';
import { child, childText, parseXml, PomSyntaxError, walk } from './pom-xml.js';

export function projectPoms(read: (path: string) => string | null): Map<string, string> {
  const found = new Map<string, string>();
  const queue = ['pom.xml'];
  while (queue.length > 0 && found.size < 500) {
    const path = queue.shift() ?? '';
    if (found.has(path)) continue;
    const text = read(path);
    if (text === null) continue;
    found.set(path, text);
    let root;
    try {
      root = parseXml(text);
    } catch (error) {
      if (error instanceof PomSyntaxError) continue;
      throw error;
    }
    const dir = posix.dirname(path);
    for (const { element, path: chain } of walk(root)) {
      if (element.name === 'module' && chain.at(-1) === 'modules') queue.push(pomPath(dir, text.slice(element.innerStart, element.innerEnd).trim()));
    }
    const parent = child(root, 'parent');
    if (parent !== undefined) {
      const relative = childText(text, parent, 'relativePath');
      if (relative !== '') queue.push(pomPath(dir, relative ?? '..'));
    }
  }
  return new Map([...found].filter(([path]) => !path.startsWith('../')));
}

function pomPath(dir: string, ref: string): string {
  const joined = posix.normalize(posix.join(dir, ref));
  return joined.endsWith('.xml') ? joined : posix.join(joined, 'pom.xml');
}
