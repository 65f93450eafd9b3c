import { describe, expect, it } from 'vitest';
import { readCookie, sessionCookie } from '../../../src/dashboard/cookies.js';
import { SessionStore } from '../../../src/dashboard/session-store.js';

describe('dashboard sessions', () => {
  it('gives random ids and CSRF tokens, and forgets a session once it expires', () => {
    const store = new SessionStore(60_000);
    const a = store.create(1_000);
    const b = store.create(1_000);
    expect(a.id).not.toBe(b.id);
    expect(a.csrf).not.toBe(a.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.get(a.id, 60_999)).toEqual(a);
    expect(store.get(a.id, 61_000)).toBeNull();
    expect(store.get(a.id, 1_000)).toBeNull();
    expect(store.get(undefined)).toBeNull();
    store.delete(b.id);
    expect(store.get(b.id, 1_000)).toBeNull();
  });

  it('writes the cookie HttpOnly, SameSite=Strict, Path=/, Secure only over https, and reads it back among others', () => {
    expect(sessionCookie('abc', 60, false)).toBe('patchproof_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60');
    expect(sessionCookie('abc', 60, true)).toBe('patchproof_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure');
    expect(readCookie('a=1; patchproof_session=xyz; b=2', 'patchproof_session')).toBe('xyz');
    expect(readCookie('patchproof_sessionx=1', 'patchproof_session')).toBeUndefined();
  });
});
