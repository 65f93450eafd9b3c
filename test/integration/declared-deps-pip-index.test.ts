/**
 * PATCHPROOF_PIP_INDEX_URL: a Python project's requirement installed with pip from a package
 * index instead of Debian. The index is a real PEP 503 "simple" index served on loopback by this
 * test (image builds use the host's network), holding one wheel made here that Debian does not
 * have; the project's tests import it. A requirement the index lacks is build_failed naming the index.
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

const WHEEL = 'greet_pp-0.1.0-py3-none-any.whl';

/** A pure-Python wheel (a zip with its dist-info), written by the host's python3. */
async function makeWheel(dir: string): Promise<Buffer> {
  const script = [
    'import sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1], "w")',
    'z.writestr("greet_pp/__init__.py", "def hello(name):\\n    return f\\"hello {name}\\"\\n")',
    'z.writestr("greet_pp-0.1.0.dist-info/METADATA", "Metadata-Version: 2.1\\nName: greet-pp\\nVersion: 0.1.0\\n")',
    'z.writestr("greet_pp-0.1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nGenerator: patchproof-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")',
    'z.writestr("greet_pp-0.1.0.dist-info/RECORD", "greet_pp/__init__.py,,\\ngreet_pp-0.1.0.dist-info/METADATA,,\\ngreet_pp-0.1.0.dist-info/WHEEL,,\\ngreet_pp-0.1.0.dist-info/RECORD,,\\n")',
    'z.close()',
  ].join('\n');
  execFileSync('python3', ['-c', script, join(dir, WHEEL)]);
  return readFile(join(dir, WHEEL));
}

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

describe('declared Python dependencies from a pip index', () => {
  let server: Server;
  let index: string;
  const asked: string[] = [];

  beforeAll(async () => {
    const wheel = await makeWheel(await mkdtemp(join(tmpdir(), 'patchproof-wheel-')));
    server = createServer((req, res) => {
      asked.push(req.url ?? '');
      if (req.url === '/simple/greet-pp/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><a href="/files/${WHEEL}">${WHEEL}</a></body></html>`);
      } else if (req.url === `/files/${WHEEL}`) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(wheel);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    index = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('installs the requirement with pip from the index, and names what the index lacks', { timeout: 900_000 }, async () => {
    const project = await writeProject('greeter', {
      'requirements.txt': 'greet-pp==0.1.0\npatchproof-not-on-the-index\n',
      'tests/test_greet.py': 'from greet_pp import hello\n\n\ndef test_hello():\n    assert hello("you") == "hello you"\n',
    });
    const sources = { pipIndexUrl: index, gemSource: null, goProxy: null };
    const result = await validate(project, [], { dependencySources: sources });
    expect(asked).toContain(`/files/${WHEEL}`);
    expect(result.dependencies?.installed).toEqual([{ requirement: 'greet-pp==0.1.0', file: 'requirements.txt', package: 'greet-pp', version: '0.1.0', source: `pip ${index}` }]);
    expect(result.dependencies?.missing).toEqual([{ requirement: 'patchproof-not-on-the-index', file: 'requirements.txt', tried: [`pip ${index}`] }]);
    expect(result.code).toBe('build_failed');
    expect(result.reason).toBe(`build failed: declared dependency not found: patchproof-not-on-the-index (requirements.txt; tried pip ${index})`);

    // Without the one the index lacks, the tests import the installed one and pass.
    const fine = await writeProject('greeter', { 'requirements.txt': 'greet-pp==0.1.0\n', 'tests/test_greet.py': 'from greet_pp import hello\n\n\ndef test_hello():\n    assert hello("you") == "hello you"\n' });
    const passed = await validate(fine, [], { dependencySources: sources });
    expect(passed.outcome, passed.reason).toBe('executed');
    expect(passed.report?.cases.map((c) => `${c.name}:${c.status}`)).toEqual(['test_hello:passed']);
  });
});
