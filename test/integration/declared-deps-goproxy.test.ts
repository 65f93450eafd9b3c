/**
 * PATCHPROOF_GOPROXY: a Go module's requirement downloaded at image build from a module proxy
 * instead of Debian. The proxy is a real GOPROXY protocol server on loopback (image builds use
 * the host's network) serving one module made here; in the sandbox, with no network, go reads it
 * from the module cache the build filled (as a file:// proxy) and the tests import it. A module
 * the proxy lacks is build_failed naming the proxy.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { docker, validate } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { writeProject } from '../support/write-project.js';

const MODULE = 'example.org/greet';
const GO_MOD = `module ${MODULE}\n\ngo 1.21\n`;

/** The module's zip as the proxy protocol serves it (every path under module@version/). */
async function makeZip(dir: string): Promise<Buffer> {
  const script = [
    'import sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1], "w")',
    `z.writestr("${MODULE}@v0.1.0/go.mod", ${JSON.stringify(GO_MOD)})`,
    `z.writestr("${MODULE}@v0.1.0/greet.go", "package greet\\n\\nfunc Hello(name string) string { return \\"hello \\" + name }\\n")`,
    'z.close()',
  ].join('\n');
  execFileSync('python3', ['-c', script, join(dir, 'greet.zip')]);
  return readFile(join(dir, 'greet.zip'));
}

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

describe('declared Go dependencies from a module proxy', () => {
  let server: Server;
  let proxy: string;
  const asked: string[] = [];

  beforeAll(async () => {
    const zip = await makeZip(await mkdtemp(join(tmpdir(), 'patchproof-gomod-')));
    const files = new Map<string, Buffer | string>([
      [`/${MODULE}/@v/list`, 'v0.1.0\n'],
      [`/${MODULE}/@v/v0.1.0.info`, '{"Version":"v0.1.0","Time":"2024-01-01T00:00:00Z"}'],
      [`/${MODULE}/@v/v0.1.0.mod`, GO_MOD],
      [`/${MODULE}/@v/v0.1.0.zip`, zip],
    ]);
    server = createServer((req, res) => {
      asked.push(req.url ?? '');
      const body = files.get(req.url ?? '');
      if (body === undefined) res.writeHead(404).end('not found');
      else res.writeHead(200).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('downloads the module from the proxy at build, tests against it offline, and names what the proxy lacks', { timeout: 900_000 }, async () => {
    const files = {
      'go.mod': `module example.com/hi\n\ngo 1.21\n\nrequire ${MODULE} v0.1.0\n`,
      'hi.go': `package hi\n\nimport "${MODULE}"\n\nfunc Hi() string { return greet.Hello("you") }\n`,
      'hi_test.go': 'package hi\n\nimport "testing"\n\nfunc TestHi(t *testing.T) {\n\tif Hi() != "hello you" {\n\t\tt.Fatal(Hi())\n\t}\n}\n',
    };
    const sources = { pipIndexUrl: null, gemSource: null, goProxy: proxy };
    const result = await validate(await writeProject('hi', files), [], { dependencySources: sources });
    expect(asked).toContain(`/${MODULE}/@v/v0.1.0.zip`);
    expect(result.outcome, `${result.reason}\n${result.build?.stdout ?? ''}`).toBe('executed');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toEqual(['TestHi:passed']);
    expect(result.dependencies?.installed).toEqual([{ requirement: `${MODULE} v0.1.0`, file: 'go.mod', package: MODULE, version: 'v0.1.0', source: `GOPROXY ${proxy}` }]);

    const lacking = await validate(await writeProject('hi', { ...files, 'go.mod': `${files['go.mod']}require example.org/absent v1.0.0\n` }), [], { dependencySources: sources });
    expect(lacking.code).toBe('build_failed');
    expect(lacking.reason).toBe(`build failed: declared dependency not found: example.org/absent v1.0.0 (go.mod; tried GOPROXY ${proxy})`);
  });
});
