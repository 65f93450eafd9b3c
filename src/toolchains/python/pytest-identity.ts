/**
 * pytest's node id (`tests/test_x.py::TestC::test_y[param]`) for each record of its JUnit report.
 * The exact source is the outcome record of our plugin (pytest-outcome-record.ts), which holds
 * the node ids themselves: each is turned into the classname and name pytest's junitxml writes
 * for it (its mangle_test_address), and a record with that pair takes the node id. A record the
 * plugin did not list (no record: a run cut short) gets a node id read from the classname: the
 * module is the dotted part up to the last test_*.py / *_test.py name, the rest are classes.
 */
import { identifyReport } from '../../../parsers/identity/unique-identities.js';
import type { TestCaseRecord, TestReport } from '../../../parsers/report.js';

const TEST_MODULE = /^(test_.*|.*_test)$/;

/** What pytest's junitxml writes as classname and name for a node id. */
export function junitAddress(nodeid: string): { classname: string; name: string } {
  const bracket = nodeid.indexOf('[');
  const path = bracket === -1 ? nodeid : nodeid.slice(0, bracket);
  const params = bracket === -1 ? '' : nodeid.slice(bracket);
  const names = path.split('::');
  names[0] = (names[0] ?? '').replaceAll('/', '.').replace(/\.py$/, '');
  const last = names.length - 1;
  names[last] = `${names[last] ?? ''}${params}`;
  return { classname: names.slice(0, -1).join('.'), name: names[last] ?? '' };
}

/** The node ids the outcome record lists, in its order (unreadable lines are skipped: the witness judges the record). */
export function recordedNodeIds(content: Buffer | undefined): string[] {
  if (content === undefined) return [];
  const ids: string[] = [];
  for (const line of content.toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof value === 'object' && value !== null && 'nodeid' in value && typeof value.nodeid === 'string') ids.push(value.nodeid);
  }
  return ids;
}

/** A node id from the JUnit pair alone: `tests.test_x.TestC` + `test_y` → `tests/test_x.py::TestC::test_y`. */
export function nodeIdFromClassname(classname: string, name: string): string {
  const parts = classname === '' ? [] : classname.split('.');
  let module = parts.length;
  for (let i = parts.length - 1; i >= 0; i--) {
    if (TEST_MODULE.test(parts[i] ?? '')) {
      module = i + 1;
      break;
    }
  }
  if (module === 0) return name;
  const file = `${parts.slice(0, module).join('/')}.py`;
  return [file, ...parts.slice(module), name].join('::');
}

export function withPytestIdentities(report: TestReport, outcomeRecord: Buffer | undefined): TestReport {
  const byAddress = new Map<string, string>();
  for (const nodeid of recordedNodeIds(outcomeRecord)) {
    const { classname, name } = junitAddress(nodeid);
    byAddress.set(`${classname}\u0000${name}`, nodeid);
  }
  const identityOf = (record: TestCaseRecord) => byAddress.get(`${record.suite}\u0000${record.name}`) ?? nodeIdFromClassname(record.suite, record.name);
  return identifyReport(report, identityOf);
}
