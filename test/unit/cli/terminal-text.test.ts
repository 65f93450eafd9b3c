import { describe, expect, it } from 'vitest';
import { jsonLine, safeBlock, safeLine } from '../../../src/cli/terminal-text.js';
import { parseProposalLabels } from '../../../src/intake/proposal-labels.js';
import { InputError } from '../../../src/errors/input-error.js';

describe('safeLine', () => {
  it('escapes ESC, so an ANSI sequence is shown and not obeyed', () => {
    expect(safeLine('a\u001b[2Jb\u001b]0;title\u0007')).toBe('a\\x1b[2Jb\\x1b]0;title\\x07');
  });

  it('escapes C1 controls, DEL, bidirectional overrides and line separators', () => {
    expect(safeLine('\u009b31m\u007f\u0085\u202eevil\u2066\u2028')).toBe('\\x9b31m\\x7f\\x85\\u202eevil\\u2066\\u2028');
  });

  it('escapes newlines, tabs and carriage returns: one field stays on one line', () => {
    expect(safeLine('fake\nproposal\r\tx')).toBe('fake\\nproposal\\r\\tx');
  });

  it('leaves printable text alone, accents and emoji included', () => {
    expect(safeLine('ajouter mul — café 🎉 [1] ~')).toBe('ajouter mul — café 🎉 [1] ~');
  });
});

describe('safeBlock', () => {
  it('keeps newlines and tabs of a multi-line message and escapes the rest', () => {
    expect(safeBlock('line 1\n\tline 2\u001b[1A\r')).toBe('line 1\n\tline 2\\x1b[1A\\r');
  });
});

describe('jsonLine', () => {
  it('is valid JSON that round-trips, with no raw control character in it', () => {
    const value = { title: 'a\u001b[2J\u009b\u202e\u2028b\n' };
    const line = jsonLine(value);
    expect(JSON.parse(line)).toEqual(value);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('parseProposalLabels (the one schema of validate and propose)', () => {
  it('refuses a title with an escape sequence, naming the flag and the character', () => {
    expect(() => parseProposalLabels('validate', { title: 'ok\u001b[2J' })).toThrow(
      new InputError('validate: --title contains a control character (\\x1b at character 3); it is shown in terminals, so it must be plain text', { field: 'title' }, { field: 'title' }),
    );
  });

  it('refuses an author with a C1 control or a bidirectional override', () => {
    expect(() => parseProposalLabels('propose', { author: 'agent\u009b' })).toThrow(/^propose: --author contains a control character \(\\x9b at character 6\)/);
    expect(() => parseProposalLabels('propose', { author: '\u202eagent' })).toThrow(/^propose: --author contains a control character \(\\u202e/);
  });

  it('caps both fields the same way on every door', () => {
    expect(() => parseProposalLabels('validate', { title: 'x'.repeat(501) })).toThrow('validate: --title is longer than 500 characters');
    expect(() => parseProposalLabels('propose', { author: 'x'.repeat(201) })).toThrow('propose: --author is longer than 200 characters');
    expect(() => parseProposalLabels('propose', { title: '   ' })).toThrow('propose: --title is empty');
  });

  it('trims and accepts plain titles, and absent ones as null', () => {
    expect(parseProposalLabels('validate', { title: '  add mul  ', author: undefined })).toEqual({ title: 'add mul', author: null });
  });
});
