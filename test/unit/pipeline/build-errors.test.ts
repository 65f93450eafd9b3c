import { describe, expect, it } from 'vitest';
import { judgeBuild, knownErrorsNote, newErrorsReason, recordBuildErrors } from '../../../src/pipeline/build-errors.js';
import type { CommandResult } from '../../../src/sandbox/command-result.js';
import { readTscErrors, tscErrorKey } from '../../../src/toolchains/jest/tsc-errors.js';

function build(exitCode: number, stdout = '', overrides: Partial<CommandResult> = {}): CommandResult {
  return { command: ['sh'], exitCode, signal: null, timedOut: false, outputLimitExceeded: false, outputTruncated: false, durationMs: 1, stdout, stderr: '', stdoutBytes: 0, stderrBytes: 0, ...overrides };
}

const OLD = "src/index.ts(14,14): error TS2322: Type 'number' is not assignable to type 'string'.";
const OLD_MOVED = "src/index.ts(15,14): error TS2322: Type 'number' is not assignable to type 'string'.";
const NEW = "src/index.ts(16,14): error TS2322: Type 'string' is not assignable to type 'number'.";
const baseline = recordBuildErrors(readTscErrors(OLD) ?? []);

function judge(stdout: string, against: Parameters<typeof judgeBuild>[2], exitCode = 2) {
  return judgeBuild(build(exitCode, stdout), readTscErrors(stdout), against, tscErrorKey);
}

describe('tsc errors', () => {
  it('reads each error line, continuation lines aside, and keys it without its position', () => {
    const errors = readTscErrors(`${OLD}\n  Type 'x' is missing.\n${NEW}\nerror TS5083: Cannot read file '/workspace/base.json'.\n`);
    expect(errors?.map((e) => e.line)).toEqual([OLD, NEW, "error TS5083: Cannot read file '/workspace/base.json'."]);
    expect(errors?.[0]?.key).toBe("src/index.ts: error TS2322: Type 'number' is not assignable to type 'string'.");
    expect(tscErrorKey(OLD)).toBe(tscErrorKey(OLD_MOVED));
  });

  it('is null for output without errors (the build failed some other way)', () => {
    expect(readTscErrors('node: not found\n')).toBeNull();
  });
});

describe('a build judged against the baseline', () => {
  it('passes when it passed, and a limit hit or an unlisted failure is a failure whatever the baseline had', () => {
    expect(judgeBuild(null, null, baseline, tscErrorKey)).toEqual({ kind: 'passed' });
    expect(judgeBuild(build(0), null, baseline, tscErrorKey)).toEqual({ kind: 'passed' });
    expect(judge('Killed\n', baseline, 137)).toEqual({ kind: 'failed' });
    expect(judgeBuild(build(2, OLD, { timedOut: true }), readTscErrors(OLD), baseline, tscErrorKey)).toEqual({ kind: 'failed' });
    expect(judge(OLD, null)).toEqual({ kind: 'failed' });
  });

  it('lets the baseline run its tests despite its own errors', () => {
    expect(judge(`${OLD}\n${NEW}`, 'self')).toEqual({ kind: 'known', count: 2 });
    expect(knownErrorsNote({ kind: 'known', count: 2 }, true)).toBe(' (the build has 2 build errors: recorded, and not held against changes)');
  });

  it('takes errors the baseline has as known, wherever they moved', () => {
    expect(judge(OLD_MOVED, baseline)).toEqual({ kind: 'known', count: 1 });
    expect(knownErrorsNote({ kind: 'known', count: 1 }, false)).toBe(' (1 build error the unchanged project already has, not counted)');
  });

  it('names the new ones, and counts copies: a second copy of a known error is new', () => {
    const judgement = judge(`${OLD_MOVED}\n${NEW}`, baseline);
    expect(judgement).toEqual({ kind: 'new', fresh: [NEW], known: 1 });
    if (judgement.kind !== 'new') throw new Error('expected new errors');
    expect(newErrorsReason(judgement)).toBe(`build failed: 1 new error the unchanged project does not have: ${NEW} (1 the unchanged project already has is not counted)`);
    expect(judge(`${OLD}\n${OLD_MOVED}`, baseline)).toEqual({ kind: 'new', fresh: [OLD_MOVED], known: 1 });
    expect(judge(NEW, { total: 0, lines: [] })).toEqual({ kind: 'new', fresh: [NEW], known: 0 });
  });

  it('does not vouch for errors past a capped baseline list', () => {
    expect(judge(NEW, { total: 2_000, lines: [OLD] })).toEqual({ kind: 'failed' });
  });

  it('keeps a bounded record', () => {
    const many = Array.from({ length: 1_500 }, (_, i) => ({ line: `f.ts(${i},1): error TS1: ${'x'.repeat(600)}`, key: String(i) }));
    const record = recordBuildErrors(many);
    expect(record.total).toBe(1_500);
    expect(record.lines).toHaveLength(1_000);
    expect(record.lines[0]?.length).toBe(501);
  });
});
