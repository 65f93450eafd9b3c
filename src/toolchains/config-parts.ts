/**
 * The part of a configuration file that configures the test run, as normalised text, so two
 * versions of the file can be compared: a change to pyproject.toml's [project] table is not a
 * change to how pytest runs, one to its [tool.pytest.ini_options] is. Pure functions of the text.
 */

const HEADER = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:[#;].*)?$/;

/** Meaningful lines only: trimmed, blank and comment lines dropped. */
function normalisedLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith(';'));
}

/** `tool."pytest" . ini_options` → `tool.pytest.ini_options`. */
function headerName(raw: string): string {
  return raw.replace(/["'\s]/g, '');
}

/**
 * INI or TOML: the lines of every section whose header `wanted` accepts, and (TOML's dotted keys,
 * `tool.pytest.ini_options.addopts = ...`, may sit in any table) any other line matching `loose`.
 */
export function sectionsPart(text: string | null, wanted: (header: string) => boolean, loose: RegExp | null = null): string {
  if (text === null) return '';
  const kept: string[] = [];
  let inWanted = false;
  for (const line of normalisedLines(text)) {
    const header = HEADER.exec(line);
    if (header !== null) {
      inWanted = wanted(headerName(header[1] ?? ''));
      if (inWanted) kept.push(`[${headerName(header[1] ?? '')}]`);
      continue;
    }
    if (inWanted || (loose !== null && loose.test(line))) kept.push(line);
  }
  return kept.join('\n');
}

/** A JSON file's top-level keys, as stable text; the whole text when it is not a JSON object (any edit then counts). */
export function jsonKeysPart(text: string | null, keys: readonly string[]): string {
  if (text === null) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return text;
  const record = new Map(Object.entries(parsed));
  return JSON.stringify(keys.map((key) => record.get(key) ?? null));
}

/** An XML file's elements with these names (each whole, comments and layout between tags dropped). */
export function xmlElementsPart(text: string | null, names: readonly string[]): string {
  if (text === null) return '';
  const bare = text.replace(/<!--[\s\S]*?-->/g, '');
  const element = new RegExp(`<(${names.join('|')})\\b[^>]*>[\\s\\S]*?</\\1\\s*>`, 'g');
  return [...bare.matchAll(element)].map((m) => m[0].replace(/>\s+</g, '><').replace(/\s+/g, ' ')).join('\n');
}

/** Text of a file's content, or null when the file is absent. */
export function textOf(content: Buffer | null): string | null {
  return content === null ? null : content.toString('utf8');
}

/** The last segment of a project path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True when the part `select` picks from the file differs between before and after. */
export function partChanged(before: Buffer | null, after: Buffer | null, select: (text: string | null) => string): boolean {
  return select(textOf(before)) !== select(textOf(after));
}
