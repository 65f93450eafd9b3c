/**
 * templates/jest/rehost-yarn-lock.cjs: a yarn 1 lock's registry tarballs pinned on a mirror the
 * image build does not reach are fetched from registry.yarnpkg.com (which yarn maps to its
 * configured registry), their integrity kept; everything else in the lock is left as it was.
 * The entries are as js-sdsl 4.1.4's yarn.lock has them.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const { rehostYarnLock } = z
  .object({
    rehostYarnLock: z.function({ input: [z.string()], output: z.object({ text: z.string(), hosts: z.array(z.object({ host: z.string(), count: z.number() })) }) }),
  })
  .parse(createRequire(import.meta.url)('../../../templates/jest/rehost-yarn-lock.cjs'));

const MIRRORED = `"@babel/runtime@^7.14.6", "@babel/runtime@^7.7.6":
  version "7.17.9"
  resolved "https://registry.npmmirror.com/@babel/runtime/-/runtime-7.17.9.tgz#d19fbf802d01a8cb6cf053a64e472d42c434ba72"
  integrity sha512-lSiBBvodq29uShpWGNbgFdKYNiFDo5/HIYsaCEY9ff4sb10x9jizo2+pRrSyF4jKZCXqgzuqBOQKbUm90gQwJg==

async@^3.0.1:
  version "3.2.3"
  resolved "https://registry.npmmirror.com/async/-/async-3.2.3.tgz#ac53dafd3f4720ee9e8a160628f18ea91df196c9"
  integrity sha512-spZRyzKL5l5BZQrr/6m/SqFdBN0q3OCI0f9rjfBzCMBIP4p75P620rR3gTmaksNOhmzgdxcaxdNfMy6anrbM0g==
`;

const LEFT_ALONE = `"@ampproject/remapping@^2.1.0":
  version "2.2.0"
  resolved "https://registry.yarnpkg.com/@ampproject/remapping/-/remapping-2.2.0.tgz#56c133824780de3174aed5ab6834f3026790154d"
  integrity sha512-qRmjj8nj9qmLTQXXmaR1cck3UXSRMPrbsLJAasZpF+t3riI71BXed5ebIOYwQntykeZuhjsdweEc9BxH5Jc26w==

ms@^2.1.1:
  version "2.1.3"
  resolved "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"

left-pad@^1.3.0:
  version "1.3.0"
  resolved "https://github.com/stevemao/left-pad/archive/refs/tags/v1.3.0.tar.gz"

local@file:./vendor/local:
  version "1.0.0"
`;

describe('rehostYarnLock', () => {
  it('points mirror tarballs at the registry, keeping the path, the sha1 fragment and the integrity', () => {
    const { text, hosts } = rehostYarnLock(MIRRORED + '\n' + LEFT_ALONE);
    expect(hosts).toEqual([{ host: 'registry.npmmirror.com', count: 2 }]);
    expect(text).not.toContain('npmmirror');
    expect(text).toContain('  resolved "https://registry.yarnpkg.com/@babel/runtime/-/runtime-7.17.9.tgz#d19fbf802d01a8cb6cf053a64e472d42c434ba72"\n');
    expect(text).toContain('  resolved "https://registry.yarnpkg.com/async/-/async-3.2.3.tgz#ac53dafd3f4720ee9e8a160628f18ea91df196c9"\n');
    expect(text.split('\n').filter((l) => l.includes('integrity'))).toEqual((MIRRORED + LEFT_ALONE).split('\n').filter((l) => l.includes('integrity')));
    expect(text.split('\n')).toHaveLength((MIRRORED + '\n' + LEFT_ALONE).split('\n').length);
  });

  it('leaves yarn\'s own registries, non-registry URLs and entries without a URL as they are', () => {
    expect(rehostYarnLock(LEFT_ALONE)).toEqual({ text: LEFT_ALONE, hosts: [] });
  });

  it('counts each foreign host apart, a port included', () => {
    const lock = `a@^1.0.0:\n  version "1.0.0"\n  resolved "http://npm.internal:4873/a/-/a-1.0.0.tgz"\n\n${MIRRORED}`;
    const { text, hosts } = rehostYarnLock(lock);
    expect(hosts).toEqual([
      { host: 'npm.internal:4873', count: 1 },
      { host: 'registry.npmmirror.com', count: 2 },
    ]);
    expect(text).toContain('  resolved "https://registry.yarnpkg.com/a/-/a-1.0.0.tgz"\n');
  });
});
