import { describe, expect, it } from 'vitest';
import { HeadTailBuffer } from '../../../src/sandbox/head-tail-buffer.js';

function fed(headCap: number, tailCap: number, chunks: readonly Buffer[]): HeadTailBuffer {
  const buffer = new HeadTailBuffer(headCap, tailCap);
  for (const chunk of chunks) buffer.push(chunk);
  return buffer;
}

function byteByByte(data: Buffer): Buffer[] {
  return Array.from(data, (byte) => Buffer.from([byte]));
}

/** Cuts `data` into chunks of pseudo-random sizes 1..maxSize, the same every run. */
function unevenChunks(data: Buffer, maxSize: number, seed = 7): Buffer[] {
  const chunks: Buffer[] = [];
  let state = seed;
  for (let at = 0; at < data.length; ) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % maxSize);
    chunks.push(data.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const ALPHABET = Buffer.from('abcdefghijklmnopqrstuvwxyz');

describe('HeadTailBuffer', () => {
  it('returns output under the cap unchanged', () => {
    const buffer = fed(10, 5, [Buffer.from('hello '), Buffer.from('world')]);
    expect(buffer.text()).toBe('hello world');
    expect(buffer.truncated).toBe(false);
    expect(buffer.bytes).toBe(11);
  });

  it('returns output of exactly head plus tail bytes unchanged', () => {
    const buffer = fed(4, 3, [Buffer.from('abcdefg')]);
    expect(buffer.text()).toBe('abcdefg');
    expect(buffer.truncated).toBe(false);
  });

  it('returns nothing for no output', () => {
    const buffer = new HeadTailBuffer(4, 3);
    expect(buffer.text()).toBe('');
    expect(buffer.bytes).toBe(0);
    expect(buffer.truncated).toBe(false);
  });

  it('keeps the exact first and last bytes over the cap and states how much was left out of how much', () => {
    const buffer = fed(4, 3, [ALPHABET]);
    expect(buffer.truncated).toBe(true);
    expect(buffer.bytes).toBe(26);
    expect(buffer.text()).toBe('abcd\n[... 19 bytes of output left out, 26 in all ...]\nxyz');
  });

  it('keeps one byte past the cap as a drop of exactly one byte', () => {
    expect(fed(4, 3, [Buffer.from('abcdefgh')]).text()).toBe('abcd\n[... 1 bytes of output left out, 8 in all ...]\nfgh');
  });

  it('keeps only the head when no tail is wanted', () => {
    expect(fed(3, 0, [ALPHABET]).text()).toBe('abc\n[... 23 bytes of output left out, 26 in all ...]\n');
  });

  it('gives the same text whether output arrives in one chunk, byte by byte or in uneven chunks', () => {
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join(''));
    const whole = fed(1000, 300, [data]).text();
    expect(whole.startsWith(data.subarray(0, 1000).toString())).toBe(true);
    expect(whole.endsWith(data.subarray(data.length - 300).toString())).toBe(true);
    expect(whole).toContain(`[... ${data.length - 1300} bytes of output left out, ${data.length} in all ...]`);
    expect(fed(1000, 300, byteByByte(data)).text()).toBe(whole);
    expect(fed(1000, 300, unevenChunks(data, 700)).text()).toBe(whole);
    expect(fed(1000, 300, unevenChunks(data, 5000, 99)).text()).toBe(whole);
  });

  it('does not let empty chunks change the result', () => {
    expect(fed(4, 3, [Buffer.alloc(0), ALPHABET, Buffer.alloc(0)]).text()).toBe(fed(4, 3, [ALPHABET]).text());
  });
});
