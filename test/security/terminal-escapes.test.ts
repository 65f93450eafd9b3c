/**
 * Terminal escapes: a title or author carrying an escape sequence is refused at every door (exit
 * 2, nothing stored); text from a report (test names, messages, the reason quoting them) carrying
 * C1 controls and bidirectional overrides, which XML allows, is printed escaped by
 * `proposals list` and `proposals show`, as text and as JSON.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../support/run-cli.js';
import { Attack } from './attack-harness.js';

/** Anything a terminal would act on. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

// CSI as one C1 character (U+009B) clears the screen; U+202E reverses what follows.
const EVIL_NAME = 'test_evil\u009b2J\u202edesrever';
const EVIL_MESSAGE = 'boom\u009b31mred\u0085next';

const FORGE = `import os


def test_zz_forge():
    with open(".patchproof/reports/junit.xml", "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" tests="1" failures="1">'
                '<testcase classname="tests.test_evil" name="${EVIL_NAME}"><failure message="${EVIL_MESSAGE}">x</failure></testcase>'
                '</testsuite></testsuites>')
    os._exit(1)
`;

describe('control characters in proposal and report text', () => {
  let attack: Attack;
  let env: Record<string, string>;
  let work: string;
  beforeAll(async () => {
    attack = await Attack.prepare();
    work = await mkdtemp(join(tmpdir(), 'patchproof-escapes-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite') };
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  const storedProposals = async () => {
    const listed = await runCli(['proposals', 'list', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    return z.array(z.object({ id: z.string() })).parse(JSON.parse(listed.stdout).items);
  };

  it('refuses an escape sequence in --title or --author at validate, storing nothing', async () => {
    const title = await runCli(['validate', attack.project, '--title', 'fix\u001b[2J\u001b[H'], env);
    expect(title.code).toBe(2);
    expect(title.stderr).toBe('patchproof: validate: --title contains a control character (\\x1b at character 4); it is shown in terminals, so it must be plain text\n');
    const author = await runCli(['validate', attack.project, '--author', 'agent\u009b7'], env);
    expect(author.code).toBe(2);
    expect(author.stderr).toMatch(/^patchproof: validate: --author contains a control character \(\\x9b at character 6\)/);
    expect(await storedProposals()).toEqual([]);
  });

  it('refuses the same at propose, storing nothing', async () => {
    const added = await runCli(['projects', 'add', 'calc', attack.project], env);
    expect(added.code, added.stderr).toBe(0);
    const changes = join(work, 'changes.json');
    await writeFile(changes, '[]');
    const title = await runCli(['propose', 'calc', '--changes', changes, '--title', 'x\u202eevil'], env);
    expect(title.code).toBe(2);
    expect(title.stderr).toMatch(/^patchproof: propose: --title contains a control character \(\\u202e at character 2\)/);
    const author = await runCli(['propose', 'calc', '--changes', changes, '--author', 'a\u001b]0;owned\u0007'], env);
    expect(author.code).toBe(2);
    expect(author.stderr).toMatch(/^patchproof: propose: --author contains a control character \(\\x1b at character 2\)/);
    expect(await storedProposals()).toEqual([]);
  });

  it('prints test names, messages and reasons from a report escaped, in list and show, text and JSON', async () => {
    const changes = join(work, 'forge.json');
    await writeFile(changes, JSON.stringify([{ filepath: 'tests/test_zz_forge.py', content: FORGE }]));
    // --strict: graded on its own, as this case was written (against the baseline the forged run would remove tests).
    const run = await runCli(['validate', attack.project, '--changes', changes, '--json', '--timeout', '60', '--strict'], env);
    expect(run.code, run.stderr).toBe(1);
    const result = z.object({ verdict: z.string(), reasonCode: z.string(), reason: z.string(), proposalId: z.string() }).parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({ verdict: 'rejected', reasonCode: 'tests_failed', reason: `1 of 1 tests failed: ${EVIL_NAME}` });
    expect(run.stdout).not.toMatch(RAW_CONTROL);

    const listed = await runCli(['proposals', 'list'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).not.toMatch(RAW_CONTROL);
    expect(listed.stdout).toContain('1 of 1 tests failed: test_evil\\x9b2J\\u202edesrever');

    const shown = await runCli(['proposals', 'show', result.proposalId], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).not.toMatch(RAW_CONTROL);
    expect(shown.stdout).toContain('failed  tests/test_evil.py::test_evil\\x9b2J\\u202edesrever  — boom\\x9b31mred\\x85next');

    for (const args of [['proposals', 'list', '--json'], ['proposals', 'show', result.proposalId, '--json']]) {
      const json = await runCli(args, env);
      expect(json.code, json.stderr).toBe(0);
      expect(json.stdout).not.toMatch(RAW_CONTROL);
      // Still the same text once parsed: escaped for the terminal, not changed.
      expect(JSON.stringify(JSON.parse(json.stdout))).toContain(EVIL_NAME);
    }
    expect(listed.stdout + shown.stdout).not.toContain(attack.marker.content);
  });
});
