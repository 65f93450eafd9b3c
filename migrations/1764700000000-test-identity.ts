/**
 * `test_cases.identity`: the test's stable identity, matched across runs (parsers/report.ts
 * testIdentity); `test_cases.flaky`: failed, then passed on a rerun in the same sandbox.
 * `validations.reruns`: the reruns of failing tests (count, duration, flaky tests, why they
 * stopped), as JSON; null when none ran (issue 11). Rows from before stay null.
 */
import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

export class TestIdentity1764700000000 implements MigrationInterface {
  name = 'TestIdentity1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('test_cases', new TableColumn({ name: 'identity', type: 'text', isNullable: true }));
    await q.addColumn('test_cases', new TableColumn({ name: 'flaky', type: 'boolean', isNullable: true }));
    await q.addColumn('validations', new TableColumn({ name: 'reruns', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('validations', 'reruns');
    await q.dropColumn('test_cases', 'flaky');
    await q.dropColumn('test_cases', 'identity');
  }
}
