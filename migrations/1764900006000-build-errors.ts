/**
 * With each validation, the errors its build listed when it failed (a JSON text column, plain ADD
 * COLUMN as 1764700002000), so a baseline's known errors never reject a change. What the image
 * installed of the dependencies is 1764900005000's `dependencies` column, for every toolchain.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BuildErrors1764900006000 implements MigrationInterface {
  name = 'BuildErrors1764900006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations ADD COLUMN build_errors text NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations DROP COLUMN build_errors');
  }
}
