/**
 * One RSpec example as a TestCaseRecord. RSpec's `full_description` is the example group
 * descriptions and the example's own joined by spaces ("Calc .div refuses zero"); the group part
 * becomes the suite so names stay short and the pair stays unique.
 */
import { clipMessage } from '../junit/outcome-message.js';
import type { TestCaseRecord, TestStatus } from '../report.js';
import type { RspecExample } from './rspec-json-schema.js';

// The class RSpec raises for a failed `expect`: its message alone says what was expected.
const EXPECTATION_NOT_MET = 'RSpec::Expectations::ExpectationNotMetError';
/**
 * An example RSpec started and never finished has status "" (real, RSpec 3.12): `exit` inside it
 * ends the run, and the report is still written with the exit code the example chose, 0 for
 * `exit 0`, and a summary of "0 failures". Counted as an error, it cannot pass.
 */
const UNFINISHED = 'did not finish: the run ended while this example ran (exit, abort or a crash)';

export interface ExampleStatus {
  readonly status: TestStatus;
  /** False for a status this parser does not know, counted as an error so it cannot pass. */
  readonly known: boolean;
}

export function exampleStatus(status: string): ExampleStatus {
  switch (status) {
    case 'passed':
      return { status: 'passed', known: true };
    case 'failed':
      return { status: 'failed', known: true };
    // skip/xit and `pending` are all "pending"; a pending example that passes is "failed".
    case 'pending':
      return { status: 'skipped', known: true };
    default:
      return { status: 'error', known: false };
  }
}

/** "./spec/calc_spec.rb" → "spec/calc_spec.rb"; absolute paths under the project root lose it. */
export function specPath(path: string, projectRoot: string): string {
  const root = projectRoot.endsWith('/') ? projectRoot : `${projectRoot}/`;
  if (path.startsWith(root)) return path.slice(root.length);
  return path.replace(/^(\.\/)+/, '');
}

function groupOf(example: RspecExample): string {
  const full = example.full_description.trim();
  const own = example.description.trim();
  if (own !== '' && full.endsWith(own)) return full.slice(0, full.length - own.length).trim();
  return '';
}

function failureMessage(example: RspecExample): string | null {
  const exception = example.exception;
  if (exception === undefined || exception === null) return null;
  const text = (exception.message ?? '').trim();
  if (exception.class === EXPECTATION_NOT_MET || exception.class === '') return clipMessage(text);
  return clipMessage(text === '' ? exception.class : `${exception.class}: ${text}`);
}

/**
 * RSpec's own example id with the project-relative path, then the full description for a person:
 * `spec/calc_spec.rb[1:2] Calc adds two numbers`. The `[1:2]` part is what `rspec` runs again.
 */
export function exampleIdentity(example: RspecExample, projectRoot: string): string | undefined {
  const description = example.full_description.trim();
  if (example.id === undefined || example.id === '') return description === '' ? undefined : description;
  const id = specPath(example.id, projectRoot);
  return description === '' ? id : `${id} ${description}`;
}

export function exampleRecord(example: RspecExample, projectRoot: string, warnings: string[]): TestCaseRecord {
  const { status, known } = exampleStatus(example.status);
  const name = example.description.trim() || example.full_description.trim() || (example.id ?? '(unnamed example)');
  if (!known) {
    const what = example.status === '' ? 'no status: it did not finish' : `the unknown status "${example.status}"`;
    warnings.push(`example "${example.full_description}" has ${what}; counted as an error`);
  }
  const runTime = example.run_time;
  const message =
    status === 'skipped'
      ? clipMessage(example.pending_message ?? '')
      : status === 'passed'
        ? null
        : (failureMessage(example) ?? (known ? null : example.status === '' ? UNFINISHED : `unknown rspec status "${example.status}"`));
  return {
    id: exampleIdentity(example, projectRoot),
    suite: groupOf(example),
    name,
    file: example.file_path === undefined || example.file_path === null || example.file_path === '' ? null : specPath(example.file_path, projectRoot),
    status,
    // run_time is seconds; keep microseconds, drop float noise.
    durationMs: typeof runTime === 'number' && Number.isFinite(runTime) && runTime >= 0 ? Math.round(runTime * 1_000_000) / 1000 : null,
    message,
  };
}
