import { describe, expect, it } from 'vitest';
import { parseOsRelease } from '../../../src/engine/host.js';

describe('parseOsRelease', () => {
  it('recognises Debian and its derivatives', () => {
    expect(parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n')).toEqual({
      isDebian: true,
      osName: 'Debian GNU/Linux 12 (bookworm)',
    });
    expect(parseOsRelease('NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n').isDebian).toBe(true);
  });

  it('rejects other systems and an empty file', () => {
    expect(parseOsRelease('ID="fedora"\nPRETTY_NAME="Fedora Linux 40"\n')).toEqual({ isDebian: false, osName: 'Fedora Linux 40' });
    expect(parseOsRelease('ID=rocky\nID_LIKE="rhel centos fedora"\n').isDebian).toBe(false);
    expect(parseOsRelease('')).toEqual({ isDebian: false, osName: 'unknown OS' });
  });
});
