import { describe, expect, it } from 'vitest';
import { splitImageName } from '../../../src/engine/base-image.js';

describe('splitImageName', () => {
  it('splits at the tag colon', () => {
    expect(splitImageName('local/debian:bookworm')).toEqual({ repo: 'local/debian', tag: 'bookworm' });
    expect(splitImageName('patchproof-probe/debian:bookworm')).toEqual({ repo: 'patchproof-probe/debian', tag: 'bookworm' });
  });

  it('does not take a registry port for a tag', () => {
    expect(splitImageName('registry:5000/debian')).toEqual({ repo: 'registry:5000/debian', tag: 'latest' });
  });
});
