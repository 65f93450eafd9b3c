/** One test's result in one validation: the same shape for every toolchain. */
import { EntitySchema } from 'typeorm';
import type { TestStatus } from '../../../parsers/report.js';

export interface TestCaseRow {
  id?: number;
  validationId: string;
  suite: string;
  name: string;
  file: string | null;
  status: TestStatus;
  durationMs: number | null;
  message: string | null;
  /** testIdentity() of the record: how this test is matched in a later run; null in rows older than it. */
  identity: string | null;
  /** Failed, then passed on a rerun in the same sandbox. */
  flaky: boolean;
}

export const TestCaseEntity = new EntitySchema<TestCaseRow>({
  name: 'TestCase',
  tableName: 'test_cases',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    validationId: { name: 'validation_id', type: 'varchar', length: 36 },
    suite: { type: 'text' },
    name: { type: 'text' },
    file: { type: 'text', nullable: true },
    status: { type: 'varchar', length: 16 },
    durationMs: { name: 'duration_ms', type: 'real', nullable: true },
    message: { type: 'text', nullable: true },
    identity: { type: 'text', nullable: true },
    flaky: { type: 'boolean', default: false },
  },
  indices: [{ name: 'idx_test_cases_validation', columns: ['validationId'] }],
});
