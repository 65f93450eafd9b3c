import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChangeLimits, parseChanges, readChangesFile } from '../../../src/changes/changes-file.js';
import { InputError } from '../../../src/errors/input-error.js';
import { TempDirs } from '../../support/temp-dirs.js';

const ROOMY: ChangeLimits = { maxFiles: 100, maxFileBytes: 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 };

function refusal(json: unknown, limits: ChangeLimits = ROOMY, source?: string): InputError {
  try {
    parseChanges(json, limits, source);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`parseChanges accepted ${JSON.stringify(json)}`);
}

describe('parseChanges', () => {
  it('reads text content, base64 content and deletions in order', () => {
    const changes = parseChanges(
      [
        { filepath: 'src/app.py', content: 'print("héllo")\n' },
        { filepath: 'bin/blob', contentBase64: Buffer.from([0, 255, 10]).toString('base64') },
        { filepath: 'old.txt', delete: true },
      ],
      ROOMY,
    );
    expect(changes).toEqual([
      { kind: 'write', path: 'src/app.py', content: Buffer.from('print("héllo")\n', 'utf8') },
      { kind: 'write', path: 'bin/blob', content: Buffer.from([0, 255, 10]) },
      { kind: 'delete', path: 'old.txt' },
    ]);
  });

  it('accepts an empty file as text or as base64', () => {
    const changes = parseChanges([{ filepath: 'a', content: '' }, { filepath: 'b', contentBase64: '' }], ROOMY);
    expect(changes.map((c) => (c.kind === 'write' ? c.content.length : -1))).toEqual([0, 0]);
  });

  it.each([
    ['an object', { filepath: 'a', content: 'x' }],
    ['a string', 'a.txt'],
    ['null', null],
    ['a number', 3],
  ])('refuses %s where an array is expected', (_what, json) => {
    expect(refusal(json).message).toMatch(/^changes: expected a JSON array/);
  });

  it('refuses an empty array, pointing at leaving --changes out', () => {
    expect(refusal([]).message).toMatch(/holds no changes.*--changes/);
  });

  it.each([
    ['an unknown key', { filepath: 'a', content: 'x', mode: '0755' }],
    ['two content keys', { filepath: 'a', content: 'x', contentBase64: 'eA==' }],
    ['content together with delete', { filepath: 'a', content: 'x', delete: true }],
    ['delete: false', { filepath: 'a', delete: false }],
    ['no content at all', { filepath: 'a' }],
    ['no filepath', { content: 'x' }],
    ['a non-string filepath', { filepath: 7, content: 'x' }],
    ['a non-string content', { filepath: 'a', content: 7 }],
    ['a string instead of an object', 'a'],
    ['contentBase64 with characters outside base64', { filepath: 'a', contentBase64: 'not base64!' }],
    ['contentBase64 with padding in the middle', { filepath: 'a', contentBase64: 'QQ==QQ==' }],
  ])('refuses an entry with %s, naming its index', (_what, bad) => {
    const error = refusal([{ filepath: 'fine.txt', content: 'ok' }, bad]);
    expect(error.message).toMatch(/^changes\[1\]: /);
    expect(error.context).toEqual({ index: 1 });
  });

  it('refuses base64 whose length no base64 encoding can have, instead of dropping its last character', () => {
    // "QUJDR" is "QUJD" ("ABC") plus one character that decodes to nothing: the data would be silently cut.
    const error = refusal([{ filepath: 'a.bin', contentBase64: 'QUJDR' }]);
    expect(error.message).toMatch(/^changes\[0\]: /);
  });

  it.each([
    ['../outside', /escapes the project/],
    ['/etc/passwd', /absolute/],
    ['.git/config', /inside \.git\//],
    ['a//b', /not normalised/],
  ])('refuses the path %j, naming its index and the path', (path, reason) => {
    const error = refusal([{ filepath: 'ok', content: '' }, { filepath: 'ok2', delete: true }, { filepath: path, content: 'x' }]);
    expect(error.message).toMatch(/^changes\[2\]: filepath /);
    expect(error.message).toContain(`"${path}"`);
    expect(error.message).toMatch(reason);
    expect(error.context).toEqual({ index: 2 });
  });

  it('prints a control character in a refused path escaped, not raw', () => {
    const error = refusal([{ filepath: 'a\nb', content: 'x' }]);
    expect(error.message).toContain('"a\\nb"');
    expect(error.message).not.toContain('a\nb');
  });

  it('refuses a path that appears twice, naming the second index', () => {
    const error = refusal([
      { filepath: 'a.txt', content: 'one' },
      { filepath: 'b.txt', content: 'x' },
      { filepath: 'a.txt', delete: true },
    ]);
    expect(error.message).toMatch(/^changes\[2\]: filepath "a\.txt" appears more than once/);
    expect(error.context).toEqual({ index: 2 });
  });

  it.each([
    ['file first', [{ filepath: 'a', content: 'x' }, { filepath: 'a/b', content: 'y' }]],
    ['folder first', [{ filepath: 'a/b', content: 'y' }, { filepath: 'a', content: 'x' }]],
    ['deleting the file', [{ filepath: 'a/b/c', content: 'y' }, { filepath: 'a/b', delete: true }]],
  ])('refuses a file that is also a folder of another change (%s), naming both paths', (_order, json) => {
    const error = refusal(json);
    expect(error.message).toMatch(/needs "a(\/b)?" to be a folder, but it is also a changed file/);
    expect(error.message).toMatch(/"a\/b(\/c)?" needs/);
  });

  it('accepts siblings whose names merely share a prefix', () => {
    expect(parseChanges([{ filepath: 'a', content: 'x' }, { filepath: 'ab/c', content: 'y' }], ROOMY)).toHaveLength(2);
  });

  it('refuses more changes than the file limit and accepts exactly the limit', () => {
    const limits = { ...ROOMY, maxFiles: 2 };
    const three = ['a', 'b', 'c'].map((filepath) => ({ filepath, delete: true }));
    expect(refusal(three, limits).message).toBe('changes: 3 changes, more than the limit of 2');
    expect(parseChanges(three.slice(0, 2), limits)).toHaveLength(2);
  });

  it('refuses a file over the size limit in bytes, naming its index, and accepts one exactly at it', () => {
    const limits = { ...ROOMY, maxFileBytes: 4 };
    expect(parseChanges([{ filepath: 'a', content: 'abcd' }], limits)).toHaveLength(1);
    // "é" is two bytes in UTF-8: three of them are 6 bytes, though 3 characters.
    const error = refusal([{ filepath: 'ok', content: 'x' }, { filepath: 'big.txt', content: 'ééé' }], limits);
    expect(error.message).toBe('changes[1]: "big.txt" is 6 bytes, more than the limit of 4');
    expect(error.context).toEqual({ index: 1 });
  });

  it('counts base64 content by its decoded bytes against the size limit', () => {
    const limits = { ...ROOMY, maxFileBytes: 5 };
    const five = Buffer.from('12345').toString('base64'); // 8 characters
    expect(parseChanges([{ filepath: 'a', contentBase64: five }], limits)).toHaveLength(1);
    const six = Buffer.from('123456').toString('base64');
    expect(refusal([{ filepath: 'a', contentBase64: six }], limits).message).toMatch(/is 6 bytes/);
  });

  it('refuses changes whose sizes add up past the total limit, and accepts a total exactly at it', () => {
    const limits = { ...ROOMY, maxTotalBytes: 10 };
    expect(parseChanges([{ filepath: 'a', content: 'hello' }, { filepath: 'b', content: 'world' }], limits)).toHaveLength(2);
    const error = refusal([{ filepath: 'a', content: 'hello' }, { filepath: 'b', content: 'world' }, { filepath: 'c', content: '!' }], limits);
    expect(error.message).toBe('changes: changes add up to more than the limit of 10 bytes');
  });

  it('does not count deletions against the size limits', () => {
    const limits = { ...ROOMY, maxFileBytes: 1, maxTotalBytes: 1 };
    expect(parseChanges([{ filepath: 'a', delete: true }, { filepath: 'b', delete: true }], limits)).toHaveLength(2);
  });

  it('names the given source in its messages', () => {
    expect(refusal([{ filepath: '../x', content: '' }], ROOMY, 'proposal.json').message).toMatch(/^proposal\.json\[0\]: /);
  });
});

describe('readChangesFile', () => {
  const dirs = new TempDirs();
  let dir = '';
  beforeAll(async () => {
    dir = await dirs.make();
  });
  afterAll(() => dirs.removeAll());

  async function changesFile(name: string, text: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  }

  it('reads a JSON file and round-trips every byte value through contentBase64', async () => {
    const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const file = await changesFile(
      'good.json',
      JSON.stringify([
        { filepath: 'calc/ops.py', content: 'def mul(a, b):\n    return a * b\n' },
        { filepath: 'assets/all-bytes.bin', contentBase64: allBytes.toString('base64') },
        { filepath: 'calc/legacy.py', delete: true },
      ]),
    );
    const changes = await readChangesFile(file, ROOMY);
    expect(changes).toHaveLength(3);
    const [text, binary, deletion] = changes;
    expect(text).toEqual({ kind: 'write', path: 'calc/ops.py', content: Buffer.from('def mul(a, b):\n    return a * b\n') });
    expect(binary?.kind === 'write' && binary.content.equals(allBytes)).toBe(true);
    expect(deletion).toEqual({ kind: 'delete', path: 'calc/legacy.py' });
  });

  it('refuses a file that is not valid JSON, naming the file', async () => {
    const file = await changesFile('broken.json', '[{"filepath": "a", "content": "x"},');
    const error = await readChangesFile(file, ROOMY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(`changes file ${file} is not valid JSON`);
  });

  it('refuses a file that is not valid UTF-8 instead of storing replacement characters', async () => {
    const file = join(dir, 'latin1.json');
    await writeFile(file, Buffer.concat([Buffer.from('[{"filepath": "a.txt", "content": "caf'), Buffer.from([0xe9]), Buffer.from('"}]')]));
    const error = await readChangesFile(file, ROOMY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`changes file ${file} is not valid UTF-8 (binary content belongs in "contentBase64")`);
  });

  it('refuses a file far larger than the limits allow without reading it', async () => {
    const small = { maxFiles: 10, maxFileBytes: 100, maxTotalBytes: 100 };
    const file = await changesFile('huge.json', JSON.stringify([{ filepath: 'a', content: 'x'.repeat(1024 * 1024 + 300) }]));
    const error = await readChangesFile(file, small).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/is \d+ bytes, more than the limit of 1048776$/);
  });

  it('refuses a file that does not exist, naming it', async () => {
    const file = join(dir, 'missing.json');
    const error = await readChangesFile(file, ROOMY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`cannot read changes file ${file}`);
    expect((error as InputError).cause).toMatchObject({ code: 'ENOENT' });
  });

  it('names the file and the index of a bad entry', async () => {
    const file = await changesFile('bad-entry.json', JSON.stringify([{ filepath: 'a', content: 'x' }, { filepath: 'b', contents: 'typo' }]));
    const error = await readChangesFile(file, ROOMY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message.startsWith(`${file}[1]: `)).toBe(true);
  });

  it('applies the limits it is given', async () => {
    const file = await changesFile('two.json', JSON.stringify([{ filepath: 'a', delete: true }, { filepath: 'b', delete: true }]));
    await expect(readChangesFile(file, { ...ROOMY, maxFiles: 1 })).rejects.toThrow(InputError);
  });
});
