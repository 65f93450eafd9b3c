import { it, expect } from 'vitest';
import { fetchUpstream } from '../support/debian-upstream.js';
it('fetches', async () => {
  for (const s of [{ pkg: 'golang-github-google-uuid', version: '1.3.0-1' }, { pkg: 'ruby-rainbow', version: '3.1.1-1' }, { pkg: 'golang-github-pmezard-go-difflib', version: '1.0.0-3' }, { pkg: 'golang-github-davecgh-go-spew', version: '1.1.1-3' }]) {
    const t = await fetchUpstream(s);
    console.log(s.pkg, t);
  }
}, 600_000);
