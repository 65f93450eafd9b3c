/**
 * `validations.truncated`: what was cut to keep a validation's record bounded (test names,
 * messages, test cases beyond the cap, the log), in words; null when nothing was (issue 12).
 */
import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

export class ValidationTruncated1764600001000 implements MigrationInterface {
  name = 'ValidationTruncated1764600001000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('validations', new TableColumn({ name: 'truncated', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('validations', 'truncated');
  }
}
