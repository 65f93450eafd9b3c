/**
 * How big a folder of the workspace is, measured inside the sandbox before anything of it is
 * downloaded, so that a report folder the tests flooded never crosses the engine connection.
 * These are facts only (entries and bytes); whether they are too many is the grade's to say.
 *
 * Counted as the download counts them: every entry below the folder (files, folders, links) and
 * the bytes of its regular files (their apparent size: what a tar archive of them would carry).
 * The folder is made readable to its owner first: a test could take the permission away to hide
 * what it wrote from `find`, though not from the engine, which archives as root.
 */

export interface FolderSize {
  readonly exists: boolean;
  readonly entries: number;
  readonly bytes: number;
}

export function measureScript(folder: string): string {
  const quoted = `'${folder.replaceAll("'", "'\\''")}'`;
  return [
    `d=${quoted}`,
    'if [ ! -e "$d" ] && [ ! -L "$d" ]; then echo absent; exit 0; fi',
    'chmod -R u+rwX -- "$d" 2>/dev/null',
    // %.0f: awk counts in doubles, and %d may wrap above 2^31 in mawk. A failing find says so in
    // the stream (sh has no pipefail), and the count is then not given at all.
    `{ find "$d" -mindepth 1 \\( -type f -printf 'f %s\\n' \\) -o -printf 'e\\n' || echo failed; } | awk '$1 == "failed" { bad = 1; next } { n++ } $1 == "f" { b += $2 } END { if (bad) print "unreadable"; else printf "entries %.0f bytes %.0f\\n", n, b }'`,
  ].join('\n');
}

/** null when the script did not say what it says when it worked: nothing is known then. */
export function parseMeasureOutput(stdout: string, exitCode: number | null): FolderSize | null {
  if (exitCode !== 0) return null;
  const text = stdout.trim();
  if (text === 'absent') return { exists: false, entries: 0, bytes: 0 };
  const match = /^entries (\d+) bytes (\d+)$/.exec(text);
  if (match === null) return null;
  const entries = Number(match[1]);
  const bytes = Number(match[2]);
  if (!Number.isSafeInteger(entries) || !Number.isSafeInteger(bytes)) return null;
  return { exists: true, entries, bytes };
}
