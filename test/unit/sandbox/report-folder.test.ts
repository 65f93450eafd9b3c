import { describe, expect, it } from 'vitest';
import { measureScript, parseMeasureOutput } from '../../../src/sandbox/report-folder.js';

describe('measuring a folder in the sandbox', () => {
  it('reads the counts the script prints', () => {
    expect(parseMeasureOutput('entries 1502 bytes 83886080\n', 0)).toEqual({ exists: true, entries: 1502, bytes: 83886080 });
    expect(parseMeasureOutput('absent\n', 0)).toEqual({ exists: false, entries: 0, bytes: 0 });
  });

  it('trusts nothing from a failed or unreadable run', () => {
    expect(parseMeasureOutput('unreadable\n', 0)).toBeNull();
    expect(parseMeasureOutput('entries 3 bytes 10\n', 1)).toBeNull();
    expect(parseMeasureOutput('entries 3 bytes 10\n', null)).toBeNull();
    expect(parseMeasureOutput('entries 3 bytes 10\nentries 4 bytes 1\n', 0)).toBeNull();
    expect(parseMeasureOutput('entries 99999999999999999999 bytes 1\n', 0)).toBeNull();
  });

  it('quotes the folder for the shell', () => {
    expect(measureScript("/workspace/it's")).toContain(`d='/workspace/it'\\''s'`);
  });
});
