import { describe, expect, it } from 'vitest';
import { readCookie, sessionCookie } from '../../../src/dashboard/cookies.js';

describe('the dashboard session cookie', () => {
  it('writes the cookie HttpOnly, SameSite=Strict, Path=/, Secure only over https, and reads it back among others', () => {
    expect(sessionCookie('abc', 60, false)).toBe('patchproof_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60');
    expect(sessionCookie('abc', 60, true)).toBe('patchproof_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure');
    expect(readCookie('a=1; patchproof_session=xyz; b=2', 'patchproof_session')).toBe('xyz');
    expect(readCookie('patchproof_sessionx=1', 'patchproof_session')).toBeUndefined();
  });
});
