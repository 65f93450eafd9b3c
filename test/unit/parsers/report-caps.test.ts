import { describe, expect, it } from 'vitest';
import { capReport } from '../../../parsers/caps/cap-report.js';
import { capText } from '../../../parsers/caps/text-caps.js';
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import { reportTotals, type TestCaseRecord, type TestReport } from '../../../parsers/report.js';
import { clampXml } from '../../../parsers/xml/clamp-xml.js';

const passed = (i: number): TestCaseRecord => ({ suite: 's', name: `t${i}`, file: null, status: 'passed', durationMs: 1, message: null });
const failed = (i: number): TestCaseRecord => ({ ...passed(i), status: 'failed', message: 'boom' });
const report = (cases: TestCaseRecord[]): TestReport => ({ format: 'junit', cases, runErrors: [], warnings: [] });

describe('capText', () => {
  it('keeps short text and cuts long text at the cap, saying from how long', () => {
    expect(capText('abc', 3)).toEqual({ text: 'abc', cutFrom: null });
    expect(capText('abcdef', 3)).toEqual({ text: 'abc', cutFrom: 6 });
  });

  it('never splits a surrogate pair', () => {
    expect(capText('ab🎉cd', 3)).toEqual({ text: 'ab', cutFrom: 6 });
  });
});

describe('capReport', () => {
  it('keeps failures and errors first, the rest in order, and the totals exact', () => {
    const cases = [...Array.from({ length: 8 }, (_, i) => passed(i)), failed(8), failed(9)];
    const capped = capReport(report(cases), 4);
    expect(capped.cases.map((c) => c.name)).toEqual(['t0', 't1', 't8', 't9']);
    expect(reportTotals(capped)).toEqual({ total: 10, passed: 8, failed: 2, errors: 0, skipped: 0 });
    expect(capped.truncation?.notes).toEqual(['10 test cases reported; 4 kept: all 2 failures and errors, then the first 2 others']);
  });

  it('says when only failures fit', () => {
    const capped = capReport(report(Array.from({ length: 5 }, (_, i) => failed(i))), 3);
    expect(capped.truncation?.notes).toEqual(['5 test cases reported; the first 3 failures and errors kept (of 5)']);
    expect(reportTotals(capped).failed).toBe(5);
  });

  it('cuts names and messages, noting the longest', () => {
    const cases = [{ ...failed(0), name: 'n'.repeat(5_000), message: 'm'.repeat(9_000) }, { ...passed(1), name: 'x'.repeat(1_500) }];
    const capped = capReport(report(cases));
    expect(capped.cases.map((c) => c.name.length)).toEqual([1_000, 1_000]);
    expect(capped.cases[0]?.message).toHaveLength(4_000);
    expect(capped.truncation?.notes).toEqual(['2 test names cut at 1,000 characters (the longest had 5,000)', 'test message cut at 4,000 of 9,000 characters']);
  });

  it('is idempotent and leaves a report within its caps untouched', () => {
    const small = report([passed(0), failed(1)]);
    expect(capReport(small)).toEqual(small);
    const once = capReport(report(Array.from({ length: 12 }, (_, i) => passed(i))), 10);
    expect(capReport(once, 10)).toEqual(once);
  });
});

describe('clampXml and the JUnit parser', () => {
  it('cuts a long attribute before sax reads it and never inside an entity', () => {
    const value = `${'a'.repeat(998)}&amp;b`;
    const { text, cuts } = clampXml(`<testcase name="${value}"/>`);
    expect(text).toBe(`<testcase name="${'a'.repeat(998)}"/>`);
    expect(cuts).toEqual([{ element: 'testcase', part: 'name', cap: 1_000, count: 1, longest: 1_004 }]);
  });

  it('cuts long text, CDATA and drops a long comment whole', () => {
    const { text } = clampXml(`<a><!--${'c'.repeat(5_000)}--><b><![CDATA[${'d'.repeat(5_000)}]]></b>${'e'.repeat(5_000)}</a>`);
    expect(text).toBe(`<a><!----><b><![CDATA[${'d'.repeat(4_000)}]]></b>${'e'.repeat(4_000)}</a>`);
  });

  it('parses a report with a 1 MB test name into a capped record and a note', async () => {
    const xml = `<testsuites><testsuite name="pytest"><testcase classname="t" name="${'n'.repeat(1_048_576)}"><failure message="${'m'.repeat(10_000)}">x</failure></testcase></testsuite></testsuites>`;
    const parsed = await parseJUnit(xml, 'junit.xml');
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.cases[0]?.name).toHaveLength(1_000);
    expect(parsed.value.truncation?.notes).toEqual(['test name cut at 1,000 of 1,048,576 characters', 'test message cut at 4,000 of 10,000 characters']);
  });
});
