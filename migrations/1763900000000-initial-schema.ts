/**
 * Projects, proposals (with their queue and lease columns), validations and per-test results.
 * Portable between SQLite and PostgreSQL: timestamps are epoch milliseconds in bigint columns,
 * which also keeps lease arithmetic free of time zones.
 */
import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

const id = (name: string) => ({ name, type: 'varchar', length: '36' });
const ms = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });

export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'projects',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'name', type: 'varchar', length: '200', isUnique: true },
          { name: 'root_path', type: 'varchar', length: '4096' },
          { name: 'framework', type: 'varchar', length: '32', isNullable: true },
          { name: 'test_command', type: 'text', isNullable: true },
          { name: 'build', type: 'boolean', default: true },
          ms('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'proposals',
        columns: [
          { ...id('id'), isPrimary: true },
          id('project_id'),
          { name: 'title', type: 'varchar', length: '500', isNullable: true },
          { name: 'author', type: 'varchar', length: '200', isNullable: true },
          { name: 'changes', type: 'text' },
          { name: 'patch', type: 'text', isNullable: true },
          { name: 'content_key', type: 'varchar', length: '64' },
          { ...id('reused_from'), isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'priority', type: 'integer', default: 0 },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'lease_owner', type: 'varchar', length: '200', isNullable: true },
          ms('lease_expires_at', true),
          ms('not_before', true),
          { name: 'last_error', type: 'text', isNullable: true },
          ms('created_at'),
          ms('updated_at'),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['project_id'], referencedTableName: 'projects', referencedColumnNames: ['id'] })],
        indices: [
          new TableIndex({ name: 'idx_proposals_queue', columnNames: ['status', 'priority', 'created_at'] }),
          new TableIndex({ name: 'idx_proposals_content_key', columnNames: ['content_key'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'validations',
        columns: [
          { ...id('id'), isPrimary: true },
          id('proposal_id'),
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'outcome', type: 'varchar', length: '16' },
          { name: 'previous_outcome', type: 'varchar', length: '16', isNullable: true },
          { name: 'reason', type: 'text' },
          { name: 'reason_code', type: 'varchar', length: '64' },
          { name: 'framework', type: 'varchar', length: '32', isNullable: true },
          { name: 'framework_reason', type: 'text', isNullable: true },
          { name: 'image', type: 'varchar', length: '200', isNullable: true },
          { name: 'image_built', type: 'boolean' },
          { name: 'container_id', type: 'varchar', length: '80', isNullable: true },
          { name: 'worker', type: 'varchar', length: '200', isNullable: true },
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
          ms('started_at'),
          ms('finished_at'),
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
          id('validation_id'),
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
