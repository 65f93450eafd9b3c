/**
 * The first compiler error of each package, from what go test wrote to stderr (or, on Go >= 1.24,
 * as build-output events). Errors come in sections headed "# <pkg>" or "# <pkg> [<pkg>.test]";
 * vet's type errors read "vet: file.go:1:2: …".
 */
const HEADER = /^# (\S+)/;

export function firstErrorPerPackage(text: string): Map<string, string> {
  const found = new Map<string, string>();
  let current: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = HEADER.exec(line);
    if (header !== null) {
      // "# [pkg]" (vet's second header) continues the section above it.
      if (!(header[1] ?? '').startsWith('[')) current = header[1] ?? null;
      continue;
    }
    if (current === null || line === '' || found.has(current)) continue;
    found.set(current, line.replace(/^vet: /, '').replace(/^\.\//, ''));
  }
  return found;
}
