/**
 * templates/jest/declared-missing.cjs, the judge of a failed JavaScript install, on `npm view
 * --json` output captured from Debian bookworm's npm 9.2.0 (the jest image's builder stage) and
 * npm 11.19: only the registry saying "not here" (E404, ETARGET, no version in the range) is the
 * declaration's fault; a registry that did not answer never is.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const judge = z
  .object({
    classifyView: z.function({ input: [z.number(), z.string()], output: z.object({ kind: z.string(), code: z.string().optional() }) }),
    registrySpec: z.function({ input: [z.string(), z.string()], output: z.object({ name: z.string(), range: z.string() }).nullable() }),
    declared: z.function({ input: [z.unknown()], output: z.array(z.object({ name: z.string(), spec: z.string() })) }),
  })
  .parse(createRequire(import.meta.url)('../../../templates/jest/declared-missing.cjs'));

// npm 9.2.0, `npm view --json patchproof-no-such-package-18@^1.0.0 version`, exit 1.
const NO_PACKAGE_NPM9 = `{
  "error": {
    "code": "E404",
    "summary": "Not Found - GET https://registry.npmjs.org/patchproof-no-such-package-18",
    "detail": "\\n 'patchproof-no-such-package-18@^1.0.0' is not in this registry.\\n\\nNote that you can also install from a\\ntarball, folder, http url, or git url."
  }
}
`;
// npm 11.19, the same.
const NO_PACKAGE_NPM11 = `{
  "error": {
    "code": "E404",
    "summary": "Not Found - GET https://registry.npmjs.org/patchproof-no-such-package-18",
    "detail": "The requested resource 'patchproof-no-such-package-18@^1.0.0' could not be found or you do not have permission to access it.\\n\\nNote that you can also install from a\\ntarball, folder, http url, or git url."
  }
}
`;
// npm 9.2.0, `npm view --json 'ms@^99' version`, exit 1.
const NO_VERSION_NPM9 = `{
  "error": {
    "code": "E404",
    "summary": "No match found for version ^99",
    "detail": "\\n 'ms@^99' is not in this registry.\\n\\nNote that you can also install from a\\ntarball, folder, http url, or git url."
  }
}
`;
// npm 9.2.0 with --registry http://127.0.0.1:9/, exit 1.
const REFUSED_NPM9 = `{
  "error": {
    "code": "ECONNREFUSED",
    "summary": "FetchError: request to http://127.0.0.1:9/ms failed, reason: connect ECONNREFUSED 127.0.0.1:9",
    "detail": "\\nIf you are behind a proxy, please make sure that the\\n'proxy' config is set properly.  See: 'npm help config'"
  }
}
`;
// npm 9.2.0 with --registry https://no-such-host.invalid/, exit 1.
const DNS_NPM9 = `{
  "error": {
    "code": "ENOTFOUND",
    "summary": "request to https://no-such-host.invalid/ms failed, reason: getaddrinfo ENOTFOUND no-such-host.invalid",
    "detail": "This is a problem related to network connectivity.\\nIn most cases you are behind a proxy or have bad network settings.\\n\\nIf you are behind a proxy, please make sure that the\\n'proxy' config is set properly.  See: 'npm help config'"
  }
}
`;

describe('a failed JavaScript install: the declaration\'s fault or the registry\'s', () => {
  it('the registry saying there is no such package, or no version in the range, is missing', () => {
    expect(judge.classifyView(1, NO_PACKAGE_NPM9)).toEqual({ kind: 'missing', code: 'E404' });
    expect(judge.classifyView(1, NO_PACKAGE_NPM11)).toEqual({ kind: 'missing', code: 'E404' });
    expect(judge.classifyView(1, NO_VERSION_NPM9)).toEqual({ kind: 'missing', code: 'E404' });
    expect(judge.classifyView(1, '{"error":{"code":"ETARGET","summary":"x"}}')).toEqual({ kind: 'missing', code: 'ETARGET' });
    // An answer with no version in it: nothing matched.
    expect(judge.classifyView(0, '')).toEqual({ kind: 'missing', code: 'ETARGET' });
  });

  it('a version or a list of them is found', () => {
    expect(judge.classifyView(0, '"2.1.3"\n')).toEqual({ kind: 'found' });
    expect(judge.classifyView(0, '[\n  "2.0.0",\n  "2.1.3"\n]\n')).toEqual({ kind: 'found' });
  });

  it('a registry that did not answer, or an answer that is not npm\'s JSON, is never the project\'s fault', () => {
    expect(judge.classifyView(1, REFUSED_NPM9)).toEqual({ kind: 'failed', code: 'ECONNREFUSED' });
    expect(judge.classifyView(1, DNS_NPM9)).toEqual({ kind: 'failed', code: 'ENOTFOUND' });
    expect(judge.classifyView(1, '{"error":{"code":"E503","summary":"Service Unavailable"}}')).toEqual({ kind: 'failed', code: 'E503' });
    expect(judge.classifyView(1, '{"error":{"code":"E403","summary":"Forbidden"}}')).toEqual({ kind: 'failed', code: 'E403' });
    expect(judge.classifyView(243, 'npm ERR! 404 Not Found')).toEqual({ kind: 'failed', code: 'exit 243' });
    expect(judge.classifyView(1, '')).toEqual({ kind: 'failed', code: 'exit 1' });
  });

  it('looks up registry specs (aliases by their real name), not paths, URLs, git or workspaces', () => {
    expect(judge.registrySpec('ms', '^2.1.0')).toEqual({ name: 'ms', range: '^2.1.0' });
    expect(judge.registrySpec('@types/ms', '0.7.34')).toEqual({ name: '@types/ms', range: '0.7.34' });
    expect(judge.registrySpec('ms', '')).toEqual({ name: 'ms', range: 'latest' });
    expect(judge.registrySpec('old', 'npm:ms@^2')).toEqual({ name: 'ms', range: '^2' });
    expect(judge.registrySpec('types', 'npm:@types/ms@0.7.34')).toEqual({ name: '@types/ms', range: '0.7.34' });
    for (const spec of ['file:../lib', 'link:../lib', 'workspace:*', 'git+https://example.org/a.git', 'github:user/repo', 'https://example.org/a.tgz', 'user/repo', './lib', '~/lib']) {
      expect(judge.registrySpec('x', spec)).toBeNull();
    }
  });

  it('reads the declared packages of every kind, sorted, ignoring what is not a map of strings', () => {
    expect(judge.declared({ dependencies: { ms: '2.1.3' }, devDependencies: { jest: '^29', bad: 3 }, optionalDependencies: { fsevents: '*' }, peerDependencies: { react: '*' } })).toEqual([
      { name: 'fsevents', spec: '*' },
      { name: 'jest', spec: '^29' },
      { name: 'ms', spec: '2.1.3' },
    ]);
    expect(judge.declared({ dependencies: 'nope' })).toEqual([]);
    expect(judge.declared(null)).toEqual([]);
  });
});
