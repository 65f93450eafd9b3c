/**
 * "groupId:artifactId" of a POM, for the evidence line that says why Maven was chosen. Read with
 * patterns, not an XML parser: detection is synchronous, and a label that cannot be read is
 * simply left out. The project's own ids are the top-level ones, so every block that holds other
 * artifacts' ids is cut first; a POM without its own groupId inherits its parent's.
 */

const OTHER_ARTIFACTS = ['parent', 'dependencies', 'dependencyManagement', 'build', 'reporting', 'profiles', 'extensions', 'plugins', 'pluginManagement'];

function firstValue(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>\\s*([^<\\s][^<]*?)\\s*</${tag}>`).exec(xml);
  return match?.[1] ?? null;
}

export function pomCoordinates(pom: string): string | null {
  const text = pom.replace(/<!--[\s\S]*?-->/g, '');
  const parent = /<parent>([\s\S]*?)<\/parent>/.exec(text)?.[1] ?? '';
  let own = text;
  for (const tag of OTHER_ARTIFACTS) own = own.replace(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`, 'g'), '');
  const artifactId = firstValue(own, 'artifactId');
  const groupId = firstValue(own, 'groupId') ?? firstValue(parent, 'groupId');
  return artifactId === null || groupId === null ? null : `${groupId}:${artifactId}`;
}
