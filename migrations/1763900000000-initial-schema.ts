/** Projects, proposals, validations and their per-test results. */
import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'projects',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'root_path', type: 'varchar', length: '4096', isUnique: true },
          { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'proposals',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'project_id', type: 'varchar', length: '36' },
          { name: 'title', type: 'varchar', length: '500', isNullable: true },
          { name: 'author', type: 'varchar', length: '200', isNullable: true },
          { name: 'changes', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
          { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['project_id'], referencedTableName: 'projects', referencedColumnNames: ['id'] })],
        indices: [new TableIndex({ name: 'idx_proposals_status', columnNames: ['status'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'validations',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'proposal_id', type: 'varchar', length: '36' },
          { name: 'outcome', type: 'varchar', length: '16' },
          { name: 'reason', type: 'text' },
          { name: 'reason_code', type: 'varchar', length: '64' },
          { name: 'framework', type: 'varchar', length: '32', isNullable: true },
          { name: 'framework_reason', type: 'text', isNullable: true },
          { name: 'image', type: 'varchar', length: '200', isNullable: true },
          { name: 'image_built', type: 'boolean' },
          { name: 'container_id', type: 'varchar', length: '80', isNullable: true },
          { name: 'exit_code', type: 'integer', isNullable: true },
          { name: 'timed_out', type: 'boolean' },
          { name: 'oom_killed', type: 'boolean' },
          { name: 'output_limit_exceeded', type: 'boolean' },
          { name: 'tests_total', type: 'integer' },
          { name: 'tests_passed', type: 'integer' },
          { name: 'tests_failed', type: 'integer' },
          { name: 'tests_errors', type: 'integer' },
          { name: 'tests_skipped', type: 'integer' },
          { name: 'coverage_lines', type: 'real', isNullable: true },
          { name: 'coverage_branches', type: 'real', isNullable: true },
          { name: 'durations', type: 'text' },
          { name: 'cpu_nanos', type: 'bigint', isNullable: true },
          { name: 'peak_memory_bytes', type: 'bigint', isNullable: true },
          { name: 'io_read_bytes', type: 'bigint', isNullable: true },
          { name: 'io_write_bytes', type: 'bigint', isNullable: true },
          { name: 'log', type: 'text' },
          { name: 'started_at', type: 'datetime' },
          { name: 'finished_at', type: 'datetime' },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['proposal_id'], referencedTableName: 'proposals', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
        indices: [new TableIndex({ name: 'idx_validations_proposal', columnNames: ['proposal_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'test_cases',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'validation_id', type: 'varchar', length: '36' },
          { name: 'suite', type: 'text' },
          { name: 'name', type: 'text' },
          { name: 'file', type: 'text', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'duration_ms', type: 'real', isNullable: true },
          { name: 'message', type: 'text', isNullable: true },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['validation_id'], referencedTableName: 'validations', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
        indices: [new TableIndex({ name: 'idx_test_cases_validation', columnNames: ['validation_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('test_cases');
    await q.dropTable('validations');
    await q.dropTable('proposals');
    await q.dropTable('projects');
  }
}
