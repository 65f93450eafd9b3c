/**
 * The pure parts of the one-exec apply: the extraction script (the project's folders made
 * writable first, quoted; too long to fold: null, the engine's upload then), the reaper's steps
 * with their exit codes, and the file it reads back, parsed strictly (a cut line is no file).
 */
import { describe, expect, it } from 'vitest';
import type { ProjectEntry, ProjectSnapshot } from '../../../src/project/project-snapshot.js';
import { extractionScript, MAX_EXTRACTION_SCRIPT } from '../../../src/sandbox/change-extraction.js';
import { parseReaperOutput, reaperScript } from '../../../src/sandbox/reaper.js';

const write = (path: string) => ({ kind: 'write' as const, path, content: Buffer.from('x') });

function project(...folders: string[]): ProjectSnapshot {
  const entries = new Map<string, ProjectEntry>(folders.map((path) => [path, { path, type: 'dir', executable: false, size: 0, linkTarget: null, digest: '' }]));
  return { root: '/p', entries, totalBytes: 0 };
}

describe('the extraction script', () => {
  it('is tar alone when the changes touch no folder of the project', () => {
    expect(extractionScript([write('new/a.py'), write('top.py')], project('src'))).toBe('tar -x -m -f - -C /workspace');
  });

  it("makes the project's folders on the way writable first, each once, quoted", () => {
    const script = extractionScript([write("src/it's/a.py"), write("src/it's/b.py"), write('src/c.py'), { kind: 'delete', path: 'gone/x.py' }], project('src', "src/it's", 'gone'));
    expect(script).toBe(`w() { [ -h "$1" ] || [ ! -d "$1" ] || { [ -w "$1" ] && [ -x "$1" ]; } || chmod u+rwx -- "$1"; }\nw '/workspace/src' && w '/workspace/src/it'\\''s' && tar -x -m -f - -C /workspace`);
  });

  it('is null when it would be too long to fold', () => {
    const folders = Array.from({ length: 400 }, (_, i) => `${'d'.repeat(100)}${i}`);
    expect(extractionScript(folders.map((f) => write(`${f}/a.py`)), project(...folders))).toBeNull();
    expect(MAX_EXTRACTION_SCRIPT).toBeLessThan(128 * 1024);
  });
});

describe("the reaper's own steps", () => {
  it('run before the reading, each with its exit code; only the extraction reads stdin', () => {
    const script = reaperScript(['/workspace'], undefined, { before: 'cp a b', input: 'tar -x -f -', readFile: '/opt/record.json' });
    const lines = script.split('\n');
    expect(lines.slice(0, 5)).toEqual(['{ cp a b', '} </dev/null >&2 || exit 3', '{ tar -x -f -', '} >&2 || exit 4', "if [ -f '/opt/record.json' ]; then printf 'file '; head -c 1048577 '/opt/record.json' | base64 -w 0; echo; else echo file_none; fi"]);
    expect(lines[5]).toBe('c=/sys/fs/cgroup');
  });

  it('bring the file back whole, or say there is none; a cut or foreign line is no file', () => {
    const reading = 'tasks 3\nleft 3\n';
    const text = '{"toolchain":"python"}';
    expect(parseReaperOutput(`file ${Buffer.from(text).toString('base64')}\n${reading}`, 0)?.file).toEqual({ found: true, bytes: Buffer.from(text) });
    expect(parseReaperOutput(`file_none\n${reading}`, 0)?.file).toEqual({ found: false });
    expect(parseReaperOutput(`file \n${reading}`, 0)?.file).toEqual({ found: true, bytes: Buffer.alloc(0) });
    expect(parseReaperOutput(`file eyJ0b29sY2hhaW4iOiJweXRob2\n${reading}`, 0)?.file).toBeUndefined();
    expect(parseReaperOutput(`file e30= extra\n${reading}`, 0)?.file).toBeUndefined();
    expect(parseReaperOutput(reading, 0)?.file).toBeUndefined();
    // A failed step fails the whole reading.
    expect(parseReaperOutput(`file_none\n${reading}`, 4)).toBeNull();
  });
});
